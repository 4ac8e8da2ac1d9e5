import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { PACK_KERNELS } from '../../../../src/main/engine/kernels/index.js';
import { compareKernel, randomTensor, rng } from './compare.js';

/** Sigmoid of `values` on one backend. */
async function sigmoidOn(backend: 'wasm' | 'cpu', values: Float32Array): Promise<Float32Array> {
  await initBackend(backend);
  return tf.tidy(() => tf.sigmoid(tf.tensor1d(values)).dataSync() as Float32Array);
}

describe('kernel pack: Sigmoid (wasm SIMD) matches the cpu backend', () => {
  it('is part of the pack', () => {
    expect(Object.keys(PACK_KERNELS)).toContain('Sigmoid');
  });

  // Sizes that are and are not multiples of 4 (the SIMD body and the scalar tail).
  const shapes = [[64, 784], [3, 5, 7], [1], [2, 3], [37, 11]];
  it.each(shapes)('random shape %j', async (...shape) => {
    const rand = rng(shape.reduce((a, b) => a * 31 + b, 11));
    const x = randomTensor(shape, rand);
    x.values.forEach((v, i) => (x.values[i] = v * (i % 3 === 0 ? 30 : 4)));
    const r = await compareKernel('Sigmoid', { inputs: { x }, attrs: {} });
    expect(r.shape).toEqual(shape);
    expect(r.relError).toBeLessThan(1e-5);
  });

  it('is accurate element by element, the far tails included (relative error, so log σ stays finite)', async () => {
    const rand = rng(9);
    const values = Float32Array.from({ length: 4001 }, (_, i) => (rand() * 2 - 1) * 10 ** ((i % 10) - 7));
    values.set([0, -0, Infinity, -Infinity, NaN, 1e-30, -30, 30, -80, -86, -87.5, -100, 100, 17, -17, 0.5], 0);
    const got = await sigmoidOn('wasm', values);
    const want = await sigmoidOn('cpu', values);
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(want[i])) {
        expect(got[i]).toBeNaN();
        continue;
      }
      // Below about −87 σ is denormal in float32 (the cpu backend's too): absolute there.
      const scale = values[i] < -87 ? 1e-30 : Math.max(want[i], 1e-38);
      expect(Math.abs(got[i] - want[i]) / scale, `σ(${values[i]})`).toBeLessThan(2e-6);
    }
  });
});
