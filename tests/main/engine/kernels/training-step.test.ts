import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { randomTensor, rng } from './compare.js';

/** Gradients of a small CNN (conv s1 + conv s2 + pool + dense) on one backend. */
async function gradsOn(backend: 'wasm' | 'cpu'): Promise<Float32Array[]> {
  await initBackend(backend);
  const rand = rng(5);
  const x = randomTensor([3, 12, 12, 2], rand);
  const w1 = randomTensor([3, 3, 2, 6], rand);
  const w2 = randomTensor([3, 3, 6, 8], rand);
  const w3 = randomTensor([72, 4], rand);
  return tf.tidy(() => {
    const vars = [w1, w2, w3].map((w) => tf.tensor(w.values, w.shape));
    const input = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
    const loss = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) => {
      let h = tf.relu(tf.conv2d(input, a as tf.Tensor4D, 1, 'same'));
      h = tf.relu(tf.conv2d(h, b as tf.Tensor4D, 2, 'valid')); // [3,5,5,8]
      h = tf.maxPool(h, 2, 1, 'valid'); // [3,4,4,8]: 128 features, the first 72 feed the dense layer
      const flat = tf.reshape(h, [3, -1]).slice([0, 0], [3, 72]);
      return tf.sum(tf.square(tf.matMul(flat, c as tf.Tensor2D)));
    };
    const g = tf.grads(loss)(vars);
    return g.map((t) => t.dataSync() as Float32Array);
  });
}

describe('kernel pack inside a real backward pass', () => {
  it('gives the cpu backend’s gradients for a small CNN', async () => {
    const wasm = await gradsOn('wasm');
    const cpu = await gradsOn('cpu');
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

  it('does not leak tensors or wasm memory across training steps', async () => {
    await initBackend('wasm');
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [10, 10, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
        tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
    const x = tf.randomUniform([8, 10, 10, 1], 0, 1, 'float32', 1);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
    await model.trainOnBatch(x, y);
    const before = { ...tf.memory(), dataIds: tf.backend().numDataIds() };
    for (let i = 0; i < 5; i++) await model.trainOnBatch(x, y);
    const after = { ...tf.memory(), dataIds: tf.backend().numDataIds() };
    // The pack's intermediates live below the engine: count the backend's own buffers too.
    expect(after.dataIds).toBe(before.dataIds);
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
  });
});
