import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/renderer/actions/index.js';
import { keyParams } from '../../src/renderer/canvas/keyParams.js';
import { diagnosticsByNode, flowEdges, frameNodes, layerNodes } from '../../src/renderer/canvas/toFlow.js';
import { add, buildSourceCnn, freshEditor, wire } from './helpers.js';

describe('the document as React Flow sees it', () => {
  it('labels every edge with its tensor shape, Keras-style', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    const { doc, report, selection } = ed.ctx.graph.getState();
    const edges = flowEdges(doc, report, selection);
    const fromConv = edges.find((e) => e.source === ids.conv)!;
    expect(fromConv.data?.label).toBe('(None, 26, 26, 32)');
    expect(fromConv.ariaLabel).toBe('Connection from conv2d to max_pooling2d, shape (None, 26, 26, 32)');
    expect(edges.map((e) => e.data?.label)).toEqual([
      '(None, 28, 28, 1)',
      '(None, 26, 26, 32)',
      '(None, 13, 13, 32)',
      '(None, 5408)',
      '(None, 128)',
    ]);
  });

  it('nodes carry their info, diagnostics and input handle count (merges grow a free one)', () => {
    const ed = freshEditor();
    const a = add(ed, 'Input');
    const b = add(ed, 'Input');
    const sum = add(ed, 'Add');
    const flat = add(ed, 'Flatten');
    wire(ed, a, sum, 0);
    wire(ed, b, sum, 1);
    const { doc, report, selection } = ed.ctx.graph.getState();
    const nodes = layerNodes(doc, report, selection, {}, diagnosticsByNode(report));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    expect(byId.get(a)!.data.inputs).toBe(0);
    expect(byId.get(sum)!.data.inputs).toBe(3);
    expect(byId.get(flat)!.data.inputs).toBe(1);
    expect(byId.get(sum)!.ariaLabel).toBe('add (Add)');
    expect(byId.get(flat)!.data.diagnostics.map((d) => d.code)).toContain('DW115');
    expect(byId.get(sum)!.selected).toBe(false);
    expect(byId.get(sum)!.data.inputShapes).toEqual([
      [null, 28, 28, 1],
      [null, 28, 28, 1],
    ]);
    expect(byId.get(flat)!.data.inputShapes).toEqual([]);
  });

  it('frames GAN networks around their layers', () => {
    const ed = freshEditor();
    const noise = add(ed, 'Noise', 0, 0);
    const dense = add(ed, 'Dense', 300, 200);
    ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [noise, dense], group: 'generator' });
    const { doc, report } = ed.ctx.graph.getState();
    const frames = frameNodes(doc, { [dense]: { width: 220, height: 100 } }, diagnosticsByNode(report));
    expect(frames).toHaveLength(1);
    expect(frames[0].data.label).toBe('Generator');
    expect(frames[0].position.x).toBeLessThan(0);
    expect(frames[0].position.x + Number(frames[0].style?.width)).toBeGreaterThan(520);
  });

  it('frames all four CycleGAN networks', () => {
    const ed = freshEditor();
    const ids = (['generator_ab', 'generator_ba', 'discriminator_a', 'discriminator_b'] as const).map((group, i) => {
      const id = add(ed, 'Dense', i * 400, 0);
      ed.registry.execute(ACTIONS.setGroup, ed.ctx, { nodeIds: [id], group });
      return id;
    });
    const { doc, report } = ed.ctx.graph.getState();
    const frames = frameNodes(doc, {}, diagnosticsByNode(report));
    expect(frames.map((f) => f.data.label)).toEqual([
      'Generator G: A → B',
      'Generator F: B → A',
      'Discriminator D_A',
      'Discriminator D_B',
    ]);
    expect(frames.map((f) => f.data.group)).toEqual([
      'generator_ab',
      'generator_ba',
      'discriminator_a',
      'discriminator_b',
    ]);
    expect(ids).toHaveLength(4);
  });

  it('frames imported submodels by name, a nested one inside its parent, and joins no GAN network', () => {
    const ed = freshEditor();
    const a = add(ed, 'Dense', 0, 0);
    const b = add(ed, 'Dense', 0, 200);
    const c = add(ed, 'Dense', 0, 400);
    const { doc, report } = ed.ctx.graph.getState();
    const framed = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === a ? { ...n, frame: 'encoder' } : n.id === b ? { ...n, frame: 'encoder/block_1' } : n,
      ),
    };
    const frames = frameNodes(framed, {}, diagnosticsByNode(report));
    expect(frames.map((f) => [f.data.label, f.data.group, f.ariaLabel])).toEqual([
      ['encoder', undefined, 'encoder submodel'],
      ['block_1', undefined, 'block_1 submodel'],
    ]);
    const [outer, inner] = frames;
    const right = (f: (typeof frames)[number]) => f.position.x + Number(f.style?.width);
    const bottom = (f: (typeof frames)[number]) => f.position.y + Number(f.style?.height);
    expect(inner.position.x).toBeGreaterThan(outer.position.x);
    expect(right(inner)).toBeLessThan(right(outer));
    expect(bottom(inner)).toBeLessThan(bottom(outer));
    expect(inner.zIndex).toBeGreaterThan(outer.zIndex!);
    // The layer outside every submodel is not framed: the outer frame ends above it.
    expect(bottom(outer)).toBeLessThan(400);
    expect(c).toBeDefined();
  });

  it('summarises key params in one line', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    const node = (id: string) => ed.ctx.graph.getState().doc.nodes.find((n) => n.id === id)!;
    expect(keyParams(node(ids.input))).toBe('28×28×1');
    expect(keyParams(node(ids.conv))).toBe('32 filters · 3×3 · valid · relu');
    expect(keyParams(node(ids.out))).toBe('10 units · softmax');
    expect(keyParams(node(ids.pool))).toBe('2×2 · stride 2×2 · valid');
  });
});

describe('flow node reuse', () => {
  it('moving one layer hands React Flow the same objects for every other layer', () => {
    const ed = freshEditor();
    const ids = buildSourceCnn(ed);
    const map = () => {
      const { doc, report, selection } = ed.ctx.graph.getState();
      return layerNodes(doc, report, selection, {}, diagnosticsByNode(report));
    };
    const before = map();
    ed.ctx.graph.getState().preview((d) => ({
      ...d,
      nodes: d.nodes.map((n) => (n.id === ids.conv ? { ...n, position: { x: 50, y: 100 } } : n)),
    }));
    const after = map();
    expect(after.filter((n, i) => n !== before[i]).map((n) => n.id)).toEqual([ids.conv]);
    // A structural edit gives every node fresh data (shapes may have changed anywhere downstream).
    ed.registry.execute(ACTIONS.updateParam, ed.ctx, { nodeId: ids.conv, name: 'filters', value: 8 });
    const edited = map();
    expect(edited.every((n, i) => n !== after[i])).toBe(true);
    expect(edited.find((n) => n.id === ids.dense)!.data.info?.params.trainable).toBe(13 * 13 * 8 * 128 + 128);
  });
});
