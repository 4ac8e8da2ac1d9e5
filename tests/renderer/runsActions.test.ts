/** The History panel's actions against the real studio: restore (one undo step), delete (document and file). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { createEditor, type Editor } from '../../src/renderer/app/editor.js';
import { sortRows } from '../../src/renderer/history/sortRows.js';
import { documentRuns, historySource } from '../../src/renderer/history/source.js';
import type { GraphDoc } from '../../src/shared/graph/types.js';
import { graphRevision } from '../../src/shared/project/revision.js';
import type { RunRecord } from '../../src/shared/project/runs-schema.js';
import { trainingConfigSchema } from '../../src/shared/training/config.js';
import { trainedGraph } from '../../src/shared/runs/record.js';
import { runRow } from '../../src/shared/runs/table.js';
import { startRealStudio, type RealStudio } from './realStudio.js';

let real: RealStudio;
beforeAll(async () => {
  real = await startRealStudio();
});
afterAll(async () => real.dispose());

function record(graph: GraphDoc, i: number, lr: number): RunRecord {
  return {
    id: `run-${i}`,
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
    endedAt: new Date(Date.UTC(2026, 0, 1, 0, i, 10 * i)).toISOString(),
    status: 'completed',
    backend: 'wasm',
    ...trainedGraph(graph),
    config: {
      dataset: { source: 'mnist', validationSplit: 0.1, seed: 42, limit: 100 },
      training: trainingConfigSchema.parse({ optimizer: { name: 'adam', learningRate: lr } }),
    },
    epochsCompleted: 1,
    history: { loss: [1 / i] },
    metrics: { testAccuracy: 0.5 + i / 10 },
  };
}

async function cnnWithTwoRuns(): Promise<{ ed: Editor; original: GraphDoc; edited: GraphDoc }> {
  const ed = createEditor({ client: real.client() });
  expect(await ed.registry.execute(ACTIONS.newProject, ed.ctx, { template: 'mnist-cnn' })).toBe(true);
  const original = ed.ctx.graph.getState().doc;
  ed.ctx.project.getState().recordRun(record(original, 1, 1e-3) as never, null);
  const dense = original.nodes.find((n) => n.kind === 'Dense')!;
  ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: dense.id, name: 'units', value: 64 });
  const edited = ed.ctx.graph.getState().doc;
  ed.ctx.project.getState().recordRun(record(edited, 2, 1e-2) as never, null);
  return { ed, original, edited };
}

describe('run history actions', () => {
  it("restoring a run puts its graph back as one undo step; Undo brings back today's graph", async () => {
    const { ed, original, edited } = await cnnWithTwoRuns();
    const steps = ed.ctx.graph.getState().past.length;
    const ok = await ed.registry.execute(ACTIONS.restoreRun, ed.ctx, { id: 'run-1' });
    expect(ok, ed.ctx.ui.getState().notice?.text).toBe(true);
    expect(graphRevision(ed.ctx.graph.getState().doc)).toBe(graphRevision(original));
    expect(ed.ctx.graph.getState().past).toHaveLength(steps + 1);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/graph of run 1 is back/);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(graphRevision(ed.ctx.graph.getState().doc)).toBe(graphRevision(edited));
    // The run that trained the graph as it is: nothing to undo.
    expect(await ed.registry.execute(ACTIONS.restoreRun, ed.ctx, { id: 'run-2' })).toBe(true);
    expect(ed.ctx.graph.getState().past).toHaveLength(steps);
    // A run the project does not have: a numbered notice, nothing changes.
    expect(await ed.registry.execute(ACTIONS.restoreRun, ed.ctx, { id: 'run-9' })).toBeUndefined();
    expect(ed.ctx.ui.getState().notice).toMatchObject({ kind: 'error' });
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW625/);
  });

  it('deleting runs removes them from the document and from its file', async () => {
    const { ed } = await cnnWithTwoRuns();
    const path = real.join(real.workspace, 'history.deepwire');
    const saved = await ed.registry.execute(ACTIONS.saveAs, ed.ctx, { path });
    expect(saved, ed.ctx.ui.getState().notice?.text).toBe(true);
    expect(JSON.parse(real.readText(path)).runs).toHaveLength(2);
    expect(await ed.registry.execute(ACTIONS.deleteRuns, ed.ctx, { ids: ['run-1'] })).toBe(true);
    expect(documentRuns(ed.ctx.project.getState()).map((r) => r.id)).toEqual(['run-2']);
    expect((JSON.parse(real.readText(path)) as { runs: RunRecord[] }).runs.map((r) => r.id)).toEqual(['run-2']);
    // Saving again does not bring the deleted run back from the file.
    expect(await ed.registry.execute(ACTIONS.save, ed.ctx, undefined)).toBe(true);
    expect((JSON.parse(real.readText(path)) as { runs: RunRecord[] }).runs.map((r) => r.id)).toEqual(['run-2']);
    const { rows } = await ed.ctx.client!.call('runs.list', historySource(ed.ctx.project.getState()));
    expect(rows.map((r) => r.id)).toEqual(['run-2']);
  });

  it('the table sorts by any column, either way, rows without a value last', () => {
    const g: GraphDoc = { nodes: [], edges: [] };
    const rows = [record(g, 1, 1e-2), record(g, 2, 1e-4), record(g, 3, 1e-3)].map((r, i) => runRow(r, i + 1));
    rows[1] = { ...rows[1], samplesPerSecond: null };
    rows[0] = { ...rows[0], samplesPerSecond: 10 };
    rows[2] = { ...rows[2], samplesPerSecond: 30 };
    expect(sortRows(rows, 'learningRate', 'ascending').map((r) => r.index)).toEqual([2, 3, 1]);
    expect(sortRows(rows, 'metric', 'descending').map((r) => r.index)).toEqual([3, 2, 1]);
    expect(sortRows(rows, 'durationSeconds', 'descending').map((r) => r.index)).toEqual([3, 2, 1]);
    expect(sortRows(rows, 'samplesPerSecond', 'descending').map((r) => r.index)).toEqual([3, 1, 2]);
    expect(sortRows(rows, 'samplesPerSecond', 'ascending').map((r) => r.index)).toEqual([1, 3, 2]);
  });
});
