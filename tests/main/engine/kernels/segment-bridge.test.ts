import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compareKernel, randomTensor, rng } from './compare.js';

describe('kernel pack: UnsortedSegmentSum (the Embedding gradient) matches the cpu backend', () => {
  const cases = [
    { x: [10, 4], ids: [0, 2, 2, 5, 1, 0, 3, 3, 3, 4], numSegments: 6 },
    { x: [6, 3, 2], ids: [1, 1, 0, 7, -1, 2], numSegments: 4 }, // out-of-range ids contribute nothing
    { x: [5], ids: [4, 4, 0, 1, 4], numSegments: 5 },
  ];
  it.each(cases)('%j', async (c) => {
    const r = await compareKernel('UnsortedSegmentSum', {
      inputs: {
        x: randomTensor(c.x, rng(51)),
        segmentIds: { shape: [c.ids.length], values: Float32Array.from(c.ids), dtype: 'int32' },
      },
      attrs: { numSegments: c.numSegments },
    });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBeLessThan(1e-5);
  });
});

describe('kernel pack: cpu-only kernels are bridged onto wasm', () => {
  async function depthwiseGrads(backend: 'wasm' | 'cpu'): Promise<Float32Array[]> {
    await initBackend(backend);
    const rand = rng(61);
    const x = tf.tensor4d(randomTensor([2, 7, 7, 3], rand).values, [2, 7, 7, 3]);
    const w = tf.tensor4d(randomTensor([3, 3, 3, 2], rand).values, [3, 3, 3, 2]);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')));
    return tf
      .grads(f)([x, w])
      .map((g) => g.dataSync() as Float32Array);
  }

  it('DepthwiseConv2dNativeBackpropFilter/Input give the cpu results', async () => {
    const wasm = await depthwiseGrads('wasm');
    const cpu = await depthwiseGrads('cpu');
    for (let i = 0; i < 2; i++) {
      const err = Math.max(...cpu[i].map((v, j) => Math.abs(v - wasm[i][j])));
      expect(err / Math.max(...cpu[i].map(Math.abs))).toBeLessThan(1e-5);
    }
  });
});

describe('kernel pack: Tile matches the cpu backend', () => {
  const cases = [
    { x: [1, 1, 1, 5], reps: [4, 3, 2, 1] }, // a broadcast bias gradient
    { x: [2, 3], reps: [3, 2] },
    { x: [3, 1, 2], reps: [1, 4, 3] },
    { x: [7], reps: [5] },
    { x: [2, 2, 3], reps: [1, 1, 1] },
  ];
  it.each(cases)('%j', async (c) => {
    const r = await compareKernel('Tile', { inputs: { x: randomTensor(c.x, rng(71)) }, attrs: { reps: c.reps } });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBe(0);
  });

  it('tiles int32 and bool tensors too', async () => {
    await initBackend('wasm');
    expect(Array.from(tf.tile(tf.tensor2d([1, 2], [1, 2], 'int32'), [2, 2]).dataSync())).toEqual([
      1, 2, 1, 2, 1, 2, 1, 2,
    ]);
    expect(Array.from(tf.tile(tf.tensor1d([true, false], 'bool'), [3]).dataSync())).toEqual([1, 0, 1, 0, 1, 0]);
  });
});
