/**
 * The studio as the desktop app builds it (transport 'electron', exact-path
 * allow-list, a real settings file in `dir/config`), with the native dialogs
 * replaced by a script of what the user picks: Electron's dialogs cannot open
 * in tests; everything behind them is real.
 */
import { join } from 'node:path';
import { EXAMPLES_DIR } from '../../../../src/main/server/web-studio.js';
import { createSettingsStore } from '../../../../src/main/services/settings.js';
import { defaultPorts } from '../../../../src/main/services/studio/default-ports.js';
import { createPathPolicy } from '../../../../src/main/services/studio/paths.js';
import type { DialogPort } from '../../../../src/main/services/studio/ports.js';
import { createStudio, type Studio } from '../../../../src/main/services/studio/studio.js';

export interface DesktopStudio {
  studio: Studio;
  /** What the next dialogs answer, in order (null = the user cancelled; none left = cancelled). */
  picks: (string | null)[];
  settingsFile: string;
}

export function desktopStudio(dir: string): DesktopStudio {
  const picks: (string | null)[] = [];
  const next = async () => (picks.length ? picks.shift()! : null);
  const dialogs: DialogPort = {
    openProject: next,
    saveProject: next,
    pick: next,
    exportFolder: next,
    pickPython: next,
  };
  const settingsFile = join(dir, 'config', 'settings.json');
  const settings = createSettingsStore(settingsFile);
  const studio = createStudio({
    transport: 'electron',
    version: 'test',
    settings,
    paths: createPathPolicy({ roots: [{ path: EXAMPLES_DIR, writable: false }] }),
    examplesDir: EXAMPLES_DIR,
    recoveryDir: join(dir, 'config', 'recovery'),
    dialogs,
    checkResponses: true,
    ...defaultPorts({ examplesDir: EXAMPLES_DIR, settings, version: 'test' }),
  });
  return { studio, picks, settingsFile };
}
