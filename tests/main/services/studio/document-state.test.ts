/** app.documentState carries the document's recovery id to the shell (Don't Save on close drops the autosaved copy). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../src/main/server/web-studio.js';
import { createSettingsStore } from '../../../../src/main/services/settings.js';
import { defaultPorts } from '../../../../src/main/services/studio/default-ports.js';
import { createPathPolicy } from '../../../../src/main/services/studio/paths.js';
import { createStudio, type Studio } from '../../../../src/main/services/studio/studio.js';
import type { DocumentState } from '../../../../src/main/services/studio/types.js';

let dir: string;
let studio: Studio;
const states: DocumentState[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-docstate-'));
  const settings = createSettingsStore(join(dir, 'settings.json'));
  studio = createStudio({
    transport: 'electron',
    version: 'test',
    settings,
    paths: createPathPolicy({ roots: [] }),
    examplesDir: EXAMPLES_DIR,
    recoveryDir: join(dir, 'recovery'),
    checkResponses: true,
    onDocumentState: (s) => states.push(s),
    ...defaultPorts({ examplesDir: EXAMPLES_DIR, settings, version: 'test' }),
  });
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

it('passes title, dirty and docId through; docId defaults to null and must be a valid id', async () => {
  await studio.call('app.documentState', { title: 'CNN', dirty: true, docId: 'doc-1' });
  await studio.call('app.documentState', { title: null, dirty: false });
  expect(states).toEqual([
    { title: 'CNN', dirty: true, docId: 'doc-1' },
    { title: null, dirty: false, docId: null },
  ]);
  expect(await studio.dispatch('app.documentState', { title: 'x', dirty: true, docId: '../etc' })).toMatchObject({
    ok: false,
    problem: { code: 'DW601' },
  });
});
