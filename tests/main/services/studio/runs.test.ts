/** runs.* through the real studio (web transport's handlers), on real project files in a temp folder. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebStudio, EXAMPLES_DIR } from '../../../../src/main/server/web-studio.js';
import { readProjectFile, writeProjectFile } from '../../../../src/main/services/project-files.js';
import { runSidePath } from '../../../../src/main/services/project-update.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import {
  encodeWeights,
  graphRevision,
  parseProject,
  type Project,
  type RunRecord,
} from '../../../../src/shared/project/index.js';

let dir: string;
let root: string;
let studio: Studio;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-runs-'));
  root = join(dir, 'work');
  mkdirSync(root);
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const example = (): Project => parseProject(readFileSync(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), 'utf8')).project;

/** A run of `project` at learning rate `lr`, with per-epoch and per-batch loss. */
function run(project: Project, i: number, lr: number, graph = project.graph): RunRecord {
  const steps = Array.from({ length: 40 + i }, (_, k) => k + 1);
  return {
    id: `run-${i}-${lr}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, i, 20)).toISOString(),
    status: 'completed',
    backend: 'wasm',
    device: 'cpu, 1 thread',
    datasetSizes: { train: 300, validation: 30, test: 100 },
    graphRevision: graphRevision(graph),
    graph,
    config: {
      dataset: { ...project.dataset!, limit: 300 },
      training: { ...project.training, optimizer: { name: 'adam', learningRate: lr } },
    },
    epochsCompleted: 2,
    history: { loss: [1 / i, 0.5 / i], accuracy: [0.5, 0.6] },
    metrics: { testLoss: 0.3, testAccuracy: 0.9 - i / 100, samplesPerSecond: 1000 * i },
    batchHistory: { loss: { step: steps, value: steps.map((s) => 2 / s) } },
  };
}

describe('runs.* (History panel)', () => {
  it("lists the document's runs together with runs only its file holds, numbered oldest first", async () => {
    const p = example();
    const [r1, r2, r3] = [run(p, 1, 1e-3), run(p, 2, 1e-2), run(p, 3, 1e-4)];
    const file = join(root, 'cnn.deepwire');
    // The file gained run 2 (a CLI run) after the document was loaded with runs 1 and 3.
    await writeProjectFile(file, { ...p, runs: [r1, r2] });
    const { rows } = await studio.call('runs.list', { runs: [r1, r3], projectPath: file });
    expect(rows.map((r) => [r.index, r.id])).toEqual([
      [1, r1.id],
      [2, r2.id],
      [3, r3.id],
    ]);
    expect(rows[1]).toMatchObject({
      backend: 'wasm',
      device: 'cpu, 1 thread',
      dataset: 'mnist',
      datasetSize: 300,
      durationSeconds: 20,
      samplesPerSecond: 2000,
      outcome: 'completed',
      graphRevision: graphRevision(p.graph),
    });
    expect(rows[1].hyperparameters['training.optimizer.learningRate']).toBe(1e-2);
    // An unsaved document: its own runs only.
    expect((await studio.call('runs.list', { runs: [r3] })).rows).toHaveLength(1);
  });

  it('overlays a metric of three runs on one x axis, per epoch and per batch', async () => {
    const p = example();
    const runs = [run(p, 1, 1e-3), run(p, 2, 1e-2), run(p, 3, 1e-4)];
    const ids = runs.map((r) => r.id);
    const epochs = await studio.call('runs.curves', { runs, ids, scale: 'epoch' });
    expect(epochs).toMatchObject({ metric: 'loss', metrics: ['loss', 'accuracy'], x: [1, 2] });
    expect(epochs.series.map((s) => s.label)).toEqual(['Run 1', 'Run 2', 'Run 3']);
    expect(epochs.series[1].values).toEqual([0.5, 0.25]);
    const acc = await studio.call('runs.curves', { runs, ids: ids.slice(0, 2), metric: 'accuracy' });
    expect(acc.series.map((s) => s.values)).toEqual([
      [0.5, 0.6],
      [0.5, 0.6],
    ]);
    // Per batch: runs of 41, 42 and 43 batches share steps 1..43; a run has null where it has no point.
    const batches = await studio.call('runs.curves', { runs, ids, scale: 'batch', points: 20 });
    expect(batches.metric).toBe('loss');
    expect(batches.series).toHaveLength(3);
    for (const s of batches.series) expect(s.values).toHaveLength(batches.x.length);
    expect(batches.x[0]).toBe(1);
    expect(batches.x.at(-1)).toBe(43);
    expect(batches.series[0].values.filter((v) => v !== null).length).toBeLessThanOrEqual(20);
  });

  it('diffs two runs: the learning rate, a changed layer with its params, final metrics', async () => {
    const p = example();
    const graph = {
      ...p.graph,
      nodes: p.graph.nodes.map((n) => (n.kind === 'Conv2D' ? { ...n, params: { ...n.params, filters: 7 } } : n)),
    } as Project['graph'];
    const runs = [run(p, 1, 1e-3), run(p, 2, 1e-2, graph)];
    const { diff, indexA, indexB } = await studio.call('runs.diff', { runs, a: runs[0].id, b: runs[1].id });
    expect([indexA, indexB]).toEqual([1, 2]);
    expect(diff.hyperparameters).toContainEqual({ key: 'training.optimizer.learningRate', a: 1e-3, b: 1e-2 });
    expect(diff.graph.comparable).toBe(true);
    expect(diff.graph.changed.some((c) => c.params.some((x) => x.key === 'filters' && x.b === 7))).toBe(true);
    expect(diff.metrics.find((m) => m.key === 'testAccuracy')).toEqual({ key: 'testAccuracy', a: 0.89, b: 0.88 });
  });

  it("restores a past run's graph with its stored weights, keeping the displaced ones beside the file", async () => {
    const p = example();
    const edited = {
      ...p.graph,
      nodes: p.graph.nodes.map((n) => (n.kind === 'Conv2D' ? { ...n, params: { ...n.params, filters: 3 } } : n)),
    } as Project['graph'];
    const old = run(p, 1, 1e-3);
    const now = run(p, 2, 1e-2, edited);
    const specs = [{ name: 'dense/bias', shape: [2], values: new Float32Array([1, 2]) }];
    const file = join(root, 'cnn.deepwire');
    const doc = { ...p, graph: edited, runs: [old, now], weights: encodeWeights(specs, edited) };
    await writeProjectFile(file, doc);
    // Run 1's weights were saved in its side project (the model changed while it trained).
    await writeProjectFile(runSidePath(file, old.id), { ...p, runs: [old], weights: encodeWeights(specs, p.graph) });
    const r = await studio.call('runs.restore', { project: doc, run: old.id, projectPath: file });
    expect(r).toMatchObject({ index: 1, graphChanged: true, weightsState: 'restored' });
    expect(graphRevision(r.graph)).toBe(graphRevision(p.graph));
    expect(r.weights?.graphRevision).toBe(graphRevision(p.graph));
    expect(r.displacedPath).not.toBeNull();
    expect((await readProjectFile(r.displacedPath!)).project.weights?.graphRevision).toBe(graphRevision(edited));
    // The run that trained the current graph: nothing changes.
    const same = await studio.call('runs.restore', { project: doc, run: now.id, projectPath: file });
    expect(same).toMatchObject({ graphChanged: false, weightsState: 'kept', weights: null, displacedPath: null });
  });

  it('deletes runs from the file under its lock, so a later save does not bring them back', async () => {
    const p = example();
    const runs = [run(p, 1, 1e-3), run(p, 2, 1e-2), run(p, 3, 1e-4)];
    const file = join(root, 'cnn.deepwire');
    await writeProjectFile(file, { ...p, runs });
    const { deleted } = await studio.call('runs.delete', { ids: [runs[1].id, 'not-there'], projectPath: file });
    expect(deleted).toEqual([runs[1].id]);
    expect((await readProjectFile(file)).project.runs.map((r) => r.id)).toEqual([runs[0].id, runs[2].id]);
    // The page no longer lists it: the document drops it, the file has it no more.
    const { rows } = await studio.call('runs.list', { runs: [runs[0], runs[2]], projectPath: file });
    expect(rows).toHaveLength(2);
    expect((await studio.call('runs.delete', { ids: [runs[0].id] })).deleted).toEqual([]);
  });

  it('DW625 for a run the history lacks, DW601 for a damaged record, DW605 for a file outside the roots', async () => {
    const p = example();
    const runs = [run(p, 1, 1e-3)];
    await expect(studio.call('runs.diff', { runs, a: runs[0].id, b: 'gone' })).rejects.toMatchObject({
      code: 'DW625',
      where: 'request.b',
    });
    const damaged = [{ ...runs[0], startedAt: 'yesterday' }] as unknown as RunRecord[];
    await expect(studio.call('runs.list', { runs: damaged })).rejects.toMatchObject({
      code: 'DW601',
      where: 'request.runs[0].startedAt',
    });
    const outside = join(dir, 'elsewhere.deepwire');
    await writeProjectFile(outside, { ...p, runs });
    await expect(studio.call('runs.list', { runs, projectPath: outside })).rejects.toMatchObject({ code: 'DW605' });
    await expect(studio.call('runs.delete', { ids: ['x'], projectPath: outside })).rejects.toMatchObject({
      code: 'DW605',
    });
    expect(existsSync(outside)).toBe(true);
  });
});
