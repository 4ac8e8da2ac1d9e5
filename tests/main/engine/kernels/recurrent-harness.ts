/** What the fused recurrent ops' tests (LSTM, GRU) share: values and gradients of a layer, and a training run. */
import { expect } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { done, runTraining, type RunSpec } from '../train/helpers.js';

export const NAMES = ['prediction', 'training output', 'dx', 'dKernel', 'dRecurrentKernel', 'dBias'];

/** Uniform in ±0.5 with a seed: every weight of the layers under test. */
export const seeded = (seed: number) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });

/**
 * On `backend`: the layer's prediction over a random x [B, T, I], its training forward, and the gradients of x
 * and of each weight of sum(output · random weights); `plain(x, weights)` (when given) computes the training
 * forward instead of the layer. Also the number of kernel calls.
 */
export async function layerGradients(
  backend: 'wasm' | 'cpu',
  makeLayer: () => tf.layers.Layer,
  shape: [number, number, number],
  outShape: number[],
  plain?: (x: tf.Tensor, weights: tf.Tensor[]) => tf.Tensor,
): Promise<{ kernels: number; values: Float32Array[] }> {
  await initBackend(backend);
  const model = tf.sequential({ layers: [makeLayer()] });
  const x = tf.randomNormal(shape, 0, 1, 'float32', 4);
  const weightsOfOutput = tf.randomNormal(outShape, 0, 1, 'float32', 5);
  const weights = model.trainableWeights.map((w) => w.read());
  const forward = (input: tf.Tensor) => (plain ? plain(input, weights) : (model.apply(input) as tf.Tensor));
  const values: Float32Array[] = [];
  const profile = await tf.profile(() => {
    let y: tf.Tensor | null = null;
    const { grads } = tf.variableGrads(() => {
      y = tf.keep(forward(x));
      return tf.sum(tf.mul(y, weightsOfOutput)) as tf.Scalar;
    });
    const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(forward(input), weightsOfOutput)) as tf.Scalar)(x);
    values.push(
      (model.predict(x) as tf.Tensor).dataSync() as Float32Array,
      y!.dataSync() as Float32Array,
      dx.dataSync() as Float32Array,
    );
    for (const w of model.trainableWeights) values.push(grads[w.originalName].dataSync() as Float32Array);
  });
  tf.dispose([x, weightsOfOutput]);
  model.dispose();
  return { kernels: profile.kernels.length, values };
}

/** `spec` trained on wasm with the fused op and, `useFused(false)`, without: the same losses and test metrics. */
export async function expectSameTraining(spec: RunSpec, useFused: (on: boolean) => void): Promise<void> {
  const run = { ...spec, backend: 'wasm' as const, overrides: { limit: 640, epochs: 1 } };
  const fused = await runTraining(run);
  useFused(false);
  const stock = await runTraining(run).finally(() => useFused(true));
  const losses = new Map(fused.of('batch').map((e) => [e.batch, e.loss]));
  const both = stock.of('batch').filter((e) => losses.has(e.batch));
  expect(both.length).toBeGreaterThanOrEqual(3);
  for (const e of both) expect(Math.abs(losses.get(e.batch)! - e.loss) / e.loss, `batch ${e.batch}`).toBeLessThan(1e-5);
  const [a, b] = [done(fused).metrics, done(stock).metrics];
  expect(Math.abs((a.testLoss ?? NaN) - (b.testLoss ?? NaN)) / (b.testLoss ?? NaN)).toBeLessThan(1e-5);
  expect(a.testAccuracy).toBe(b.testAccuracy);
}

/** The kernels run on wasm for the weights' gradients alone and for the input's, of sum(layer(x)), x [2, 3, 2]. */
export async function gradientKernels(layer: tf.layers.Layer): Promise<{ weightsOnly: string[]; ofInput: string[] }> {
  await initBackend('wasm');
  const model = tf.sequential({ layers: [layer] });
  const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 7);
  const loss = (input: tf.Tensor) => tf.sum(model.apply(input) as tf.Tensor) as tf.Scalar;
  // tf.profile answers the same object each time: keep each call's names.
  const weightsOnly = [...(await tf.profile(() => void tf.dispose(tf.variableGrads(() => loss(x)).grads))).kernelNames];
  const ofInput = [...(await tf.profile(() => void tf.dispose(tf.grad(loss)(x)))).kernelNames];
  tf.dispose(x);
  model.dispose();
  return { weightsOnly, ofInput };
}

/** The kernels of one call of `layer` on wasm (a name per call), x [2, 3, 2], in training or not. */
export async function callKernels(layer: tf.layers.Layer, training: boolean): Promise<string[]> {
  await initBackend('wasm');
  const model = tf.sequential({ layers: [layer] });
  const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 7);
  const profile = await tf.profile(() => void tf.tidy(() => (layer.apply(x, { training }) as tf.Tensor).dataSync()));
  const names = profile.kernels.map((k) => k.name);
  tf.dispose(x);
  model.dispose();
  return names;
}
