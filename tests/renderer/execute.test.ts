import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { ActionRegistry } from '../../src/renderer/actions/registry.js';
import { defineAction } from '../../src/renderer/actions/types.js';
import { createEditor } from '../../src/renderer/app/editor.js';
import { addNode } from '../../src/renderer/graph/ops.js';

/** Two commits in one run: how many undo steps they make depends on the action's flag. */
const twoEdits = (undoable: boolean) =>
  defineAction({
    name: 'autoLayout',
    undoable,
    perform(ctx) {
      const g = ctx.graph.getState();
      g.commit('first', (doc) => addNode(doc, 'Dense', { x: 0, y: 0 }).doc);
      ctx.graph.getState().commit('second', (doc) => addNode(doc, 'Dense', { x: 0, y: 100 }).doc);
    },
  });

describe('execute: the one way an action runs', () => {
  it('makes the graph edits of an undoable action one undo step', () => {
    const { ctx } = createEditor();
    const action = twoEdits(true);
    new ActionRegistry([action]).execute(action, ctx, undefined);
    expect(ctx.graph.getState().doc.nodes).toHaveLength(2);
    expect(ctx.graph.getState().past).toHaveLength(1);
    ctx.graph.getState().undo();
    expect(ctx.graph.getState().doc.nodes).toHaveLength(0);
  });

  it('records no undo step for an action marked not undoable', () => {
    const { ctx } = createEditor();
    const action = twoEdits(false);
    new ActionRegistry([action]).execute(action, ctx, undefined);
    expect(ctx.graph.getState().doc.nodes).toHaveLength(2);
    expect(ctx.graph.getState().past).toHaveLength(0);
  });

  it('typing into a field through execute stays one step (the store still coalesces)', () => {
    let t = 0;
    const ed = createEditor({ graph: { now: () => (t += 100) } });
    const dense = ed.registry.execute(ACTIONS.addNode, ed.ctx, { kind: 'Dense', position: { x: 0, y: 0 } }) as string;
    for (const units of [1, 12, 128])
      ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: dense, name: 'units', value: units });
    expect(ed.ctx.graph.getState().past).toHaveLength(2);
    ed.ctx.graph.getState().undo();
    expect((ed.ctx.graph.getState().doc.nodes[0].params as { units: number }).units).not.toBe(12);
    expect(ed.ctx.graph.getState().doc.nodes).toHaveLength(1);
  });

  it('commits outside execute keep one step each', () => {
    const { ctx } = createEditor();
    twoEdits(true).perform(ctx, undefined);
    expect(ctx.graph.getState().past).toHaveLength(2);
  });

  it('skips a disabled action; from the menu it says so', () => {
    const { ctx } = createEditor();
    let ran = 0;
    const action = defineAction({
      name: 'trainPause',
      undoable: false,
      enabled: () => false,
      perform: () => (ran += 1),
    });
    const registry = new ActionRegistry([action]);
    expect(registry.execute(action, ctx, undefined, 'shortcut')).toBeUndefined();
    expect(ctx.ui.getState().notice).toBeNull();
    registry.execute(action, ctx, undefined, 'menu');
    expect(ran).toBe(0);
    expect(ctx.ui.getState().notice).toMatchObject({ kind: 'info', text: 'Pause is not available right now.' });
  });

  it('turns a thrown error into an error notice', () => {
    const { ctx } = createEditor();
    const action = defineAction({
      name: 'export',
      undoable: false,
      perform() {
        throw new Error('DW606 Connection to the studio lost');
      },
    });
    expect(new ActionRegistry([action]).execute(action, ctx, undefined)).toBeUndefined();
    expect(ctx.ui.getState().notice).toMatchObject({ kind: 'error', text: 'DW606 Connection to the studio lost' });
  });

  it('turns a rejected promise into an error notice and resolves undefined', async () => {
    const { ctx } = createEditor();
    const action = defineAction<void, Promise<boolean>>({
      name: 'save',
      undoable: false,
      perform: () => Promise.reject(new Error('DW209 changed on disk')),
    });
    await expect(new ActionRegistry([action]).execute(action, ctx, undefined)).resolves.toBeUndefined();
    expect(ctx.ui.getState().notice).toMatchObject({ kind: 'error', text: 'DW209 changed on disk' });
  });
});
