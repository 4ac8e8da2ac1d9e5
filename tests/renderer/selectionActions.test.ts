import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { add, buildSourceCnn, freshEditor, wire } from './helpers.js';

const state = (ed: ReturnType<typeof freshEditor>) => ed.ctx.graph.getState();
const undo = (ed: ReturnType<typeof freshEditor>) => ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
const redo = (ed: ReturnType<typeof freshEditor>) => ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);

describe('selection and clipboard actions', () => {
  it('select replaces or extends the selection (multi-select) without an undo step', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense');
    const b = add(ed, 'Dense');
    const steps = state(ed).past.length;
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [a], edges: [] });
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [b], edges: [], additive: true });
    expect(state(ed).selection.nodes).toEqual([a, b]);
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [b], edges: [] });
    expect(state(ed).selection.nodes).toEqual([b]);
    expect(state(ed).past.length).toBe(steps);
  });

  it('selectAll selects every layer and connection', () => {
    const ed = freshEditor();
    buildSourceCnn(ed);
    ed.registry.execute(ACTIONS.selectAll, ed.ctx, undefined);
    expect(state(ed).selection.nodes).toHaveLength(6);
    expect(state(ed).selection.edges).toHaveLength(5);
  });

  it('copy then paste inserts fresh copies with inner connections, cascading; undo/redo', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [ids.flatten, ids.dense, ids.out], edges: [] });
    expect(ed.registry.isEnabled('paste', ed.ctx)).toBe(false);
    ed.registry.execute(ACTIONS.copy, ed.ctx, undefined);
    const first = ed.registry.execute(ACTIONS.paste, ed.ctx, undefined) as string[];
    const second = ed.registry.execute(ACTIONS.paste, ed.ctx, undefined) as string[];
    expect(state(ed).doc.nodes).toHaveLength(12);
    expect(state(ed).doc.edges).toHaveLength(5 + 2 + 2);
    const names = state(ed).doc.nodes.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    const pos = (id: string) => state(ed).doc.nodes.find((n) => n.id === id)!.position;
    expect(pos(second[0]).x - pos(first[0]).x).toBe(40);
    expect(state(ed).selection.nodes).toEqual(second);
    expect(state(ed).selection.edges).toHaveLength(2);
    // A pasted copy keeps its params: the second Dense still has 10 units.
    const copyOfOut = state(ed).doc.nodes.find((n) => n.id === first[2])!;
    expect(copyOfOut.params).toMatchObject({ units: 10, activation: 'softmax' });
    undo(ed);
    expect(state(ed).doc.nodes).toHaveLength(9);
    undo(ed);
    expect(state(ed).doc.nodes).toHaveLength(6);
    redo(ed);
    expect(state(ed).doc.nodes).toHaveLength(9);
  });

  it('cut removes the selection into the clipboard; undo restores it; paste brings it back', () => {
    const ed = freshEditor();
    const a = add(ed, 'Input');
    const b = add(ed, 'Flatten');
    wire(ed, a, b);
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [b], edges: [] });
    ed.registry.execute(ACTIONS.cut, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.id)).toEqual([a]);
    expect(state(ed).doc.edges).toHaveLength(0);
    undo(ed);
    expect(state(ed).doc.edges).toHaveLength(1);
    redo(ed);
    ed.registry.execute(ACTIONS.paste, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.kind)).toEqual(['Input', 'Flatten']);
  });

  it('duplicate copies the selection in one undo step and leaves the clipboard alone', () => {
    const ed = freshEditor();
    const a = add(ed, 'Conv2D');
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: a, name: 'filters', value: 8 });
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [a], edges: [] });
    const steps = state(ed).past.length;
    const [copy] = ed.registry.execute(ACTIONS.duplicate, ed.ctx, undefined) as string[];
    expect(state(ed).past.length).toBe(steps + 1);
    expect(ed.ctx.ui.getState().clipboard).toBeNull();
    const dup = state(ed).doc.nodes.find((n) => n.id === copy)!;
    expect(dup.name).toBe('conv2d_1');
    expect(dup.params).toMatchObject({ filters: 8 });
    undo(ed);
    expect(state(ed).doc.nodes).toHaveLength(1);
    redo(ed);
    expect(state(ed).doc.nodes).toHaveLength(2);
  });
});
