/**
 * Every diagnostic of shape inference, provoked by a small graph: the code,
 * the node it sits on, a message that names the layer — and gone once fixed.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/shared/errors.js';
import type { GraphDoc } from '../../../src/shared/graph/types.js';
import { inferShapes, type InferOptions } from '../../../src/shared/shape/infer.js';
import type { ShapeReport } from '../../../src/shared/shape/types.js';
import { GraphBuilder } from './build.js';

/** Asserts exactly one diagnostic: `code` on `nodeId`, naming the node. */
function expectOnly(report: ShapeReport, doc: GraphDoc, code: ErrorCode, nodeId: string | undefined): void {
  expect(report.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([[code, nodeId]]);
  const d = report.diagnostics[0];
  if (nodeId) expect(d.message).toContain(doc.nodes.find((n) => n.id === nodeId)!.name);
  expect(report.ok).toBe(d.severity === 'warning');
}

const codes = (r: ShapeReport) => r.diagnostics.map((d) => d.code);

function cnn(withFlatten: boolean) {
  const g = new GraphBuilder();
  const conv = g.add('Conv2D', {}, g.add('Input', { shape: [28, 28, 1] }));
  const flat = withFlatten ? g.add('Flatten', {}, conv) : conv;
  const dense = g.add('Dense', { units: 128 }, flat);
  const out = g.add('Dense', { units: 10, activation: 'softmax' }, g.add('Dropout', {}, dense));
  return { g, dense, out };
}

describe('diagnostics', () => {
  it('DW104: Dense after a 4-D tensor, gone once Flatten is inserted; nothing piles up below', () => {
    const bad = cnn(false);
    const r = inferShapes(bad.g.doc, { projectKind: 'classifier' });
    expectOnly(r, bad.g.doc, 'DW104', bad.dense);
    expect(r.diagnostics[0].message).toContain('(None, 26, 26, 32)');
    expect(r.nodes[bad.out].shape).toBeUndefined();
    const good = cnn(true);
    expect(inferShapes(good.g.doc, { projectKind: 'classifier' }).diagnostics).toEqual([]);
  });

  it('DW101: a cycle is reported once; layers below it stay quiet and keep an order', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    const a = g.add('Dense', { units: 4 });
    const b = g.add('Dense', { units: 4 }, a);
    const back = g.connect(b, a);
    const below = g.add('Dense', { units: 2 }, b);
    g.add('Dense', { units: 3 }, x);
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW101', a);
    expect(r.diagnostics[0].message).toContain(g.node(b).name);
    expect(r.order).not.toContain(a);
    expect(r.order).toContain(below);
    g.doc.edges = g.doc.edges.filter((e) => e.id !== back);
    g.connect(x, a);
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW101: a layer feeding itself', () => {
    const g = new GraphBuilder();
    const a = g.add('Dense', { units: 4 }, g.add('Input', { shape: [4] }));
    g.connect(a, a, 1);
    expect(codes(inferShapes(g.doc))).toContain('DW101');
  });

  it('DW102: an input port left open (single input and merge)', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    const lonely = g.add('Dense', { units: 4 });
    const add = g.add('Add', {}, x);
    g.add('Dense', { units: 2 }, g.add('Concatenate', {}, lonely, add));
    const r = inferShapes(g.doc);
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([
      ['DW102', lonely],
      ['DW102', add],
    ]);
    expect(r.diagnostics[1].message).toMatch(/add_1 \(Add\) merges two or more inputs, but only one is connected/);
    g.connect(x, lonely);
    g.connect(x, add, 1);
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW103: no Input at all', () => {
    expect(inferShapes({ nodes: [], edges: [] }).diagnostics.map((d) => d.code)).toEqual(['DW103']);
    const g = new GraphBuilder();
    const a = g.add('Dense', { units: 4 });
    g.add('Dense', { units: 2 }, a);
    expect(codes(inferShapes(g.doc, { projectKind: 'classifier' }))).toEqual(['DW102', 'DW103']);
    g.connect(g.add('Input', { shape: [3] }), a);
    expect(inferShapes(g.doc, { projectKind: 'classifier' }).diagnostics).toEqual([]);
  });

  it('DW105: Add of different widths, Concatenate of different heights', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [8] });
    const a = g.add('Dense', { units: 10 }, x);
    const b = g.add('Dense', { units: 5 }, x);
    const add = g.add('Add', {}, a, b);
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW105', add);
    expect(r.diagnostics[0].message).toContain('(None, 10) and (None, 5)');
    (g.node(b).params as { units: number }).units = 10;
    expect(inferShapes(g.doc).diagnostics).toEqual([]);

    const h = new GraphBuilder();
    const img = h.add('Input', { shape: [8, 8, 1] });
    const pooled = h.add('MaxPooling2D', {}, img);
    const cat = h.add('Concatenate', {}, img, pooled);
    expectOnly(inferShapes(h.doc), h.doc, 'DW105', cat);
    h.node(pooled).params = { poolSize: [2, 2], strides: [1, 1], padding: 'same' };
    expect(inferShapes(h.doc).diagnostics).toEqual([]);
  });

  it('DW106: a window larger than the image', () => {
    const g = new GraphBuilder();
    const conv = g.add('Conv2D', { kernelSize: [5, 5] }, g.add('Input', { shape: [3, 3, 1] }));
    g.add('Flatten', {}, conv);
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW106', conv);
    expect(r.diagnostics[0].message).toContain('-1×-1');
    (g.node(conv).params as { padding: string }).padding = 'same';
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW109: an invalid param value', () => {
    const g = new GraphBuilder();
    const dense = g.add('Dense', { units: 0 }, g.add('Input', { shape: [4] }));
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW109', dense);
    expect(r.diagnostics[0].message).toContain('units must be an integer between 1 and');
    (g.node(dense).params as { units: number }).units = 3;
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW135: dilation combined with strides', () => {
    const h = new GraphBuilder();
    const conv = h.add('Conv2D', { strides: [2, 2], dilationRate: [2, 2] }, h.add('Input', { shape: [16, 16, 1] }));
    expectOnly(inferShapes(h.doc), h.doc, 'DW135', conv);
    (h.node(conv).params as { strides: number[] }).strides = [1, 1];
    expect(inferShapes(h.doc).diagnostics).toEqual([]);
  });

  it('DW136: leaky_relu as a recurrent cell activation', () => {
    const k = new GraphBuilder();
    const rnn = k.add('GRU', { activation: 'leaky_relu' }, k.add('Input', { shape: [5, 2] }));
    expectOnly(inferShapes(k.doc), k.doc, 'DW136', rnn);
    (k.node(rnn).params as { activation: string }).activation = 'relu';
    expect(inferShapes(k.doc).diagnostics).toEqual([]);
  });

  it('DW137: two -1s in a Reshape target', () => {
    const m = new GraphBuilder();
    const reshape = m.add('Reshape', { targetShape: [-1, -1] }, m.add('Input', { shape: [12] }));
    const r = inferShapes(m.doc);
    expectOnly(r, m.doc, 'DW137', reshape);
    expect(r.diagnostics[0].message).toContain('one may be -1');
    (m.node(reshape).params as { targetShape: number[] }).targetShape = [-1, 4];
    expect(inferShapes(m.doc).diagnostics).toEqual([]);
  });

  it('DW110: Reshape to a different number of values', () => {
    const g = new GraphBuilder();
    const reshape = g.add('Reshape', { targetShape: [3, 3] }, g.add('Input', { shape: [10] }));
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW110', reshape);
    expect(r.diagnostics[0].message).toContain('10 values');
    (g.node(reshape).params as { targetShape: number[] }).targetShape = [-1, 5];
    const fixed = inferShapes(g.doc);
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.nodes[reshape].shape).toEqual([null, 2, 5]);
  });

  it('DW111: two inputs into a single-input layer, or any into an Input', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    const y = g.add('Input', { shape: [4] });
    const dense = g.add('Dense', { units: 2 }, x, y);
    expectOnly(inferShapes(g.doc), g.doc, 'DW111', dense);
    g.doc.edges.pop();
    g.connect(y, x);
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW111', x);
    g.doc.edges.pop();
    g.add('Dense', { units: 1 }, y);
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW112: a kind this version does not know, without a crash', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    const odd = g.add('Dense', { units: 2 }, x);
    (g.node(odd) as { kind: string }).kind = 'Conv3D';
    g.add('Dense', { units: 1 }, odd);
    expectOnly(inferShapes(g.doc, { projectKind: 'classifier' }), g.doc, 'DW112', odd);
  });

  it('DW113: a connection to a missing layer', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    g.add('Dense', { units: 2 }, x);
    const edge = g.connect(x, 'ghost');
    const r = inferShapes(g.doc);
    expectOnly(r, g.doc, 'DW113', x);
    expect(r.diagnostics[0].edgeId).toBe(edge);
    expect(r.diagnostics[0].message).toContain("target 'ghost'");
    g.doc.edges.pop();
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW114: two layers with one name', () => {
    const g = new GraphBuilder();
    const a = g.add('Dense', { units: 2 }, g.add('Input', { shape: [4] }));
    const b = g.add('Dense', { units: 2 }, a);
    g.node(b).name = g.node(a).name;
    expectOnly(inferShapes(g.doc), g.doc, 'DW114', b);
    g.node(b).name = 'head';
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW115: a layer connected to nothing is a warning and left out of the totals', () => {
    const g = new GraphBuilder();
    g.add('Dense', { units: 2 }, g.add('Input', { shape: [4] }));
    const stray = g.add('Conv2D', {});
    const r = inferShapes(g.doc, { projectKind: 'classifier' });
    expectOnly(r, g.doc, 'DW115', stray);
    expect(r.totals.total).toBe(10);
    g.doc.nodes.pop();
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });

  it('DW117: a classifier with two outputs', () => {
    const g = new GraphBuilder();
    const x = g.add('Input', { shape: [4] });
    const head = g.add('Dense', { units: 3 }, x);
    const side = g.add('Dense', { units: 1 }, x);
    const r = inferShapes(g.doc, { projectKind: 'classifier' });
    expectOnly(r, g.doc, 'DW117', side);
    expect(r.diagnostics[0].message).toContain(g.node(head).name);
    expect(inferShapes(g.doc).diagnostics).toEqual([]); // a plain multi-output graph is fine
    g.doc.nodes.pop();
    g.doc.edges.pop();
    expect(inferShapes(g.doc, { projectKind: 'classifier' }).diagnostics).toEqual([]);
  });

  it('DW118: a recurrent layer on vectors', () => {
    const g = new GraphBuilder();
    const input = g.add('Input', { shape: [10] });
    const lstm = g.add('LSTM', { units: 8 }, g.add('Dense', { units: 4 }, input));
    expectOnly(inferShapes(g.doc), g.doc, 'DW118', lstm);
    g.node(input).params = { shape: [10, 1], dtype: 'float32' };
    expect(inferShapes(g.doc).nodes[lstm].shape).toEqual([null, 8]);
  });

  it('DW119: Embedding needs int32 token ids of shape (time steps)', () => {
    const g = new GraphBuilder();
    const input = g.add('Input', { shape: [12] });
    const emb = g.add('Embedding', { inputDim: 100, outputDim: 8 }, input);
    g.add('LSTM', { units: 4 }, emb);
    expectOnly(inferShapes(g.doc), g.doc, 'DW119', emb);
    g.node(input).params = { shape: [12, 2], dtype: 'int32' };
    expectOnly(inferShapes(g.doc), g.doc, 'DW119', emb);
    g.node(input).params = { shape: [12], dtype: 'int32' };
    const r = inferShapes(g.doc);
    expect(r.diagnostics).toEqual([]);
    expect(r.nodes[emb].shape).toEqual([null, 12, 8]);
  });

  it('DW120: token ids straight into a float layer', () => {
    const g = new GraphBuilder();
    const input = g.add('Input', { shape: [12], dtype: 'int32' });
    const dense = g.add('Dense', { units: 4 }, g.add('Reshape', { targetShape: [3, 4] }, input));
    expectOnly(inferShapes(g.doc), g.doc, 'DW120', dense);
    g.node(input).params = { shape: [12], dtype: 'float32' };
    expect(inferShapes(g.doc).diagnostics).toEqual([]);
  });
});

describe('project contracts', () => {
  function gan(genUnits: number, discInput: number, crossEdge = false) {
    const g = new GraphBuilder();
    g.group = 'generator';
    const noise = g.add('Noise', { size: 16 });
    const genOut = g.add('Dense', { units: genUnits, activation: 'sigmoid' }, g.add('Dense', { units: 32 }, noise));
    g.group = 'discriminator';
    const discIn = g.add('Input', { shape: [discInput] });
    const score = g.add('Dense', { units: 1, activation: 'sigmoid' }, g.add('Dense', { units: 32 }, discIn));
    if (crossEdge) g.connect(genOut, score, 1);
    return { g, noise, genOut, discIn, score };
  }
  const opts = (sample?: number[]): InferOptions => ({
    projectKind: 'gan',
    ...(sample ? { sampleShape: sample } : {}),
  });

  it('DW107: generator output differs from the discriminator input', () => {
    const bad = gan(784, 100);
    const r = inferShapes(bad.g.doc, opts());
    expectOnly(r, bad.g.doc, 'DW107', bad.genOut);
    expect(r.diagnostics[0].message).toContain(bad.g.node(bad.discIn).name);
    expect(inferShapes(gan(100, 100).g.doc, opts()).diagnostics).toEqual([]);
  });

  it('DW108: the sample shape differs from the dataset (GAN and classifier)', () => {
    const bad = gan(100, 100);
    expectOnly(inferShapes(bad.g.doc, opts([784])), bad.g.doc, 'DW108', bad.discIn);
    expect(inferShapes(gan(784, 784).g.doc, opts([784])).diagnostics).toEqual([]);

    const { g } = cnn(true);
    const input = g.doc.nodes[0].id;
    expectOnly(inferShapes(g.doc, { projectKind: 'classifier', sampleShape: [32, 32, 3] }), g.doc, 'DW108', input);
    expect(inferShapes(g.doc, { projectKind: 'classifier', sampleShape: [28, 28, 1] }).diagnostics).toEqual([]);
  });

  it('DW116: a GAN without a discriminator, or with a layer in neither group', () => {
    const { g } = gan(10, 10);
    const withoutDisc = { nodes: g.doc.nodes.filter((n) => n.group === 'generator'), edges: g.doc.edges.slice(0, 2) };
    const r = inferShapes(withoutDisc, opts());
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['DW116', undefined]]);
    expect(r.diagnostics[0].message).toContain('no discriminator');

    const stray = gan(10, 10);
    const last = stray.g.add('Dense', { units: 1 }, stray.score);
    delete stray.g.node(last).group;
    expectOnly(inferShapes(stray.g.doc, opts()), stray.g.doc, 'DW116', last);
    stray.g.node(last).group = 'discriminator';
    expect(inferShapes(stray.g.doc, opts()).diagnostics).toEqual([]);
  });

  it('DW121: a connection from the generator into the discriminator', () => {
    const bad = gan(32, 32, true);
    const r = inferShapes(bad.g.doc, opts());
    expect(r.diagnostics.map((d) => d.code)).toContain('DW121');
    expect(r.diagnostics.find((d) => d.code === 'DW121')!.nodeId).toBe(bad.score);
    expect(inferShapes(gan(32, 32).g.doc, opts()).diagnostics).toEqual([]);
  });

  it('infers a GAN from the groups when no project kind is given', () => {
    const bad = gan(784, 100);
    expect(codes(inferShapes(bad.g.doc))).toEqual(['DW107']);
  });
});

describe('one mistake, one message', () => {
  it('an open input upstream does not also make its branch a second output', () => {
    const g = new GraphBuilder();
    g.add('Dense', { units: 2 }, g.add('Input', { shape: [4] }));
    const orphan = g.add('Dense', { units: 4 });
    g.add('Dense', { units: 1 }, g.add('Dropout', {}, orphan));
    const r = inferShapes(g.doc, { projectKind: 'classifier' });
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['DW102', orphan]]);
  });

  it('a lone Input is told apart from a missing one', () => {
    const g = new GraphBuilder();
    const input = g.add('Input', { shape: [4] });
    const r = inferShapes(g.doc, { projectKind: 'classifier' });
    expect(r.diagnostics.map((d) => [d.code, d.nodeId])).toEqual([
      ['DW115', input],
      ['DW103', undefined],
    ]);
    expect(r.diagnostics[1].message).toContain('not connected');
    expect(r.nodes[input].shape).toEqual([null, 4]);
  });
});
