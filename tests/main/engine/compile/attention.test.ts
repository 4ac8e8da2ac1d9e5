/**
 * MultiHeadAttention (issue #14): Keras's weights and count, checked against the weight manifest of a real
 * TF.js file with the layer (tests/fixtures/real-models/tfjs-imdb-transformer-mha); Keras 2, Keras 3 and
 * TF.js calls read as (query, value); one forward pass against a float64 reference of Keras's equations;
 * and a small model that learns.
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import type { DeepwireError } from '../../../../src/shared/errors.js';
import { readKerasModel, writeKerasModel } from '../../../../src/shared/keras/index.js';
import { inferShapes } from '../../../../src/shared/shape/infer.js';
import { modelPath } from '../../../shared/keras/real-models-corpus.js';
import { Graph } from '../helpers/graph.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const realFile = JSON.parse(readFileSync(modelPath('tfjs-imdb-transformer-mha'), 'utf8')) as Json;
const realLayer = (realFile.modelTopology.config.layers as Json[]).find((l) => l.class_name === 'MultiHeadAttention')!;
const manifest = (realFile.weightsManifest[0].weights as Json[]).filter((w) => w.name.startsWith(realLayer.name));

/** A Functional model (TF.js / Keras 2 form) of one or two sequence inputs and the real file's attention layer. */
function functional(inbound: unknown, inputs: [string, number[]][] = [['seq', [200, 32]]]): Json {
  const layers = [
    ...inputs.map(([name, shape]) => ({
      name,
      class_name: 'InputLayer',
      config: { batch_input_shape: [null, ...shape], dtype: 'float32', sparse: false, name },
      inbound_nodes: [],
    })),
    { ...realLayer, inbound_nodes: inbound },
  ];
  return {
    class_name: 'Functional',
    config: {
      name: 'm',
      layers,
      input_layers: inputs.map(([n]) => [n, 0, 0]),
      output_layers: [[realLayer.name, 0, 0]],
    },
    keras_version: '2.15.0',
  };
}

const attentionEdges = (json: Json) => {
  const { graph } = readKerasModel(json);
  const mha = graph.nodes.find((n) => n.kind === 'MultiHeadAttention')!;
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return {
    graph,
    mha,
    inputs: graph.edges
      .filter((e) => e.target === mha.id)
      .sort((a, b) => a.targetPort - b.targetPort)
      .map((e) => names.get(e.source)),
  };
};

describe('MultiHeadAttention', () => {
  it("counts and shapes its weights as the real file's manifest: 8,416 in Keras's order", async () => {
    await initBackend('cpu');
    const { graph, mha, inputs } = attentionEdges(
      functional([
        [
          ['seq', 0, 0, {}],
          ['seq', 0, 0, {}],
        ],
      ]),
    );
    expect(inputs).toEqual(['seq']); // self-attention: one input
    expect(mha.params).toMatchObject({ numHeads: 2, keyDim: 32, valueDim: 0, dropout: 0, useBias: true, outputDim: 0 });
    const want = manifest.reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
    expect(want).toBe(8416);
    const report = inferShapes(graph);
    expect(report.nodes[mha.id].params.trainable).toBe(want);
    expect(report.nodes[mha.id].shape).toEqual([null, 200, 32]);
    const { model } = compileGraph(graph, { seed: 1 });
    const weights = model.getLayer(mha.name).weights;
    expect(weights.map((w) => [w.originalName, w.shape])).toEqual(manifest.map((w) => [w.name, w.shape]));
    model.dispose();
  });

  it("reads the real transformer whole once its custom PositionEmbedding is left out: the manifest's total less the position table", async () => {
    await initBackend('cpu');
    const topology = structuredClone(realFile.modelTopology) as Json;
    const layers = (topology.config.layers as Json[]).filter((l) => l.class_name !== 'PositionEmbedding');
    layers.find((l) => l.name === 'add')!.inbound_nodes = [
      [
        ['embedding', 0, 0, {}],
        ['embedding', 0, 0, {}],
      ],
    ];
    topology.config.layers = layers;
    const manifestTotal = (realFile.weightsManifest[0].weights as Json[])
      .filter((w) => !w.name.startsWith('position_embedding/'))
      .reduce((s, w) => s + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
    expect(manifestTotal).toBe(658178 - 200 * 32);
    const { graph } = readKerasModel(topology);
    const report = inferShapes(graph);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(report.totals.total).toBe(manifestTotal);
    const { model } = compileGraph(graph, { seed: 4 });
    expect(model.countParams()).toBe(manifestTotal);
    const y = model.predict(tf.randomUniform([2, 200], 0, 20000, 'int32', 3)) as tf.Tensor;
    expect(y.shape).toEqual([2, 2]);
    expect(Array.from(await tf.sum(y, 1).data()).every((v) => Math.abs(v - 1) < 1e-5)).toBe(true);
    model.dispose();
  });

  it('takes one sequence (self-attention) or two; three inputs are DW161, an image DW162', () => {
    const g = new Graph();
    const seq = g.add('Input', { shape: [5, 4] });
    const img = g.add('Input', { shape: [5, 4, 3] });
    const self = g.add('MultiHeadAttention', {}, seq);
    const three = g.add('MultiHeadAttention', {}, seq, seq, seq);
    const image = g.add('MultiHeadAttention', {}, img);
    const report = inferShapes(g.doc);
    expect(report.nodes[self].shape).toEqual([null, 5, 4]);
    const codes = (id: string) => report.diagnostics.filter((d) => d.nodeId === id).map((d) => d.code);
    expect([codes(self), codes(three), codes(image)]).toEqual([[], ['DW161'], ['DW162']]);
  });

  it('reads the value from Keras 2 call keywords and Keras 3 arguments; a key other than the value or a mask is refused', () => {
    const two: [string, number[]][] = [
      ['q', [6, 8]],
      ['v', [4, 5]],
    ];
    expect(attentionEdges(functional([[['q', 0, 0, { value: ['v', 0, 0] }]]], two)).inputs).toEqual(['q', 'v']);
    expect(
      attentionEdges(
        functional(
          [
            [
              ['q', 0, 0, {}],
              ['v', 0, 0, {}],
            ],
          ],
          two,
        ),
      ).inputs,
    ).toEqual(['q', 'v']);
    const tensor = (n: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [n, 0, 0] } });
    expect(attentionEdges(functional([{ args: [tensor('q'), tensor('v')], kwargs: {} }], two)).inputs).toEqual([
      'q',
      'v',
    ]);
    expect(attentionEdges(functional([{ args: [tensor('q')], kwargs: { value: tensor('v') } }], two)).inputs).toEqual([
      'q',
      'v',
    ]);
    const refused = (inbound: unknown) => {
      try {
        readKerasModel(functional(inbound, two));
      } catch (e) {
        return (e as DeepwireError).code;
      }
      return 'read';
    };
    expect(refused([[['q', 0, 0, { value: ['v', 0, 0], key: ['q', 0, 0] }]]])).toBe('DW317');
    expect(refused([{ args: [tensor('q'), tensor('v')], kwargs: { use_causal_mask: true } }])).toBe('DW318');
    expect(refused([{ args: [tensor('q'), tensor('v')], kwargs: { attention_mask: tensor('q') } }])).toBe('DW318');
  });

  for (const style of ['keras3', 'keras2', 'tfjs'] as const) {
    it(`${style}: written as mha(query, value) and read back with its options`, () => {
      const g = new Graph();
      const q = g.add('Input', { shape: [6, 8] });
      const v = g.add('Input', { shape: [4, 5] });
      const params = { numHeads: 3, keyDim: 4, valueDim: 6, dropout: 0.1, useBias: false, outputDim: 7 };
      g.add('MultiHeadAttention', params, q, v);
      const json = writeKerasModel(g.doc, { style }) as Json;
      const entry = (json.config.layers as Json[]).find((l) => l.class_name === 'MultiHeadAttention')!;
      if (style === 'keras3') {
        expect(entry.inbound_nodes[0].args.map((t: Json) => t.config.keras_history[0])).toHaveLength(2);
        expect(Object.keys(entry.build_config.shapes_dict)).toEqual(['query_shape', 'value_shape']);
      }
      if (style === 'keras2') expect(Object.keys(entry.inbound_nodes[0][0][3])).toEqual(['value']);
      const back = attentionEdges(json);
      expect(back.mha.params).toEqual(params);
      expect(back.inputs).toHaveLength(2);
    });
  }

  it("runs Keras's equations (float64 reference within 1e-5), cross-attention with value_dim and output_shape", async () => {
    await initBackend('cpu');
    const g = new Graph();
    const qi = g.add('Input', { shape: [3, 4] });
    const vi = g.add('Input', { shape: [5, 2] });
    const id = g.add('MultiHeadAttention', { numHeads: 2, keyDim: 3, valueDim: 2, outputDim: 6 }, qi, vi);
    const { model } = compileGraph(g.doc, { seed: 2 });
    const layer = model.layers.find((l) => l.getClassName() === 'MultiHeadAttention')!;
    layer.setWeights(layer.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.7, 0.7, 'float32', 30 + i)));
    const [q, v] = [tf.randomUniform([2, 3, 4], -1, 1, 'float32', 5), tf.randomUniform([2, 5, 2], -1, 1, 'float32', 6)];
    const y = (model.predict([q, v]) as tf.Tensor).arraySync() as number[][][];
    const [wq, bq, wk, bk, wv, bv, wo, bo] = layer.getWeights().map((w) => w.arraySync()) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const proj = (x: number[], w: number[][][], b: number[][], h: number) =>
      b[h].map((bias, d) => bias + x.reduce((s, xi, f) => s + xi * w[f][h][d], 0));
    let diff = 0;
    (q.arraySync() as number[][][]).forEach((qs, n) => {
      const vs = (v.arraySync() as number[][][])[n];
      qs.forEach((qt, t) => {
        const heads = [0, 1].map((h) => {
          const qh = proj(qt, wq, bq, h).map((x) => x / Math.sqrt(3));
          const scores = vs.map((vt) => proj(vt, wk, bk, h).reduce((s, k, d) => s + k * qh[d], 0));
          const m = Math.max(...scores);
          const e = scores.map((s) => Math.exp(s - m));
          const z = e.reduce((a, b) => a + b, 0);
          return [0, 1].map((d) => vs.reduce((s, vt, j) => s + (e[j] / z) * proj(vt, wv, bv, h)[d], 0));
        });
        const out = (bo as number[]).map(
          (b, o) => b + heads.reduce((s, hv, h) => s + hv.reduce((a, x, d) => a + x * wo[h][d][o], 0), 0),
        );
        out.forEach((x, o) => (diff = Math.max(diff, Math.abs(x - y[n][t][o]))));
      });
    });
    console.log(`MultiHeadAttention vs Keras's equations in float64: max abs diff ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-5);
    expect(report(g.doc, id)).toEqual({ trainable: 4 * 6 + 2 * 6 + 2 * 4 + 2 * 2 * 6 + 6 + 6 + 4 + 6 });
    model.dispose();
  });

  it('learns: a self-attention classifier fits 32 random sequences (loss falls by half)', async () => {
    await initBackend('cpu');
    const g = new Graph();
    const x = g.add('Input', { shape: [6, 4] });
    const a = g.add('MultiHeadAttention', { numHeads: 2, keyDim: 8 }, x);
    const p = g.add('GlobalAveragePooling1D', {}, a);
    g.add('Dense', { units: 2, activation: 'softmax' }, p);
    const { model } = compileGraph(g.doc, { seed: 3 });
    model.compile({ optimizer: tf.train.adam(0.03), loss: 'categoricalCrossentropy' });
    const xs = tf.randomUniform([32, 6, 4], -1, 1, 'float32', 9);
    const ys = tf.oneHot(tf.cast(tf.greater(tf.sum(xs, [1, 2]), 0), 'int32'), 2);
    const h = await model.fit(xs, ys, { epochs: 40, batchSize: 32, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(loss[0] / 2);
    model.dispose();
  });
});

function report(doc: Parameters<typeof inferShapes>[0], id: string) {
  const { trainable } = inferShapes(doc).nodes[id].params;
  return { trainable };
}
