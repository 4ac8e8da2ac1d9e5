import { describe, expect, it } from 'vitest';
import { addNode, connect, setParam } from '../../src/renderer/graph/ops.js';
import { createGraphStore } from '../../src/renderer/stores/graphStore.js';
import { selectCanRedo, selectCanUndo, selectIsDirty } from '../../src/renderer/stores/graphSelectors.js';
import type { GraphDoc } from '../../src/shared/graph/types.js';

function chain(): { doc: GraphDoc; input: string; dense: string } {
  const a = addNode({ nodes: [], edges: [] }, 'Input', { x: 0, y: 0 });
  const b = addNode(a.doc, 'Dense', { x: 0, y: 100 });
  const doc = setParam(setParam(b.doc, a.id, 'shape', [784]), b.id, 'units', 10);
  return { doc: connect(doc, { source: a.id, target: b.id, targetPort: 0 }).doc, input: a.id, dense: b.id };
}

describe('graph store', () => {
  it('recomputes the shape report on every commit', () => {
    const store = createGraphStore();
    expect(store.getState().report.totals.total).toBe(0);
    const { doc, dense } = chain();
    store.getState().commit('Build', () => doc);
    expect(store.getState().report.nodes[dense].shape).toEqual([null, 10]);
    expect(store.getState().report.totals.total).toBe(784 * 10 + 10);
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 20));
    expect(store.getState().report.totals.total).toBe(784 * 20 + 20);
  });

  it('each commit is one undo step; undo and redo walk the history', () => {
    const store = createGraphStore();
    const { doc, dense } = chain();
    store.getState().commit('Build', () => doc);
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 20));
    expect(store.getState().past.map((p) => p.label)).toEqual(['Build', 'Units']);
    store.getState().undo();
    expect(store.getState().report.totals.total).toBe(7850);
    store.getState().undo();
    expect(store.getState().doc.nodes).toHaveLength(0);
    expect(selectCanUndo(store.getState())).toBe(false);
    store.getState().redo();
    store.getState().redo();
    expect(store.getState().report.totals.total).toBe(784 * 20 + 20);
    expect(selectCanRedo(store.getState())).toBe(false);
  });

  it('a new edit after undo drops the redo branch', () => {
    const store = createGraphStore();
    const { doc, dense } = chain();
    store.getState().commit('Build', () => doc);
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 20));
    store.getState().undo();
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 30));
    expect(selectCanRedo(store.getState())).toBe(false);
  });

  it('coalesces typed edits of one field within the window, not across it', () => {
    let t = 0;
    const store = createGraphStore({ now: () => t, coalesceMs: 1000 });
    const { doc, dense } = chain();
    store.getState().commit('Build', () => doc);
    for (const units of [1, 12, 128]) {
      t += 100;
      store.getState().commit('Units', (d) => setParam(d, dense, 'units', units), { coalesceKey: 'units' });
    }
    expect(store.getState().past).toHaveLength(2);
    t += 5000;
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 64), { coalesceKey: 'units' });
    expect(store.getState().past).toHaveLength(3);
    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === dense)?.params).toMatchObject({ units: 128 });
    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === dense)?.params).toMatchObject({ units: 10 });
  });

  it('a drag previews every frame and commits one undo step from where it began', () => {
    const store = createGraphStore();
    const { doc, input } = chain();
    store.getState().commit('Build', () => doc);
    const report = store.getState().report;
    for (let x = 1; x <= 30; x += 1) {
      store
        .getState()
        .preview((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === input ? { ...n, position: { x, y: 0 } } : n)) }));
    }
    store.getState().commit('Move', (d) => d, { layoutOnly: true });
    expect(store.getState().past).toHaveLength(2);
    expect(store.getState().report).toBe(report);
    store.getState().undo();
    expect(store.getState().doc.nodes.find((n) => n.id === input)?.position).toEqual({ x: 0, y: 0 });
  });

  it('tracks unsaved changes against the saved document, through undo', () => {
    const store = createGraphStore();
    const { doc, dense } = chain();
    store.getState().load(doc);
    expect(selectIsDirty(store.getState())).toBe(false);
    store.getState().commit('Units', (d) => setParam(d, dense, 'units', 20));
    expect(selectIsDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(selectIsDirty(store.getState())).toBe(false);
  });

  it('prunes the selection of removed nodes and restores it on undo', () => {
    const store = createGraphStore();
    const { doc, dense } = chain();
    store.getState().load(doc);
    store.getState().select({ nodes: [dense], edges: [] });
    store.getState().commit('Delete', (d) => ({ nodes: d.nodes.filter((n) => n.id !== dense), edges: [] }));
    expect(store.getState().selection.nodes).toEqual([]);
    store.getState().undo();
    expect(store.getState().selection.nodes).toEqual([dense]);
  });

  it('the sample shape reaches shape inference', () => {
    const store = createGraphStore();
    const { doc } = chain();
    store.getState().load(doc);
    expect(store.getState().report.ok).toBe(true);
    store.getState().setSampleShape([28, 28, 1]);
    expect(store.getState().report.diagnostics.map((d) => d.code)).toContain('DW108');
  });
});
