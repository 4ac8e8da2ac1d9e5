import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { PACK_KERNELS } from '../../../../src/main/engine/kernels/index.js';
import { compareKernel, randomTensor, rng } from './compare.js';

/** Tanh of `values` on one backend. */
async function tanhOn(backend: 'wasm' | 'cpu', values: Float32Array): Promise<Float32Array> {
  await initBackend(backend);
  return tf.tidy(() => tf.tanh(tf.tensor1d(values)).dataSync() as Float32Array);
}

describe('kernel pack: Tanh (wasm SIMD) matches the cpu backend', () => {
  it('is part of the pack', () => {
    expect(Object.keys(PACK_KERNELS)).toContain('Tanh');
  });

  // Sizes that are and are not multiples of 4 (the SIMD body and the scalar tail), values up to ±12 (past the clamp).
  const shapes = [[64, 28, 28, 6], [3, 5, 7], [1], [2, 3], [4, 4], [37, 11]];
  it.each(shapes)('random shape %j', async (...shape) => {
    const rand = rng(shape.reduce((a, b) => a * 31 + b, 7));
    const x = randomTensor(shape, rand);
    x.values.forEach((v, i) => (x.values[i] = v * (i % 3 === 0 ? 12 : 2)));
    const r = await compareKernel('Tanh', { inputs: { x }, attrs: {} });
    expect(r.shape).toEqual(shape);
    expect(r.relError).toBeLessThan(1e-5);
  });

  it('is accurate element by element, small values included, and keeps ±1, 0, NaN at the ends', async () => {
    const rand = rng(5);
    const values = Float32Array.from({ length: 4001 }, (_, i) => (rand() * 2 - 1) * 10 ** ((i % 12) - 8));
    values.set([0, -0, Infinity, -Infinity, NaN, 1e-30, -1e-30, 9, -9, 20, 0.5, -0.5], 0);
    const got = await tanhOn('wasm', values);
    const want = await tanhOn('cpu', values);
    for (let i = 0; i < values.length; i++) {
      if (Number.isNaN(want[i])) {
        expect(got[i]).toBeNaN();
        continue;
      }
      const rel = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), 1e-38);
      if (rel >= 1e-5) throw new Error(`tanh(${values[i]}) = ${got[i]}, want ${want[i]}`);
    }
    expect(Array.from(got.subarray(0, 4))).toEqual([0, -0, 1, -1]); // tanh(−0) = −0, as libm
    expect(Math.abs(got[10])).toBeLessThanOrEqual(1);
  });

  it('trains: the gradient through tanh matches the cpu backend', async () => {
    const rand = rng(9);
    const x = randomTensor([6, 33], rand);
    const grad = async (backend: 'wasm' | 'cpu') => {
      await initBackend(backend);
      return tf.tidy(
        () =>
          tf
            .grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tanh(tf.mul(t, 3)), t)))(tf.tensor(x.values, x.shape))
            .dataSync() as Float32Array,
      );
    };
    const a = await grad('wasm');
    const b = await grad('cpu');
    const scale = Math.max(...b.map(Math.abs));
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]) / scale).toBeLessThan(1e-5);
  });
});
