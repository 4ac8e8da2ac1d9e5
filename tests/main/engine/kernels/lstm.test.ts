/**
 * LSTM as one op on wasm (the pack's forward and backpropagation-through-time
 * kernels) against TF.js's own step-by-step layer on the cpu backend:
 * predictions, the training forward and the gradients of the input, kernel,
 * recurrent kernel and bias, within 1e-5 (relative to the largest value).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { useFusedLstm } from '../../../../src/main/engine/kernels/lstm.js';
import { relError } from './compare.js';
import { example } from '../train/examples.js';
import {
  NAMES,
  callKernels,
  expectSameTraining,
  gradientKernels,
  layerGradients,
  seeded,
} from './recurrent-harness.js';

interface Case {
  shape: [number, number, number];
  units: number;
  returnSequences: boolean;
  recurrentActivation: 'sigmoid' | 'hardSigmoid';
  activation?: 'tanh' | 'sigmoid' | 'relu' | 'linear';
  useBias?: boolean;
  goBackwards?: boolean;
}

/** Keras's LSTM step by step in plain ops (gates i, f, c, o): the reference where TF.js's layer cannot train. */
function keras(x: tf.Tensor, w: tf.Tensor[], c: Case): tf.Tensor {
  const [B, T] = x.shape;
  const act = (z: tf.Tensor) => tf.layers.activation({ activation: c.activation ?? 'tanh' }).apply(z) as tf.Tensor;
  const gate = (z: tf.Tensor) => tf.layers.activation({ activation: c.recurrentActivation }).apply(z) as tf.Tensor;
  let h: tf.Tensor = tf.zeros([B, c.units]);
  let cell: tf.Tensor = tf.zeros([B, c.units]);
  const hs: tf.Tensor[] = [];
  for (let s = 0; s < T; s++) {
    const xt = tf.squeeze(tf.slice(x, [0, c.goBackwards ? T - 1 - s : s, 0], [B, 1, -1]), [1]);
    let z = tf.add(tf.matMul(xt as tf.Tensor2D, w[0] as tf.Tensor2D), tf.matMul(h as tf.Tensor2D, w[1] as tf.Tensor2D));
    if (w[2]) z = tf.add(z, w[2]);
    const [zi, zf, zc, zo] = tf.split(z, 4, 1);
    cell = tf.add(tf.mul(gate(zf), cell), tf.mul(gate(zi), act(zc)));
    h = tf.mul(gate(zo), act(cell));
    hs.push(h);
  }
  return c.returnSequences ? tf.stack(hs, 1) : h;
}

/** On `backend`: the LSTM's values and gradients (recurrent-harness.ts); `plain`: keras() for the training forward. */
const run = (backend: 'wasm' | 'cpu', c: Case, plain = false) => {
  const [B, T, I] = c.shape;
  const layer = () =>
    tf.layers.lstm({
      units: c.units,
      activation: c.activation ?? 'tanh',
      recurrentActivation: c.recurrentActivation,
      returnSequences: c.returnSequences,
      useBias: c.useBias ?? true,
      goBackwards: c.goBackwards ?? false,
      kernelInitializer: seeded(1),
      recurrentInitializer: seeded(2),
      biasInitializer: seeded(3),
      inputShape: [T, I],
    });
  const outShape = c.returnSequences ? [B, T, c.units] : [B, c.units];
  return layerGradients(backend, layer, c.shape, outShape, plain ? (x, w) => keras(x, w, c) : undefined);
};

const CASES: Case[] = [
  { shape: [1, 1, 3], units: 1, returnSequences: false, recurrentActivation: 'sigmoid' },
  { shape: [1, 28, 5], units: 7, returnSequences: true, recurrentActivation: 'hardSigmoid' },
  { shape: [64, 28, 28], units: 128, returnSequences: false, recurrentActivation: 'sigmoid' },
  { shape: [64, 1, 4], units: 64, returnSequences: true, recurrentActivation: 'hardSigmoid', useBias: false },
  { shape: [64, 28, 3], units: 7, returnSequences: true, recurrentActivation: 'sigmoid' },
  { shape: [1, 28, 28], units: 128, returnSequences: false, recurrentActivation: 'hardSigmoid' },
  { shape: [64, 28, 6], units: 64, returnSequences: true, recurrentActivation: 'hardSigmoid' },
  { shape: [64, 1, 2], units: 1, returnSequences: false, recurrentActivation: 'sigmoid', activation: 'sigmoid' },
  { shape: [5, 7, 3], units: 6, returnSequences: true, recurrentActivation: 'sigmoid', activation: 'relu' },
  { shape: [4, 5, 2], units: 5, returnSequences: false, recurrentActivation: 'hardSigmoid', activation: 'linear' },
  { shape: [5, 7, 3], units: 6, returnSequences: true, recurrentActivation: 'sigmoid', goBackwards: true },
  { shape: [3, 6, 4], units: 8, returnSequences: false, recurrentActivation: 'hardSigmoid', goBackwards: true },
];

const label = (c: Case) =>
  `[B,T,I] ${c.shape}, ${c.units} units, ${c.activation ?? 'tanh'} with ${c.recurrentActivation} gates, ` +
  `${c.returnSequences ? 'every step' : 'last step'}${c.useBias === false ? ', no bias' : ''}${c.goBackwards ? ', backwards' : ''}`;

describe('kernel pack: LSTM as one op', () => {
  for (const c of CASES) {
    it(`${label(c)}: outputs and gradients as TF.js's layer on cpu`, { timeout: 120_000 }, async () => {
      const wasm = await run('wasm', c);
      // TF.js's layer cannot take a gradient through a single time step (its Unpack gradient fails).
      const cpu = await run('cpu', c, c.shape[1] === 1);
      expect(wasm.values).toHaveLength(cpu.values.length);
      cpu.values.forEach((v, i) => expect(relError(v, wasm.values[i]), NAMES[i] ?? `value ${i}`).toBeLessThan(1e-5));
    });
  }

  it('takes a small fraction of the kernel calls of the step-by-step layer', async () => {
    const c = CASES[4];
    const wasm = await run('wasm', c);
    const cpu = await run('cpu', c);
    expect(wasm.kernels).toBeLessThan(cpu.kernels / 10);
  });

  it('computes the sequence’s own gradient only when it is asked for (not for the data while training)', async () => {
    const { weightsOnly, ofInput } = await gradientKernels(tf.layers.lstm({ units: 4, inputShape: [3, 2] }));
    expect(weightsOnly).toContain('DeepwireLstmGrad');
    expect(weightsOnly).not.toContain('DeepwireLstmInputGrad');
    expect(ofInput).toContain('DeepwireLstmInputGrad');
  });

  it('keeps TF.js’s call where it does not apply (dropout while training)', async () => {
    const layer = () => tf.layers.lstm({ units: 4, inputShape: [3, 2], dropout: 0.5 });
    expect(await callKernels(layer(), true)).not.toContain('DeepwireLstm');
    expect(await callKernels(layer(), false)).toContain('DeepwireLstm');
  });
});

describe('kernel pack: the LSTM example trains as with TF.js’s layer', () => {
  it(
    'same losses on real MNIST rows (wasm, fused op against the stock layer), same test metrics',
    { timeout: 300_000 },
    () => expectSameTraining(example('lstm-mnist-rows'), useFusedLstm),
  );
});
