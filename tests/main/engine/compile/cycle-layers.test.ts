/**
 * InstanceNormalization and ReflectionPadding2D, the two layers TF.js lacks:
 * values against hand computations, counts against the catalog, and a
 * trained step on wasm + kernel pack (gradients of moments and mirrorPad).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { InstanceNormalization, ReflectionPadding2D } from '../../../../src/main/engine/compile/layers/index.js';
import { inferShapes } from '../../../../src/shared/shape/index.js';
import { Graph } from '../helpers/graph.js';

describe('InstanceNormalization', () => {
  it('normalises each sample and channel over height × width, then applies gamma and beta', async () => {
    await initBackend('cpu');
    const layer = new InstanceNormalization({ name: 'in', epsilon: 1e-3, center: true, scale: true });
    const x = tf.tensor4d([1, 10, 2, 20, 3, 30, 4, 40, 5, -1, 6, -2, 7, -3, 8, -4], [2, 2, 2, 2]);
    layer.apply(x);
    layer.setWeights([tf.tensor1d([2, 1]), tf.tensor1d([0.5, 0])]);
    const y = (layer.apply(x) as tf.Tensor).arraySync() as number[][][][];
    // Sample 0, channel 0: values 1..4, mean 2.5, variance 1.25.
    const expect00 = [1, 2, 3, 4].map((v) => (2 * (v - 2.5)) / Math.sqrt(1.25 + 1e-3) + 0.5);
    expect([y[0][0][0][0], y[0][0][1][0], y[0][1][0][0], y[0][1][1][0]]).toEqual(
      expect00.map((v) => expect.closeTo(v, 5)),
    );
    // Sample 1, channel 1: -1..-4, mean -2.5: the batch does not mix.
    const expect11 = [-1, -2, -3, -4].map((v) => (v + 2.5) / Math.sqrt(1.25 + 1e-3));
    expect([y[1][0][0][1], y[1][0][1][1], y[1][1][0][1], y[1][1][1][1]]).toEqual(
      expect11.map((v) => expect.closeTo(v, 5)),
    );
  });
});

describe('ReflectionPadding2D', () => {
  it('mirrors rows and columns without repeating the edge', async () => {
    await initBackend('cpu');
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 2, 3, 1]);
    const y = new ReflectionPadding2D({ name: 'pad', padding: [1, 0, 2, 1] }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 3, 6, 1]);
    expect(y.squeeze().arraySync()).toEqual([
      [6, 5, 4, 5, 6, 5],
      [3, 2, 1, 2, 3, 2],
      [6, 5, 4, 5, 6, 5],
    ]);
  });

  it('refuses a pad as large as the side it pads (DW125), naming the node', () => {
    const g = new Graph();
    g.add('ReflectionPadding2D', { padding: [3, 3, 1, 1] }, g.add('Input', { shape: [3, 8, 1] }));
    const report = inferShapes(g.doc, {});
    const d = report.diagnostics.find((x) => x.code === 'DW125');
    expect(d?.message).toMatch(/reflection pad of 3 needs a height above 3/);
    expect(d?.nodeId).toBeDefined();
  });
});

describe('a CycleGAN-style block compiled from the graph', () => {
  it('counts as the catalog says and trains one step on wasm + kernel pack', async () => {
    await initBackend('wasm');
    const g = new Graph();
    const x = g.add('Input', { shape: [8, 8, 2] });
    const pad = g.add('ReflectionPadding2D', { padding: [1, 1, 1, 1] }, x);
    const conv = g.add('Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'linear' }, pad);
    const norm = g.add('InstanceNormalization', {}, conv);
    g.add('Conv2D', { filters: 2, kernelSize: [1, 1], activation: 'tanh' }, norm);
    const { model, report } = compileGraph(g.doc, { seed: 1 });
    expect(model.countParams()).toBe(report.totals.trainable + report.totals.nonTrainable);
    expect(model.getLayer(norm).countParams()).toBe(8);
    const opt = tf.train.adam(0.01);
    const input = tf.randomUniform([2, 8, 8, 2], -1, 1, 'float32', 3);
    const loss = () => tf.mean(tf.abs(tf.sub(model.apply(input, { training: true }) as tf.Tensor, input))) as tf.Scalar;
    const before = loss().dataSync()[0];
    for (let i = 0; i < 5; i++) opt.minimize(loss);
    expect(loss().dataSync()[0]).toBeLessThan(before);
  });
});
