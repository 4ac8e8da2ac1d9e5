/**
 * The `pythonPath` setting (issue #12): chosen only through the desktop's
 * native file dialog (a script of what the user picks stands in for it), kept
 * in the real settings file, checked to be a Python with torch when picked,
 * and used by the studio's PyTorch runs. Pages cannot set it: `settings.set`
 * refuses the field, and the web studio refuses `settings.choosePython`.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPython } from '../../../../src/main/engine/pytorch/python.js';
import { createSettingsStore } from '../../../../src/main/services/settings.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import { desktopStudio } from './desktop-studio.js';
import { startTestStudio, studioClient } from '../../server/helpers.js';

let dir: string;
let settingsFile: string;
let picks: (string | null)[];
let studio: Studio;

/** A program that answers Deepwire's Python check like a Python without torch. */
function pythonWithoutTorch(): string {
  const file = join(dir, 'python-no-torch');
  const answer = JSON.stringify({ executable: file, version: '3.11.0', torch: false, numpy: true });
  writeFileSync(file, `#!/bin/sh\necho '${answer}'\n`);
  chmodSync(file, 0o755);
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-python-setting-'));
  ({ studio, picks, settingsFile } = desktopStudio(dir));
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const onDisk = () => JSON.parse(readFileSync(settingsFile, 'utf8')) as { pythonPath?: string | null };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; where?: string }) => e,
  );

describe('the pythonPath setting on the desktop', () => {
  it('keeps the Python picked in the native dialog in the settings file, across a reset, until "use the default"', async () => {
    const python = (await findPython()).executable; // a real Python with torch (CI: Debian's python3-torch)
    picks.push(python);
    expect(await studio.call('settings.choosePython', {})).toMatchObject({ pythonPath: python });
    expect(onDisk().pythonPath).toBe(python);
    // The other transport (and the next start) reads it from the same file.
    expect((await createSettingsStore(settingsFile).get()).pythonPath).toBe(python);
    expect(await studio.call('settings.reset', {})).toMatchObject({ pythonPath: python, theme: 'system' });
    picks.push(null); // the user cancels: nothing changes
    expect(await studio.call('settings.choosePython', {})).toBeNull();
    expect(onDisk().pythonPath).toBe(python);
    expect(await studio.call('settings.choosePython', { useDefault: true })).toMatchObject({ pythonPath: null });
    expect(onDisk().pythonPath).toBeNull();
  }, 30_000);

  it('refuses a pick that cannot train (no torch: DW523; not a program: DW522) and keeps the setting', async () => {
    picks.push(pythonWithoutTorch());
    expect(await failure(studio.call('settings.choosePython', {}))).toMatchObject({ code: 'DW523' });
    const notAProgram = join(dir, 'notes.txt');
    writeFileSync(notAProgram, 'not a python');
    picks.push(notAProgram);
    expect(await failure(studio.call('settings.choosePython', {}))).toMatchObject({ code: 'DW522' });
    expect((await studio.call('settings.get', {})).pythonPath).toBeNull();
  }, 20_000);

  it('is never taken from a page: settings.set refuses the field (DW601)', async () => {
    const e = await failure(studio.call('settings.set', { pythonPath: '/usr/bin/python3' } as never));
    expect(e).toMatchObject({ code: 'DW601' });
    expect((await studio.call('settings.get', {})).pythonPath).toBeNull();
  });

  it("is the Python the studio's PyTorch runs use", async () => {
    const fake = pythonWithoutTorch();
    const settings = createSettingsStore(settingsFile);
    await settings.setPythonPath(fake); // as a desktop pick leaves it (the pick itself checks torch)
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const events: { type: string; code?: string; message?: string }[] = [];
    const ended = new Promise<void>((resolve) =>
      studio.onEvent((name, payload) => {
        if (name !== 'training.event') return;
        const { event } = payload as { event: { type: string; code?: string; message?: string } };
        events.push(event);
        if (event.type === 'error' || event.type === 'done') resolve();
      }),
    );
    await studio.call('training.start', { project, overrides: { backend: 'pytorch', limit: 64, epochs: 1 } });
    await ended;
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({ code: 'DW523' });
    expect(error?.message).toContain(fake);
  }, 60_000);
});

describe('the pythonPath setting in the web studio', () => {
  it('cannot be set over the WebSocket: settings.set is DW601, settings.choosePython is DW620', async () => {
    const t = await startTestStudio();
    const client = studioClient(t.server.port, t.server.token);
    try {
      const set = await failure(client.call('settings.set', { pythonPath: '/usr/bin/python3' } as never));
      expect(set).toMatchObject({ code: 'DW601' });
      expect(await failure(client.call('settings.choosePython', {}))).toMatchObject({ code: 'DW620' });
      expect(await failure(client.call('settings.choosePython', { useDefault: true }))).toMatchObject({
        code: 'DW620',
      });
      expect((await client.call('settings.get', {})).pythonPath).toBeNull();
    } finally {
      client.close();
      await t.close();
    }
  }, 20_000);
});
