import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, createWebStudio } from '../../../../src/main/server/web-studio.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import { DeepwireError } from '../../../../src/shared/errors.js';

let dir: string;
let root: string;
let studio: Studio;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-projects-'));
  root = join(dir, 'work');
  mkdirSync(root);
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('project commands', () => {
  it('lists the shipped examples and opens one as an untitled copy', async () => {
    const { examples } = await studio.call('project.listExamples', {});
    const cnn = examples.find((e) => e.id === 'mnist-cnn');
    expect(cnn).toMatchObject({ name: 'MNIST CNN', kind: 'classifier' });
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const opened = await studio.call('project.openExample', { id: 'mnist-cnn' });
    expect(opened).toMatchObject({ path: null, example: 'mnist-cnn', migratedFrom: null });
    expect(opened.project.graph.nodes.length).toBeGreaterThan(3);
    expect((await failure(studio.call('project.openExample', { id: '../secret' }))).code).toBe('DW205');
    expect((await failure(studio.call('project.openExample', { id: 'no-such-example' }))).code).toBe('DW205');
  });

  it('opening an example by path also gives an untitled copy, so saving never overwrites it', async () => {
    const opened = await studio.call('project.open', { path: join(EXAMPLES_DIR, 'mnist-cnn.deepwire') });
    expect(opened).toMatchObject({ path: null, example: 'mnist-cnn' });
    const write = await failure(
      studio.call('project.save', { project: opened!.project, path: join(EXAMPLES_DIR, 'mnist-cnn.deepwire') }),
    );
    expect(write.code).toBe('DW605');
  });

  it('saves, reopens the same graph, and remembers the file as recent', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const saved = await studio.call('project.saveAs', {
      project: { ...project, name: 'My CNN' },
      path: join(root, 'mine'),
    });
    expect(saved?.path).toBe(join(root, 'mine.deepwire'));
    const text = readFileSync(join(root, 'mine.deepwire'), 'utf8');
    expect(text.startsWith('{\n  "format": "deepwire-project"')).toBe(true);

    const reopened = await studio.call('project.open', { path: join(root, 'mine.deepwire') });
    expect(reopened?.path).toBe(join(root, 'mine.deepwire'));
    expect(reopened?.project.name).toBe('My CNN');
    expect(reopened?.project.graph).toEqual(project.graph);

    const { recent } = await studio.call('project.recent', { action: 'list' });
    expect(recent[0]).toMatchObject({ path: join(root, 'mine.deepwire'), name: 'My CNN', exists: true });
    rmSync(join(root, 'mine.deepwire'));
    expect((await studio.call('project.recent', { action: 'list' })).recent[0].exists).toBe(false);
    expect(
      (await studio.call('project.recent', { action: 'remove', path: join(root, 'mine.deepwire') })).recent,
    ).toEqual([]);
  });

  it('creates new projects of each kind, and from a template of the same kind', async () => {
    for (const kind of ['classifier', 'regressor', 'gan'] as const) {
      const r = await studio.call('project.new', { kind });
      expect(r.project).toMatchObject({ kind, graph: { nodes: [], edges: [] } });
    }
    const fromTemplate = await studio.call('project.new', { kind: 'classifier', template: 'mnist-cnn' });
    expect(fromTemplate.project.graph.nodes.length).toBeGreaterThan(0);
    expect((await failure(studio.call('project.new', { kind: 'gan', template: 'mnist-cnn' }))).code).toBe('DW601');
    // A new project saves as it is.
    const fresh = await studio.call('project.new', { kind: 'regressor' });
    expect(
      await studio.call('project.save', { project: fresh.project, path: join(root, 'reg.deepwire') }),
    ).toMatchObject({ path: join(root, 'reg.deepwire') });
  });

  it('migrates older files in memory and says so; refuses newer ones', async () => {
    copyFileSync(
      join(process.cwd(), 'tests', 'shared', 'project', 'fixtures', 'v0-draft.deepwire'),
      join(root, 'old.deepwire'),
    );
    const before = readFileSync(join(root, 'old.deepwire'), 'utf8');
    const opened = await studio.call('project.open', { path: join(root, 'old.deepwire') });
    expect(opened?.migratedFrom).toBe(0);
    expect(readFileSync(join(root, 'old.deepwire'), 'utf8')).toBe(before);

    const newer = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, 'newer.deepwire'), JSON.stringify({ ...newer, version: 99 }));
    expect((await failure(studio.call('project.open', { path: join(root, 'newer.deepwire') }))).code).toBe('DW204');
    writeFileSync(join(root, 'broken.deepwire'), '{ "format": "deepwire-project", ');
    expect((await failure(studio.call('project.open', { path: join(root, 'broken.deepwire') }))).code).toBe('DW202');
    expect((await failure(studio.call('project.open', { path: join(root, 'missing.deepwire') }))).code).toBe('DW205');
  });

  it('never writes an invalid project, and keeps the old file', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    await studio.call('project.save', { project, path: join(root, 'keep.deepwire') });
    const before = readFileSync(join(root, 'keep.deepwire'), 'utf8');
    const bad = await failure(
      studio.call('project.save', { project: { ...project, unexpected: true }, path: join(root, 'keep.deepwire') }),
    );
    expect(bad.code).toBe('DW203');
    expect(readFileSync(join(root, 'keep.deepwire'), 'utf8')).toBe(before);
  });

  it('tells the page when another program changes or deletes an open file, but not for its own saves', async () => {
    const seen: unknown[] = [];
    studio.onEvent((event, payload) => {
      if (event === 'project.changedOnDisk') seen.push(payload);
    });
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 20));
    };
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const file = join(root, 'watched.deepwire');
    await studio.call('project.save', { project, path: file });
    await studio.call('project.open', { path: file });
    await studio.call('project.save', { project: { ...project, name: 'Saved by us' }, path: file });
    await new Promise((r) => setTimeout(r, 400));
    expect(seen).toEqual([]);
    await new Promise((r) => setTimeout(r, 20)); // a later modification time than our save
    writeFileSync(file, readFileSync(file, 'utf8').replace('Saved by us', 'Edited elsewhere'));
    await waitFor(1);
    expect(seen).toEqual([{ path: file, deleted: false }]);
    rmSync(file);
    await waitFor(2);
    expect(seen[1]).toEqual({ path: file, deleted: true });
  });

  it('needs a path in the web studio (DW608) and refuses paths outside its folders (DW605)', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    expect((await failure(studio.call('project.save', { project }))).code).toBe('DW608');
    expect((await failure(studio.call('project.saveAs', { project, path: join(dir, 'escape.deepwire') }))).code).toBe(
      'DW605',
    );
    expect((await failure(studio.call('project.open', { path: '/etc/passwd' }))).code).toBe('DW605');
  });
});
