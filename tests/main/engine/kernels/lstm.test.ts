/**
 * LSTM inference on wasm (a few ops per time step) against TF.js's own layer
 * on the cpu backend, within 1e-5; training keeps TF.js's call.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';

interface Case {
  returnSequences: boolean;
  recurrentActivation: 'sigmoid' | 'hardSigmoid';
  useBias: boolean;
  shape: [number, number, number];
  units: number;
}

async function predictOn(backend: 'wasm' | 'cpu', c: Case): Promise<{ kernels: number; values: Float32Array }> {
  await initBackend(backend);
  const [B, T, I] = c.shape;
  const seeded = (seed: number) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });
  const model = tf.sequential({
    layers: [
      tf.layers.lstm({
        units: c.units,
        returnSequences: c.returnSequences,
        recurrentActivation: c.recurrentActivation,
        useBias: c.useBias,
        kernelInitializer: seeded(1),
        recurrentInitializer: seeded(2),
        biasInitializer: seeded(3),
        inputShape: [T, I],
      }),
    ],
  });
  const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 4);
  let values: Float32Array = new Float32Array(0);
  const profile = await tf.profile(() => {
    values = tf.tidy(() => (model.predict(x) as tf.Tensor).dataSync() as Float32Array);
  });
  tf.dispose(x);
  model.dispose();
  return { kernels: profile.kernels.length, values };
}

function relError(want: Float32Array, got: Float32Array): number {
  let num = want.length === got.length ? 0 : Infinity;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(want[i] - got[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return num / den;
}

const CASES: Case[] = [
  { returnSequences: false, recurrentActivation: 'sigmoid', useBias: true, shape: [5, 7, 3], units: 6 },
  { returnSequences: true, recurrentActivation: 'sigmoid', useBias: true, shape: [3, 4, 2], units: 5 },
  { returnSequences: false, recurrentActivation: 'hardSigmoid', useBias: false, shape: [2, 3, 4], units: 3 },
];

describe('kernel pack: LSTM inference', () => {
  for (const c of CASES) {
    it(`${c.recurrentActivation} gates, ${c.returnSequences ? 'every step' : 'last step'}${c.useBias ? '' : ', no bias'}: TF.js's outputs`, async () => {
      const wasm = await predictOn('wasm', c);
      const cpu = await predictOn('cpu', c);
      expect(relError(cpu.values, wasm.values)).toBeLessThan(1e-5);
      expect(wasm.kernels).toBeLessThan(cpu.kernels * 0.75);
    });
  }

  it('training keeps TF.js’s layer (its gradients are the cpu backend’s)', async () => {
    const gradsOn = async (backend: 'wasm' | 'cpu') => {
      await initBackend(backend);
      const layer = tf.layers.lstm({
        units: 4,
        inputShape: [3, 2],
        kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: 6 }),
      });
      const model = tf.sequential({ layers: [layer] });
      const x = tf.randomNormal([2, 3, 2], 0, 1, 'float32', 7);
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(model.apply(x) as tf.Tensor)) as tf.Scalar);
      const out = model.trainableWeights.map((w) => grads[w.originalName].dataSync() as Float32Array);
      tf.dispose([x, ...Object.values(grads)]);
      model.dispose();
      return out;
    };
    const wasm = await gradsOn('wasm');
    const cpu = await gradsOn('cpu');
    cpu.forEach((g, i) => expect(relError(g, wasm[i])).toBeLessThan(1e-5));
  });
});
