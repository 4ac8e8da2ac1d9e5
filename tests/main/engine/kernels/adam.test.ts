import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { randomTensor, rng } from './compare.js';

/** Weights and optimizer state after a few Adam steps on a least-squares problem. */
async function adamSteps(backend: 'wasm' | 'cpu', sizes: number[][]): Promise<Float32Array[]> {
  await initBackend(backend);
  const rand = rng(7);
  const vars = sizes.map((s, i) =>
    tf.variable(tf.tensor(randomTensor(s, rand).values, s), true, `adam_test_${backend}_${i}_${Date.now()}`),
  );
  const targets = sizes.map((s) => tf.tensor(randomTensor(s, rand).values, s));
  const opt = tf.train.adam(0.01);
  for (let step = 0; step < 5; step++) {
    opt.minimize(() => tf.addN(vars.map((v, i) => tf.sum(tf.square(tf.sub(tf.mul(v, v), targets[i]))))) as tf.Scalar);
  }
  const state = await opt.getWeights();
  const out = [...vars, ...state.slice(1).map((w) => w.tensor)].map((t) => t.dataSync() as Float32Array);
  tf.dispose([...vars, ...targets]);
  opt.dispose();
  return out;
}

describe('kernel pack: fused Adam', () => {
  // Sizes with a remainder mod 4 exercise the scalar tail; 4k exercises the SIMD body only.
  const sizes = [[3, 5, 2, 4], [7], [2, 3], [1]];

  it('matches TF.js Adam on the cpu backend: weights and both moments', async () => {
    const wasm = await adamSteps('wasm', sizes);
    const cpu = await adamSteps('cpu', sizes);
    expect(wasm.length).toBe(sizes.length * 3);
    for (let i = 0; i < cpu.length; i++) {
      let num = 0;
      let den = 0;
      for (let j = 0; j < cpu[i].length; j++) {
        num = Math.max(num, Math.abs(cpu[i][j] - wasm[i][j]));
        den = Math.max(den, Math.abs(cpu[i][j]));
      }
      expect(num / den).toBeLessThan(1e-5);
    }
  });

  it('counts iterations, descends and leaks no tensors or wasm buffers', async () => {
    await initBackend('wasm');
    const v = tf.variable(tf.ones([6]));
    const opt = tf.train.adam(0.1);
    const step = () => opt.minimize(() => tf.sum(tf.square(v)) as tf.Scalar);
    step();
    const before = { tensors: tf.memory().numTensors, ids: tf.backend().numDataIds() };
    for (let i = 0; i < 3; i++) step();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(tf.backend().numDataIds()).toBe(before.ids);
    expect(opt.iterations).toBe(4);
    expect(Array.from(v.dataSync()).every((x) => x < 1)).toBe(true);
    tf.dispose([v]);
    opt.dispose();
  });
});

describe('fused Adam across backends', () => {
  it('falls back to the ordinary step for state created on another backend', async () => {
    await initBackend('cpu');
    const v = tf.variable(tf.tensor1d([1, 2, 3, 4, 5]));
    const opt = tf.train.adam(0.1);
    opt.minimize(() => tf.sum(tf.square(v)) as tf.Scalar); // moments now live on cpu
    await initBackend('wasm');
    opt.minimize(() => tf.sum(tf.square(v)) as tf.Scalar);
    expect(opt.iterations).toBe(2);
    expect(Array.from(v.dataSync()).every((x, i) => x < i + 1)).toBe(true);
    tf.dispose(v);
    opt.dispose();
  });
});
