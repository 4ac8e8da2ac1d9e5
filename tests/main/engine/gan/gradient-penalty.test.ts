import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { gradientPenalty } from '../../../../src/main/engine/gan/losses.js';
import { enableSecondOrderGradients } from '../../../../src/main/engine/gan/second-order.js';

/** Deterministic weights of a small critic: strided conv, leaky ReLU, conv, batch norm, leaky ReLU, dense. */
function weights(): tf.Tensor[] {
  const gen = (shape: number[], seed: number, mean = 0) => tf.randomNormal(shape, mean, 0.3, 'float32', seed);
  return [
    gen([3, 3, 1, 4], 1),
    gen([4], 2),
    gen([3, 3, 4, 6], 3),
    gen([6], 4),
    gen([2 * 2 * 6, 1], 5),
    gen([6], 6, 1),
    gen([6], 7),
  ];
}

/** Batch norm in training mode, as the BatchNormalization layer computes it (batch moments + the FusedBatchNorm op). */
const batchNorm = (h: tf.Tensor4D, gamma: tf.Tensor, beta: tf.Tensor) => {
  const { mean, variance } = tf.moments(h, [0, 1, 2]);
  return tf.batchNorm(h, mean, variance, beta, gamma, 1e-3);
};

function critic(w: tf.Tensor[]) {
  return (x: tf.Tensor) => {
    let h = tf.leakyRelu(tf.add(tf.conv2d(x as tf.Tensor4D, w[0] as tf.Tensor4D, 2, 'same'), w[1]), 0.2);
    h = tf.leakyRelu(
      batchNorm(tf.add(tf.conv2d(h as tf.Tensor4D, w[2] as tf.Tensor4D, 2, 'same'), w[3]), w[5], w[6]),
      0.2,
    );
    return tf.matMul(tf.reshape(h, [x.shape[0], -1]), w[4] as tf.Tensor2D);
  };
}

/** The penalty and its gradient with respect to every critic weight, on one backend. */
async function penaltyAndGrads(backend: 'wasm' | 'cpu', w: Float32Array[] | null = null, shapes: number[][] = []) {
  await initBackend(backend);
  enableSecondOrderGradients();
  return tf.tidy(() => {
    const vars = w ? w.map((v, i) => tf.tensor(v, shapes[i])) : weights();
    const real = tf.randomUniform([3, 8, 8, 1], -1, 1, 'float32', 11);
    const fake = tf.randomUniform([3, 8, 8, 1], -1, 1, 'float32', 12);
    const f = (...ws: tf.Tensor[]) => gradientPenalty(critic(ws), real, fake, 10, 13);
    const { value, grads } = tf.valueAndGrads(f)(vars);
    return {
      value: value.dataSync()[0],
      grads: grads.map((g) => g.dataSync() as Float32Array),
      weights: vars.map((v) => v.dataSync() as Float32Array),
      shapes: vars.map((v) => v.shape),
    };
  });
}

describe('WGAN gradient penalty (gradients of gradients)', () => {
  it('without the comparison-op gradients, TF.js cannot differentiate it (the reason for second-order.ts)', async () => {
    // Checked only when nothing registered them yet in this worker; either way the registration makes it work.
    await initBackend('cpu');
    if (!tf.getGradient('Greater')) {
      expect(() =>
        tf.tidy(() =>
          tf.grad((w: tf.Tensor) =>
            gradientPenalty(critic([w, ...weights().slice(1)]), tf.ones([1, 8, 8, 1]), tf.zeros([1, 8, 8, 1]), 10, 1),
          )(weights()[0]),
        ),
      ).toThrow(/Greater/);
    }
  });

  it('matches central finite differences on the cpu backend', async () => {
    const base = await penaltyAndGrads('cpu');
    const h = 1e-2;
    for (const [wi, k] of [
      [0, 3],
      [0, 17],
      [2, 40],
      [3, 2],
      [4, 7],
      [5, 1],
      [6, 4],
    ] as const) {
      const plus = base.weights.map((w) => w.slice());
      const minus = base.weights.map((w) => w.slice());
      plus[wi][k] += h;
      minus[wi][k] -= h;
      const numeric =
        ((await penaltyAndGrads('cpu', plus, base.shapes)).value -
          (await penaltyAndGrads('cpu', minus, base.shapes)).value) /
        (2 * h);
      const analytic = base.grads[wi][k];
      expect(Math.abs(numeric - analytic)).toBeLessThan(0.05 * Math.max(Math.abs(analytic), 0.05));
    }
  });

  it('gives the cpu backend’s value and gradients on wasm with the kernel pack', async () => {
    const cpu = await penaltyAndGrads('cpu');
    const wasm = await penaltyAndGrads('wasm');
    expect(wasm.value).toBeCloseTo(cpu.value, 4);
    const overall = Math.max(...cpu.grads.flatMap((g) => [...g].map(Math.abs)));
    for (let i = 0; i < cpu.grads.length; i++) {
      // Some gradients are 0 up to round-off (a bias just before batch norm): measure those against the largest gradient.
      const scale = Math.max(1e-3 * overall, ...cpu.grads[i].map(Math.abs));
      const err = Math.max(...cpu.grads[i].map((g, j) => Math.abs(g - wasm.grads[i][j])));
      expect(err / scale).toBeLessThan(1e-4);
    }
  });
});
