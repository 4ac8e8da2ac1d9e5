import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compareKernel, randomTensor, rng } from './compare.js';

describe('kernel pack: BatchMatMul matches the cpu backend', () => {
  const cases: Array<{ a: number[]; b: number[]; transposeA: boolean; transposeB: boolean }> = [
    { a: [7, 5], b: [7, 4], transposeA: true, transposeB: false }, // Dense dW = xᵀ·dy
    { a: [6, 4], b: [9, 4], transposeA: false, transposeB: true },
    { a: [3, 5], b: [40, 5], transposeA: false, transposeB: true }, // Dense dx = dy·Wᵀ for a wide layer: computed as (W·dyᵀ)ᵀ
    { a: [5, 7], b: [9, 5], transposeA: true, transposeB: true },
    { a: [1, 64, 33], b: [1, 64, 17], transposeA: true, transposeB: false },
    { a: [1, 33, 64], b: [17, 64], transposeA: false, transposeB: true },
    { a: [8, 12], b: [12, 3], transposeA: false, transposeB: false }, // 3 columns: the stock kernel
    { a: [1, 13, 37], b: [1, 37, 29], transposeA: false, transposeB: false }, // GEMM: row block, row, 4-column and scalar edges
    { a: [6, 9], b: [9, 8], transposeA: false, transposeB: false }, // one full register block
    // rows left below the last block of 6: one tile of 2, 3, 4 (batch 64) and 5 rows
    { a: [8, 21], b: [21, 16], transposeA: false, transposeB: false },
    { a: [9, 21], b: [21, 24], transposeA: false, transposeB: false },
    { a: [64, 30], b: [30, 40], transposeA: false, transposeB: false },
    { a: [11, 21], b: [21, 20], transposeA: false, transposeB: false },
    { a: [10, 517], b: [517, 12], transposeA: false, transposeB: false }, // K in blocks of 256 and a rest of 5
    { a: [30, 9000], b: [9000, 6], transposeA: false, transposeB: false }, // 6 columns, big: padded to 8 on the GEMM
    { a: [20, 3], b: [20, 2], transposeA: true, transposeB: false }, // 2 columns: swapped onto the GEMM (Cᵀ = bᵀ·a)
    { a: [3, 4, 5], b: [3, 6, 5], transposeA: false, transposeB: true }, // batched: the stock kernel
  ];
  it.each(cases)('%j', async (c) => {
    const rand = rng(21);
    const r = await compareKernel('BatchMatMul', {
      inputs: { a: randomTensor(c.a, rand), b: randomTensor(c.b, rand) },
      attrs: { transposeA: c.transposeA, transposeB: c.transposeB },
    });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBeLessThan(1e-5);
  });
});

describe('kernel pack: _FusedMatMul (Dense forward) matches the cpu backend', () => {
  const cases = [
    { a: [64, 100], b: [100, 128], activation: 'relu', bias: true },
    { a: [13, 37], b: [37, 29], activation: 'linear', bias: true },
    { a: [7, 5], b: [7, 12], activation: 'relu', bias: false, transposeA: true },
    { a: [9, 16], b: [10, 16], activation: 'linear', bias: true, transposeB: true },
    { a: [9, 16], b: [16, 10], activation: 'sigmoid', bias: true }, // not relu/linear: the stock kernel
    { a: [9, 16], b: [16, 1], activation: 'relu', bias: true }, // one column: the stock kernel
    { a: [300, 900], b: [900, 3], activation: 'relu', bias: true }, // 3 columns, big: padded to 8 on the GEMM
  ];
  it.each(cases)('%j', async (c) => {
    const rand = rng(23);
    const N = c.transposeB ? c.b[0] : c.b[1];
    const r = await compareKernel('_FusedMatMul', {
      // rank 3, as tf.fused.matMul calls it (the stock wasm kernel needs that)
      inputs: {
        a: randomTensor([1, ...c.a], rand),
        b: randomTensor([1, ...c.b], rand),
        ...(c.bias ? { bias: randomTensor([N], rand) } : {}),
      },
      attrs: { transposeA: !!c.transposeA, transposeB: !!c.transposeB, activation: c.activation, leakyreluAlpha: 0.2 },
    });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBeLessThan(1e-5);
  });
});

describe('kernel pack: Add (a bias onto the outputs of a layer) matches the cpu backend', () => {
  const cases = [
    { a: [4, 5, 5, 6], b: [6] }, // a conv bias, 6 channels
    { a: [9, 784], b: [784] }, // a Dense bias
    { a: [7], b: [3, 7] }, // bias first
    { a: [4, 7], b: [1, 7] },
    { a: [4, 7], b: [4, 7] }, // same shape: the stock kernel
    { a: [4, 1], b: [1] }, // one channel: the stock kernel
  ];
  it.each(cases)('%j', async (c) => {
    const rand = rng(29);
    const r = await compareKernel('Add', {
      inputs: { a: randomTensor(c.a, rand), b: randomTensor(c.b, rand) },
      attrs: {},
    });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBeLessThan(1e-6);
  });
});

describe('kernel pack: MaxPoolGrad matches the cpu backend', () => {
  const cases = [
    { x: [2, 8, 8, 3], filterSize: 2, strides: 2, pad: 'valid' },
    { x: [3, 9, 11, 8], filterSize: 2, strides: 2, pad: 'valid' }, // odd sizes: the last row/column gets no gradient
    { x: [3, 9, 7, 5], filterSize: 2, strides: 2, pad: 'same' },
    { x: [2, 9, 9, 4], filterSize: 3, strides: 2, pad: 'valid' },
    { x: [1, 7, 7, 2], filterSize: 3, strides: 1, pad: 'same' },
    { x: [2, 10, 10, 32], filterSize: [3, 2], strides: [1, 2], pad: 'valid' },
  ] as const;
  it.each(cases)('%j (ReLU-like input with ties)', async (c) => {
    const rand = rng(31);
    // Pool on the cpu first to get the forward output the gradient needs.
    const input = randomTensor([...c.x], rand, true);
    await tf.setBackend('cpu');
    const x4 = tf.tensor4d(input.values, input.shape as [number, number, number, number]);
    const y = tf.maxPool(x4, c.filterSize as [number, number], c.strides as [number, number], c.pad);
    const output = { shape: y.shape, values: y.dataSync() as Float32Array };
    const r = await compareKernel('MaxPoolGrad', {
      inputs: { dy: randomTensor(y.shape, rand), input, output },
      attrs: { filterSize: c.filterSize, strides: c.strides, pad: c.pad },
    });
    expect(r.shape).toEqual([...c.x]);
    expect(r.relError).toBeLessThan(1e-5);
  });
});

describe('kernel pack: Sum matches the cpu backend', () => {
  const cases = [
    { x: [4, 5, 6, 7], axis: [0, 1, 2], keepDims: false }, // a conv bias gradient
    { x: [9, 13], axis: 0, keepDims: false }, // a dense bias gradient
    { x: [4, 5, 6, 8], axis: [0, 1, 2], keepDims: false }, // channels % 4 == 0: the SIMD column sum
    { x: [10, 16], axis: 0, keepDims: true },
    { x: [3, 4, 5], axis: [1, 0], keepDims: true },
    { x: [3, 4, 5], axis: [-3, -2], keepDims: false },
    { x: [3, 4, 5], axis: 2, keepDims: false }, // other reductions: the stock kernel
    { x: [3, 4, 5], axis: [0, 2], keepDims: true },
  ];
  it.each(cases)('%j', async (c) => {
    const r = await compareKernel('Sum', {
      inputs: { x: randomTensor(c.x, rng(41)) },
      attrs: { axis: c.axis, keepDims: c.keepDims },
    });
    expect(r.shape).toEqual(r.cpuShape);
    expect(r.relError).toBeLessThan(1e-5);
  });
});
