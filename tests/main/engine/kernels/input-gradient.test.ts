/**
 * The gradient of the training data is never computed: TF.js's fused Conv2D
 * and Dense (bias, and an activation other than relu/elu) take their gradient
 * through customGrad, which also computes the gradient of their input — for a
 * first layer, of the images. On wasm the pack runs such a layer as the plain
 * ops while a gradient is taped and its input depends on no trainable weight.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';

/** LeNet-5's shape of first layers: Conv2D + tanh on the images; Dense + sigmoid on flattened data. */
function lenetLike(): tf.LayersModel {
  const images = tf.input({ shape: [12, 12, 1] });
  const table = tf.input({ shape: [5, 1] });
  let h = tf.layers
    .conv2d({
      filters: 4,
      kernelSize: 5,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    })
    .apply(images) as tf.SymbolicTensor;
  h = tf.layers.averagePooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  h = tf.layers
    .conv2d({
      filters: 6,
      kernelSize: 3,
      activation: 'tanh',
      kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
    })
    .apply(h) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  const t = tf.layers
    .dense({ units: 3, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) })
    .apply(tf.layers.flatten().apply(table)) as tf.SymbolicTensor;
  const merged = tf.layers.concatenate().apply([h, t]) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) })
    .apply(merged) as tf.SymbolicTensor;
  return tf.model({ inputs: [images, table], outputs: out });
}

const data = () => [
  tf.randomUniform([4, 12, 12, 1], 0, 1, 'float32', 7),
  tf.randomUniform([4, 5, 1], -1, 1, 'float32', 8),
];
const labels = () => tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);

/** Weights after one SGD step on `backend`, and the kernels the step ran. */
async function oneStep(backend: 'wasm' | 'cpu'): Promise<{ weights: Float32Array[]; kernels: string[] }> {
  await initBackend(backend);
  const model = lenetLike();
  model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' });
  const [x, t] = data();
  const y = labels();
  const profile = await tf.profile(async () => void (await model.trainOnBatch([x, t], y)));
  const weights = model.getWeights().map((w) => w.dataSync() as Float32Array);
  tf.dispose([x, t, y]);
  model.dispose();
  return { weights, kernels: profile.kernels.map((k) => k.name) };
}

function relError(want: Float32Array, got: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(want[i] - got[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return num / den;
}

describe('kernel pack: no gradient of the training data', () => {
  it('a training step on wasm skips the images’ gradient and updates every weight as the cpu backend', async () => {
    const wasm = await oneStep('wasm');
    const cpu = await oneStep('cpu');
    // The second convolution's input gradient is needed (one Conv2DBackpropInput); the first's is not.
    expect(wasm.kernels.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(1);
    expect(cpu.kernels.filter((k) => k === 'Conv2DBackpropInput')).toHaveLength(2);
    // Dense on the flattened table: forward and its weights' gradient, not its input's (cpu: one more).
    const matmuls = (k: string[]) => k.filter((name) => /MatMul$/.test(name)).length;
    expect(matmuls(wasm.kernels)).toBe(matmuls(cpu.kernels) - 1);
    expect(wasm.weights).toHaveLength(cpu.weights.length);
    cpu.weights.forEach((w, i) => expect(relError(w, wasm.weights[i])).toBeLessThan(1e-5));
  });

  it('still gives the gradient of the input when it is asked for (saliency)', async () => {
    const saliency = async (backend: 'wasm' | 'cpu') => {
      await initBackend(backend);
      const model = lenetLike();
      const [x, t] = data();
      // The first class's score (the softmax's sum is constant: its gradient would be zero).
      const g = tf.grad((img: tf.Tensor) => tf.sum((model.apply([img, t]) as tf.Tensor).slice([0, 0], [-1, 1])))(x);
      const out = g.dataSync() as Float32Array;
      tf.dispose([x, t, g]);
      model.dispose();
      return out;
    };
    const wasm = await saliency('wasm');
    expect(relError(await saliency('cpu'), wasm)).toBeLessThan(1e-5);
    expect(wasm.some((v) => v !== 0)).toBe(true);
  });

  it('inference keeps the fused convolution', async () => {
    await initBackend('wasm');
    const model = lenetLike();
    const [x, t] = data();
    const profile = await tf.profile(() => tf.dispose(model.predict([x, t]) as tf.Tensor));
    expect(profile.kernels.filter((k) => k.name === 'FusedConv2D')).toHaveLength(2);
    tf.dispose([x, t]);
    model.dispose();
  });
});
