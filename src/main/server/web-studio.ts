/**
 * The studio as the web transport builds it: settings shared with the
 * desktop app, paths limited to the folders it serves (read-write) and the
 * examples (read-only), no native dialogs.
 */
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createSettingsStore, defaultConfigDir } from '../services/settings.js';
import { defaultPorts } from '../services/studio/default-ports.js';
import { createPathPolicy } from '../services/studio/paths.js';
import type { DatasetPort, ExportPort, ProjectFilesPort, TrainingPort } from '../services/studio/ports.js';
import { createStudio, type Studio } from '../services/studio/studio.js';

/** The repository / package root (this file is src/main/server/web-studio.ts). */
export const APP_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXAMPLES_DIR = join(APP_ROOT, 'resources', 'examples');
/** Data files the examples use (sine.csv…): readable, never writable. */
export const DATASETS_DIR = join(APP_ROOT, 'resources', 'datasets');
export const WEB_ROOT = join(APP_ROOT, 'out', 'web');

export function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export interface WebStudioOptions {
  /** Folders the browser may open and save in (default: the current folder). */
  roots?: string[];
  configDir?: string;
  examplesDir?: string;
  /** Replace a service (tests use temp folders, never fakes of what runs here). */
  ports?: Partial<{ projects: ProjectFilesPort; training: TrainingPort; datasets: DatasetPort; exporter: ExportPort }>;
  checkResponses?: boolean;
  /** Project files to open in the first page (command-line arguments). */
  open?: string[];
}

export function createWebStudio(options: WebStudioOptions = {}): Studio {
  const examplesDir = options.examplesDir ?? EXAMPLES_DIR;
  const roots = (options.roots?.length ? options.roots : [process.cwd()]).map((r) => ({
    path: resolve(r),
    writable: true,
  }));
  const paths = createPathPolicy({
    roots: [...roots, { path: examplesDir, writable: false }, { path: DATASETS_DIR, writable: false }],
  });
  const configDir = options.configDir ?? defaultConfigDir();
  const settings = createSettingsStore(join(configDir, 'settings.json'));
  const studio = createStudio({
    transport: 'web',
    version: appVersion(),
    settings,
    paths,
    examplesDir,
    recoveryDir: join(configDir, 'recovery'),
    ...defaultPorts({ examplesDir, settings, version: appVersion(), paths }),
    ...options.ports,
    checkResponses: options.checkResponses,
  });
  for (const file of options.open ?? []) studio.requestOpen(resolve(file));
  return studio;
}
