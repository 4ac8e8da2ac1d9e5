/**
 * SimpleRNN as one op on wasm (the pack) against TF.js's own step-by-step
 * layer on the cpu backend: outputs and the gradients of the input, kernel,
 * recurrent kernel and bias, within 1e-5.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { relError } from './compare.js';

interface Case {
  activation: 'tanh' | 'relu' | 'sigmoid' | 'linear';
  returnSequences: boolean;
  useBias: boolean;
  shape: [number, number, number];
  units: number;
}

async function run(backend: 'wasm' | 'cpu', c: Case): Promise<{ kernels: number; values: Float32Array[] }> {
  await initBackend(backend);
  const [B, T, I] = c.shape;
  const layer = tf.layers.simpleRNN({
    units: c.units,
    activation: c.activation,
    returnSequences: c.returnSequences,
    useBias: c.useBias,
    kernelInitializer: tf.initializers.randomUniform({ minval: -0.6, maxval: 0.6, seed: 1 }),
    recurrentInitializer: tf.initializers.randomUniform({ minval: -0.6, maxval: 0.6, seed: 2 }),
    biasInitializer: tf.initializers.randomUniform({ minval: -0.3, maxval: 0.3, seed: 3 }),
    inputShape: [T, I],
  });
  const model = tf.sequential({ layers: [layer] });
  const x = tf.randomNormal([B, T, I], 0, 1, 'float32', 4);
  const outShape = c.returnSequences ? [B, T, c.units] : [B, c.units];
  const weightsOfOutput = tf.randomNormal(outShape, 0, 1, 'float32', 5);
  const loss = (input: tf.Tensor) => tf.sum(tf.mul(model.apply(input) as tf.Tensor, weightsOfOutput)) as tf.Scalar;
  const values: Float32Array[] = [];
  const profile = await tf.profile(() => {
    const { grads } = tf.variableGrads(() => loss(x));
    const dx = tf.grad(loss)(x);
    values.push((model.predict(x) as tf.Tensor).dataSync() as Float32Array, dx.dataSync() as Float32Array);
    for (const w of model.trainableWeights) values.push(grads[w.originalName].dataSync() as Float32Array);
  });
  tf.dispose([x, weightsOfOutput]);
  model.dispose();
  return { kernels: profile.kernels.length, values };
}

const CASES: Case[] = [
  { activation: 'tanh', returnSequences: false, useBias: true, shape: [5, 7, 3], units: 6 },
  { activation: 'tanh', returnSequences: true, useBias: true, shape: [4, 6, 2], units: 5 },
  { activation: 'relu', returnSequences: true, useBias: false, shape: [3, 5, 4], units: 4 },
  { activation: 'sigmoid', returnSequences: false, useBias: true, shape: [2, 4, 3], units: 3 },
  { activation: 'linear', returnSequences: false, useBias: true, shape: [3, 3, 1], units: 8 },
  { activation: 'tanh', returnSequences: true, useBias: true, shape: [2, 2, 3], units: 4 },
];

describe('kernel pack: SimpleRNN as one op', () => {
  for (const c of CASES) {
    it(`${c.activation}, ${c.returnSequences ? 'every step' : 'last step'}${c.useBias ? '' : ', no bias'}, [B,T,I] ${c.shape}: outputs and gradients as TF.js's layer on cpu`, async () => {
      const wasm = await run('wasm', c);
      const cpu = await run('cpu', c);
      expect(wasm.values).toHaveLength(cpu.values.length);
      cpu.values.forEach((v, i) => expect(relError(v, wasm.values[i]), `value ${i}`).toBeLessThan(1e-5));
    });
  }

  it('takes a fraction of the kernel calls of the step-by-step layer', async () => {
    const c = CASES[0];
    const wasm = await run('wasm', c);
    const cpu = await run('cpu', c);
    expect(wasm.kernels).toBeLessThan(cpu.kernels / 2);
  });
});
