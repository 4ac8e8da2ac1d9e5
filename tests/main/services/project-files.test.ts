import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createProject,
  listExamples,
  readExample,
  readProjectFile,
  resolveDatasetPaths,
  writeProjectFile,
} from '../../../src/main/services/project-files.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { APP_VERSION, newProject, serializeProject } from '../../../src/shared/project/index.js';
import { RESOURCES } from '../../../scripts/make-examples.js';

const examplesDir = join(RESOURCES, 'examples');
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-projects-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('project files', () => {
  it('write → read round trip, stamped with the save time and this app', async () => {
    const path = join(dir, 'gan.deepwire');
    const project = newProject('gan', 'My GAN', { now: new Date('2026-01-01T00:00:00Z') });
    const saved = await writeProjectFile(path, project, { now: new Date('2026-11-23T10:00:00Z') });
    expect(saved.modifiedAt).toBe('2026-11-23T10:00:00.000Z');
    expect(saved.createdAt).toBe('2026-01-01T00:00:00.000Z');
    const { project: back, migratedFrom, warnings } = await readProjectFile(path);
    expect(back).toEqual(saved);
    expect(migratedFrom).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(await fs.readFile(path, 'utf8')).toBe(serializeProject(saved));
  });

  it('the app version written into files is the package version', async () => {
    const pkg = JSON.parse(await fs.readFile(join(RESOURCES, '..', 'package.json'), 'utf8'));
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('an invalid project is refused before anything is written (DW203)', async () => {
    const path = join(dir, 'bad.deepwire');
    const project = { ...newProject('classifier', 'Bad'), training: { batchSize: -3 } };
    const e = await rejection(writeProjectFile(path, project));
    expect([e.code, e.where]).toEqual(['DW203', 'training.batchSize']);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('unreadable files → DW205 naming the path', async () => {
    const missing = join(dir, 'missing.deepwire');
    const e = await rejection(readProjectFile(missing));
    expect([e.code, e.where]).toEqual(['DW205', missing]);
    expect(e.detail).toMatch(/does not exist/);
    const folder = join(dir, 'folder.deepwire');
    await fs.mkdir(folder);
    expect((await rejection(readProjectFile(folder))).code).toBe('DW205');
  });

  it('broken files on disk give their numbered errors, with the file name', async () => {
    const cases: [string, string, string | undefined][] = [
      ['truncated.deepwire', '{"format": "deepwire-project", "version": 1, "kind"', 'DW202'],
      ['keras.deepwire', '{"class_name": "Sequential", "config": {}}', 'DW201'],
      ['future.deepwire', '{"format": "deepwire-project", "version": 99}', 'DW204'],
    ];
    for (const [name, text, code] of cases) {
      await fs.writeFile(join(dir, name), text);
      const e = await rejection(readProjectFile(join(dir, name)));
      expect(e.code).toBe(code);
      expect(e.message).toContain(name);
    }
    // The end of the one-line file: column = length + 1.
    expect((await rejection(readProjectFile(join(dir, 'truncated.deepwire')))).where).toBe(
      `truncated.deepwire:1:${cases[0][1].length + 1}`,
    );
  });

  it('lists the examples and opens one with its dataset path made absolute', async () => {
    const list = await listExamples(examplesDir);
    // Every example file is listed, sorted by id.
    const files = (await fs.readdir(examplesDir))
      .filter((f) => f.endsWith('.deepwire'))
      .map((f) => f.slice(0, -'.deepwire'.length));
    expect(list.map((e) => e.id)).toEqual([...files].sort());
    expect(list.map((e) => e.id)).toEqual(
      expect.arrayContaining([
        'cyclegan-mnist',
        'cdcgan-mnist',
        'dcgan-mnist',
        'lstm-mnist-rows',
        'mlp-gan',
        'mnist-cnn',
        'sgan-mnist',
        'simple-rnn',
      ]),
    );
    expect(list.find((e) => e.id === 'mlp-gan')).toMatchObject({ kind: 'gan', name: 'MLP GAN' });
    const rnn = await readExample(examplesDir, 'simple-rnn');
    expect(rnn.dataset?.source === 'csv-series' && rnn.dataset.path).toBe(join(RESOURCES, 'datasets', 'sine.csv'));
    await fs.access(join(RESOURCES, 'datasets', 'sine.csv'));
    expect((await rejection(readExample(examplesDir, '../package'))).code).toBe('DW205');
  });

  it('new projects: empty of a kind, or a fresh copy of an example', async () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const empty = await createProject('regressor', examplesDir, undefined, now);
    expect(empty).toMatchObject({ kind: 'regressor', graph: { nodes: [], edges: [] }, createdAt: now.toISOString() });
    expect(empty.dataset).toBeUndefined();
    const copy = await createProject('classifier', examplesDir, 'mnist-cnn', now);
    expect(copy.graph.nodes).toHaveLength(6);
    expect(copy.createdAt).toBe(now.toISOString());
    expect(copy.runs).toEqual([]);
  });

  it('relative dataset paths resolve against the project file folder; absolute ones stay', () => {
    const project = join(dir, 'sub', 'p.deepwire');
    expect(
      resolveDatasetPaths(
        { source: 'csv', path: 'data/x.csv', labelColumn: 'y', normalize: true, validationSplit: 0.1, seed: 1 },
        project,
      ),
    ).toMatchObject({
      path: join(dir, 'sub', 'data', 'x.csv'),
    });
    expect(
      resolveDatasetPaths({ source: 'idx', images: '/abs/i', labels: 'l', validationSplit: 0.1, seed: 1 }, project),
    ).toMatchObject({
      images: '/abs/i',
      labels: join(dir, 'sub', 'l'),
    });
    expect(resolveDatasetPaths({ source: 'mnist', validationSplit: 0.1, seed: 1 }, project)).toEqual({
      source: 'mnist',
      validationSplit: 0.1,
      seed: 1,
    });
  });
});
