import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { add, buildSourceCnn, freshEditor, wire } from './helpers.js';

const state = (ed: ReturnType<typeof freshEditor>) => ed.ctx.graph.getState();

describe('edit actions', () => {
  it('builds the source CNN with 693,962 params and no diagnostics', () => {
    const ed = freshEditor();
    buildSourceCnn(ed);
    expect(state(ed).report.totals.total).toBe(693_962);
    expect(state(ed).report.diagnostics).toEqual([]);
  });

  it('addNode names layers Keras-style, selects the new one, and undoes/redoes', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense');
    const b = add(ed, 'Dense');
    expect(state(ed).doc.nodes.map((n) => n.name)).toEqual(['dense', 'dense_1']);
    expect(state(ed).selection.nodes).toEqual([b]);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.id)).toEqual([a]);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.id)).toEqual([a, b]);
  });

  it('addNode places click-added layers at the centre of the view', () => {
    const ed = freshEditor();
    ed.ctx.view = { fitView: () => undefined, center: () => ({ x: 500, y: 300 }) };
    ed.registry.execute(ACTIONS.addNode, ed.ctx, { kind: 'Flatten' });
    const p = state(ed).doc.nodes[0].position;
    expect(Math.abs(p.x - 500)).toBeLessThan(200);
    expect(Math.abs(p.y - 300)).toBeLessThan(200);
  });

  it('connect wires layers, labels the edge with its shape, and undoes/redoes', () => {
    const ed = freshEditor();
    const input = add(ed, 'Input');
    const conv = add(ed, 'Conv2D');
    expect(wire(ed, input, conv)).toBe(true);
    const edge = state(ed).doc.edges[0];
    expect(state(ed).report.edges[edge.id]).toEqual([null, 28, 28, 1]);
    expect(state(ed).report.nodes[conv].shape).toEqual([null, 26, 26, 32]);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.edges).toHaveLength(0);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.edges).toHaveLength(1);
  });

  it('connect refuses a rank mismatch with the numbered reason and changes nothing', () => {
    const ed = freshEditor();
    const input = add(ed, 'Input');
    const dense = add(ed, 'Dense');
    const before = state(ed).doc;
    expect(wire(ed, input, dense)).toBe(false);
    expect(state(ed).doc).toBe(before);
    const notice = ed.ctx.ui.getState().notice;
    expect(notice?.kind).toBe('error');
    expect(notice?.text).toMatch(/DW104/);
    expect(notice?.text).toMatch(/Flatten/);
  });

  it('connect refuses self loops, cycles and inputs into a source', () => {
    const ed = freshEditor();
    const input = add(ed, 'Input');
    const a = add(ed, 'Flatten');
    const b = add(ed, 'Dropout');
    expect(wire(ed, a, a)).toBe(false);
    expect(wire(ed, a, input)).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/takes no inputs/);
    expect(wire(ed, input, a)).toBe(true);
    expect(wire(ed, a, b)).toBe(true);
    expect(wire(ed, b, a)).toBe(false);
    expect(ed.ctx.ui.getState().notice?.text).toMatch(/DW101/);
  });

  it('a new input to a single-input layer replaces the old one; merges take several in port order', () => {
    const ed = freshEditor();
    const i1 = add(ed, 'Input');
    const i2 = add(ed, 'Input');
    const flat = add(ed, 'Flatten');
    wire(ed, i1, flat);
    wire(ed, i2, flat);
    expect(state(ed).doc.edges.map((e) => e.source)).toEqual([i2]);
    const sum = add(ed, 'Add');
    wire(ed, i1, sum, 0);
    wire(ed, i2, sum, 1);
    const ports = state(ed)
      .doc.edges.filter((e) => e.target === sum)
      .map((e) => [e.source, e.targetPort]);
    expect(ports).toEqual([
      [i1, 0],
      [i2, 1],
    ]);
    expect(state(ed).report.nodes[sum].shape).toEqual([null, 28, 28, 1]);
  });

  it('deleteSelection removes layers with their connections, renumbers merge ports, and undoes/redoes', () => {
    const ed = freshEditor();
    const i1 = add(ed, 'Input');
    const i2 = add(ed, 'Input');
    const i3 = add(ed, 'Input');
    const cat = add(ed, 'Concatenate');
    wire(ed, i1, cat, 0);
    wire(ed, i2, cat, 1);
    wire(ed, i3, cat, 2);
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [i2], edges: [] });
    ed.registry.execute(ACTIONS.deleteSelection, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.id)).not.toContain(i2);
    expect(state(ed).doc.edges.map((e) => [e.source, e.targetPort])).toEqual([
      [i1, 0],
      [i3, 1],
    ]);
    expect(state(ed).report.nodes[cat].shape).toEqual([null, 28, 28, 2]);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.edges).toHaveLength(3);
    expect(state(ed).report.nodes[cat].shape).toEqual([null, 28, 28, 3]);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.edges).toHaveLength(2);
  });

  it('deleteSelection removes a selected connection only, and shows the missing-Flatten diagnostic appear and clear', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    const edge = state(ed).doc.edges.find((e) => e.target === ids.flatten);
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [], edges: [edge!.id] });
    ed.registry.execute(ACTIONS.deleteSelection, ed.ctx, undefined);
    expect(state(ed).doc.nodes).toHaveLength(6);
    expect(state(ed).report.diagnostics.some((d) => d.nodeId === ids.flatten && d.code === 'DW102')).toBe(true);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).report.diagnostics).toEqual([]);
  });

  it('deleteSelection is disabled with nothing selected', () => {
    const ed = freshEditor();
    add(ed, 'Input');
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [], edges: [] });
    expect(ed.registry.isEnabled('deleteSelection', ed.ctx)).toBe(false);
  });

  it('updateParam changes the shape report; undo/redo restores each value', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids.conv, name: 'filters', value: 16 });
    expect(state(ed).report.nodes[ids.conv].shape).toEqual([null, 26, 26, 16]);
    expect(state(ed).report.totals.total).toBe(16 * 9 + 16 + (13 * 13 * 16 * 128 + 128) + 1290);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).report.totals.total).toBe(693_962);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).report.nodes[ids.conv].shape).toEqual([null, 26, 26, 16]);
  });

  it('renameNode refuses duplicate and invalid names; undo restores the old name', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense');
    add(ed, 'Dense');
    expect(ed.registry.execute(ACTIONS.renameNode, ed.ctx, { nodeId: a, name: 'dense_1' })).toBe(false);
    expect(ed.registry.execute(ACTIONS.renameNode, ed.ctx, { nodeId: a, name: '1 bad' })).toBe(false);
    expect(ed.registry.execute(ACTIONS.renameNode, ed.ctx, { nodeId: a, name: 'hidden' })).toBe(true);
    expect(state(ed).doc.nodes[0].name).toBe('hidden');
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.nodes[0].name).toBe('dense');
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.nodes[0].name).toBe('hidden');
  });

  it('moveNodes is one undo step per drag; undo/redo moves back and forth', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense', 10, 10);
    const b = add(ed, 'Dense', 10, 110);
    ed.registry.execute(ACTIONS.moveNodes, ed.ctx, {
      positions: { [a]: { x: 200, y: 10 }, [b]: { x: 200, y: 110 } },
    });
    expect(state(ed).doc.nodes.map((n) => n.position.x)).toEqual([200, 200]);
    const steps = state(ed).past.length;
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.position.x)).toEqual([10, 10]);
    expect(state(ed).past.length).toBe(steps - 1);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.nodes.map((n) => n.position.x)).toEqual([200, 200]);
  });

  it('setGroup frames layers as generator or discriminator; undo/redo', () => {
    const ed = freshEditor();
    const noise = add(ed, 'Noise');
    ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [noise], group: 'generator' });
    expect(state(ed).doc.nodes[0].group).toBe('generator');
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(state(ed).doc.nodes[0].group).toBeUndefined();
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(state(ed).doc.nodes[0].group).toBe('generator');
  });
});

describe('disconnect', () => {
  it('removes one connection in one undo step; undo/redo', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    const edge = ed.ctx.graph.getState().doc.edges.find((e) => e.source === ids.pool)!;
    ed.registry.execute(ACTIONS.disconnect, ed.ctx, { edgeId: edge.id });
    expect(ed.ctx.graph.getState().doc.edges).toHaveLength(4);
    ed.registry.execute(ACTIONS.undo, ed.ctx, undefined);
    expect(ed.ctx.graph.getState().doc.edges).toHaveLength(5);
    ed.registry.execute(ACTIONS.redo, ed.ctx, undefined);
    expect(ed.ctx.graph.getState().doc.edges).toHaveLength(4);
  });
});

describe('click-to-add placement', () => {
  it('puts the new layer below the selected one, in its GAN network', () => {
    const ed = freshEditor();
    const noise = add(ed, 'Noise', 100, 50);
    ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [noise], group: 'generator' });
    ed.registry.execute(ACTIONS.select, ed.ctx, { nodes: [noise], edges: [] });
    const dense = ed.registry.execute(ACTIONS.addNode, ed.ctx, { kind: 'Dense' }) as string;
    const node = ed.ctx.graph.getState().doc.nodes.find((n) => n.id === dense)!;
    expect(node.position.x).toBe(100);
    expect(node.position.y).toBeGreaterThan(50);
    expect(node.group).toBe('generator');
    expect(ed.ctx.graph.getState().selection.nodes).toEqual([dense]);
  });
});

describe('what a refusal is for', () => {
  it('a model that does not fit its dataset is connected anyway and shows DW108', () => {
    const ed = freshEditor();
    ed.ctx.graph.getState().setSampleShape([28, 28, 1]);
    const input = add(ed, 'Input');
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: input, name: 'shape', value: [784] });
    const dense = add(ed, 'Dense');
    expect(wire(ed, input, dense)).toBe(true);
    expect(ed.ctx.graph.getState().report.diagnostics.map((d) => d.code)).toContain('DW108');
  });
});
