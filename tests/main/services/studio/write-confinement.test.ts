/**
 * The web studio writes only inside the folders it was allowed (issue #17):
 * exports refuse links leading out of the destination, folder settings stay
 * inside the roots, and the examples stay read-only under a writable root.
 * Real studios, real files and symbolic links in temp folders.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ROOT, DATASETS_DIR, EXAMPLES_DIR, createWebStudio } from '../../../../src/main/server/web-studio.js';
import { createSettingsStore } from '../../../../src/main/services/settings.js';
import { defaultPorts } from '../../../../src/main/services/studio/default-ports.js';
import { createPathPolicy } from '../../../../src/main/services/studio/paths.js';
import type { DialogPort } from '../../../../src/main/services/studio/ports.js';
import { createStudio, type Studio } from '../../../../src/main/services/studio/studio.js';

let dir: string;
let root: string;
let outside: string;
const studios: Studio[] = [];
const savedCacheEnv = process.env.DEEPWIRE_CACHE_DIR;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'deepwire-confine-')));
  root = join(dir, 'work');
  outside = join(dir, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.json'), 'precious');
  process.env.DEEPWIRE_CACHE_DIR = join(dir, 'default-cache');
});
afterEach(async () => {
  for (const s of studios.splice(0)) await s.dispose();
  if (savedCacheEnv === undefined) delete process.env.DEEPWIRE_CACHE_DIR;
  else process.env.DEEPWIRE_CACHE_DIR = savedCacheEnv;
  rmSync(dir, { recursive: true, force: true });
});

function webStudio(options: Parameters<typeof createWebStudio>[0] = {}): Studio {
  const studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true, ...options });
  studios.push(studio);
  return studio;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 'ok' }) as { code: string; message?: string; where?: string },
    (e: { code: string; message: string; where?: string }) => e,
  );

describe('export into a folder holding links', () => {
  it('refuses a file in the destination that links outside, naming it, and overwrites nothing', async () => {
    const studio = webStudio();
    const { project } = await studio.call('project.openExample', { id: 'lenet5' });
    const out = join(root, 'tfjs-out');
    mkdirSync(out);
    symlinkSync(join(outside, 'victim.json'), join(out, 'model.json'));
    const e = await failure(studio.call('export.run', { project, format: 'tfjs', destination: out }));
    expect(e.code).toBe('DW615');
    expect(e.message).toContain(join(out, 'model.json'));
    expect(readFileSync(join(outside, 'victim.json'), 'utf8')).toBe('precious');
    expect(readdirSync(outside)).toEqual(['victim.json']);
    // Nothing half-done: no weights.bin beside the link, no staging folder left.
    expect(readdirSync(out)).toEqual(['model.json']);
    expect(readdirSync(root)).toEqual(['tfjs-out']);
  });

  it('refuses a sub-folder that links outside: no .npy file is written there', async () => {
    const studio = webStudio();
    const { project } = await studio.call('project.openExample', { id: 'lenet5' });
    const out = join(root, 'keras-out');
    mkdirSync(out);
    symlinkSync(outside, join(out, 'weights'));
    const e = await failure(studio.call('export.run', { project, format: 'keras', destination: out }));
    expect(e.code).toBe('DW615');
    expect(e.message).toContain(join(out, 'weights'));
    expect(readdirSync(outside)).toEqual(['victim.json']);
    expect(readdirSync(out)).toEqual(['weights']);
  });

  it('exports into an existing folder without links, replacing only its own files', async () => {
    const studio = webStudio();
    const { project } = await studio.call('project.openExample', { id: 'lenet5' });
    const out = join(root, 'keras-out');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    writeFileSync(join(out, 'README.md'), 'old');
    const r = await studio.call('export.run', { project, format: 'keras', destination: out });
    expect(r?.files).toContain(join(out, 'model.json'));
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/Keras export/);
    expect(readdirSync(root)).toEqual(['keras-out']);
  });
});

describe('folder settings', () => {
  it('refuses a dataset cache folder outside the served folders, and keeps one inside', async () => {
    const studio = webStudio();
    const e = await failure(studio.call('settings.set', { datasetCacheDir: join(outside, 'cache') }));
    expect(e).toMatchObject({ code: 'DW616', where: 'request.datasetCacheDir' });
    expect((await studio.call('settings.get', {})).datasetCacheDir).toBeNull();
    const inside = await studio.call('settings.set', { datasetCacheDir: join(root, 'cache') });
    expect(inside.datasetCacheDir).toBe(join(root, 'cache'));
    await studio.call('settings.set', { datasetCacheDir: null });
  });

  it('does not write into a folder a hand-edited settings file names: the default cache, with a warning', async () => {
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'settings.json'), JSON.stringify({ datasetCacheDir: join(outside, 'cache') }));
    const rows = ['x,y,label', ...Array.from({ length: 30 }, (_, i) => `${i},${i % 5},${i % 2 ? 'a' : 'b'}`)];
    writeFileSync(join(root, 'rows.csv'), rows.join('\n') + '\n');
    const studio = webStudio();
    const logs: string[] = [];
    studio.onEvent((event, payload) => {
      if (event === 'app.log')
        logs.push(`${(payload as { level: string }).level}: ${(payload as { message: string }).message}`);
    });
    const p = await studio.call('dataset.preview', {
      dataset: { source: 'csv', path: join(root, 'rows.csv'), labelColumn: 'label' },
      count: 4,
    });
    expect(p.trainSize).toBeGreaterThan(0);
    expect(existsSync(join(outside, 'cache'))).toBe(false);
    expect(readdirSync(join(dir, 'default-cache')).some((f) => f.endsWith('.dwds'))).toBe(true);
    expect(logs.join('\n')).toMatch(/warn: .*DW617/);
  });

  it('desktop: a folder not picked is asked for through the native dialog', async () => {
    const picks: (string | null)[] = [];
    const next = async () => (picks.length ? picks.shift()! : null);
    const dialogs: DialogPort = { openProject: next, saveProject: next, pick: next, exportFolder: next };
    const settings = createSettingsStore(join(dir, 'config', 'settings.json'));
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
    studios.push(studio);
    picks.push(null); // cancelled: nothing changes
    expect((await studio.call('settings.set', { datasetCacheDir: join(outside, 'cache') })).datasetCacheDir).toBeNull();
    mkdirSync(join(dir, 'picked'));
    picks.push(join(dir, 'picked'));
    expect((await studio.call('settings.set', { datasetCacheDir: join(outside, 'cache') })).datasetCacheDir).toBe(
      join(dir, 'picked'),
    );
    // Picked once, the folder may be named again without asking.
    expect((await studio.call('settings.set', { datasetCacheDir: join(dir, 'picked') })).datasetCacheDir).toBe(
      join(dir, 'picked'),
    );
  });
});

describe('the examples under a writable root', () => {
  it('stay read-only, even opened from the command line (what `npm start` does)', async () => {
    const examples = join(root, 'resources', 'examples');
    mkdirSync(examples, { recursive: true });
    const example = join(examples, 'mnist-cnn.deepwire');
    copyFileSync(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), example);
    const before = readFileSync(example, 'utf8');
    const studio = webStudio({ examplesDir: examples, open: [example] });
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    expect((await failure(studio.call('project.save', { project, path: example }))).code).toBe('DW605');
    expect((await failure(studio.call('project.save', { project, path: join(examples, 'new.deepwire') }))).code).toBe(
      'DW605',
    );
    expect(
      (await failure(studio.call('export.run', { project, format: 'history', destination: join(examples, 'out') })))
        .code,
    ).toBe('DW605');
    expect(readFileSync(example, 'utf8')).toBe(before);
    expect(readdirSync(examples)).toEqual(['mnist-cnn.deepwire']);
    // Beside them, the root is still writable.
    expect((await failure(studio.call('project.save', { project, path: join(root, 'mine.deepwire') }))).code).toBe(
      'ok',
    );
  });

  it('stay read-only in the studio `npm start` serves (the repository root)', async () => {
    const studio = webStudio({ roots: [APP_ROOT] });
    const where = 'request.path';
    expect((await failure(studio.deps.paths.writable(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), where))).code).toBe(
      'DW605',
    );
    expect((await failure(studio.deps.paths.writable(join(DATASETS_DIR, 'new.csv'), where))).code).toBe('DW605');
    expect((await failure(studio.deps.paths.readable(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), where))).code).toBe(
      'ok',
    );
  });
});
