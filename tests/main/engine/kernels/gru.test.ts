/**
 * GRU as one op on wasm (the pack's forward and backpropagation-through-time
 * kernels), both reset variants, against the layers' own step-by-step calls
 * on the cpu backend (TF.js's GRU; Deepwire's ResetAfterGRU): predictions,
 * the training forward and the gradients of the input, kernel, recurrent
 * kernel and bias, within 1e-5 (relative to the largest value).
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ResetAfterGRU } from '../../../../src/main/engine/compile/layers/gru-reset-after.js';
import { useFusedGru } from '../../../../src/main/engine/kernels/gru.js';
import { relError } from './compare.js';
import { example } from '../train/examples.js';
import type { RunSpec } from '../train/helpers.js';
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
  resetAfter: boolean;
  activation?: 'tanh' | 'sigmoid' | 'relu' | 'linear';
  useBias?: boolean;
  goBackwards?: boolean;
}

/** Keras's GRU step by step in plain ops (gates z, r, h): the reference where the layer cannot train. */
function keras(x: tf.Tensor, w: tf.Tensor[], c: Case): tf.Tensor {
  const [B, T] = x.shape;
  const act = (z: tf.Tensor) => tf.layers.activation({ activation: c.activation ?? 'tanh' }).apply(z) as tf.Tensor;
  const gate = (z: tf.Tensor) => tf.layers.activation({ activation: c.recurrentActivation }).apply(z) as tf.Tensor;
  const [kernel, recurrent, bias] = w as tf.Tensor2D[];
  const [bx, bh] = bias ? (c.resetAfter ? tf.unstack(bias) : [bias, null]) : [null, null];
  let h: tf.Tensor = tf.zeros([B, c.units]);
  const hs: tf.Tensor[] = [];
  for (let s = 0; s < T; s++) {
    const xt = tf.squeeze(tf.slice(x, [0, c.goBackwards ? T - 1 - s : s, 0], [B, 1, -1]), [1]) as tf.Tensor2D;
    let xw = tf.matMul(xt, kernel);
    if (bx) xw = tf.add(xw, bx);
    const [xz, xr, xh] = tf.split(xw, 3, 1);
    const [rz, rr, rh] = tf.split(recurrent, 3, 1) as tf.Tensor2D[];
    let hu = tf.matMul(h as tf.Tensor2D, recurrent);
    if (bh) hu = tf.add(hu, bh);
    const [hz, hr, hh] = tf.split(hu, 3, 1);
    const z = gate(tf.add(xz, c.resetAfter ? hz : tf.matMul(h as tf.Tensor2D, rz)));
    const r = gate(tf.add(xr, c.resetAfter ? hr : tf.matMul(h as tf.Tensor2D, rr)));
    const candidate = act(tf.add(xh, c.resetAfter ? tf.mul(r, hh) : tf.matMul(tf.mul(r, h) as tf.Tensor2D, rh)));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    hs.push(h);
  }
  return c.returnSequences ? tf.stack(hs, 1) : h;
}

/** On `backend`: the GRU's values and gradients (recurrent-harness.ts); `plain`: keras() for the training forward. */
const run = (backend: 'wasm' | 'cpu', c: Case, plain = false) => {
  const [B, T, I] = c.shape;
  const args = {
    units: c.units,
    activation: c.activation ?? ('tanh' as const),
    recurrentActivation: c.recurrentActivation,
    returnSequences: c.returnSequences,
    useBias: c.useBias ?? true,
    goBackwards: c.goBackwards ?? false,
    kernelInitializer: seeded(1),
    recurrentInitializer: seeded(2),
    biasInitializer: seeded(3),
    inputShape: [T, I],
  };
  const layer = () => (c.resetAfter ? new ResetAfterGRU(args) : tf.layers.gru(args));
  const outShape = c.returnSequences ? [B, T, c.units] : [B, c.units];
  return layerGradients(backend, layer, c.shape, outShape, plain ? (x, w) => keras(x, w, c) : undefined);
};

/** Each case for both reset variants. */
const CASES: Case[] = (
  [
    { shape: [1, 1, 3], units: 1, returnSequences: false, recurrentActivation: 'sigmoid' },
    { shape: [1, 28, 5], units: 7, returnSequences: true, recurrentActivation: 'hardSigmoid' },
    { shape: [64, 28, 28], units: 64, returnSequences: false, recurrentActivation: 'sigmoid' },
    { shape: [64, 1, 4], units: 64, returnSequences: true, recurrentActivation: 'hardSigmoid', useBias: false },
    { shape: [64, 28, 3], units: 7, returnSequences: true, recurrentActivation: 'sigmoid' },
    { shape: [1, 28, 28], units: 64, returnSequences: false, recurrentActivation: 'hardSigmoid' },
    { shape: [64, 28, 6], units: 1, returnSequences: true, recurrentActivation: 'hardSigmoid' },
    { shape: [64, 1, 2], units: 1, returnSequences: false, recurrentActivation: 'sigmoid', activation: 'sigmoid' },
    { shape: [5, 7, 3], units: 6, returnSequences: true, recurrentActivation: 'sigmoid', activation: 'relu' },
    { shape: [4, 5, 2], units: 5, returnSequences: false, recurrentActivation: 'hardSigmoid', activation: 'linear' },
    { shape: [5, 7, 3], units: 8, returnSequences: true, recurrentActivation: 'sigmoid', goBackwards: true },
    { shape: [3, 6, 4], units: 8, returnSequences: false, recurrentActivation: 'hardSigmoid', goBackwards: true },
  ] as Omit<Case, 'resetAfter'>[]
).flatMap((c) => [false, true].map((resetAfter) => ({ ...c, resetAfter })));

const label = (c: Case) =>
  `reset ${c.resetAfter ? 'after' : 'before'}, [B,T,I] ${c.shape}, ${c.units} units, ${c.activation ?? 'tanh'} ` +
  `with ${c.recurrentActivation} gates, ${c.returnSequences ? 'every step' : 'last step'}` +
  `${c.useBias === false ? ', no bias' : ''}${c.goBackwards ? ', backwards' : ''}`;

describe('kernel pack: GRU as one op', () => {
  for (const c of CASES) {
    it(`${label(c)}: outputs and gradients as the layer on cpu`, { timeout: 120_000 }, async () => {
      const wasm = await run('wasm', c);
      // TF.js's RNN loop cannot take a gradient through a single time step (its Unpack gradient fails).
      const cpu = await run('cpu', c, c.shape[1] === 1);
      expect(wasm.values).toHaveLength(cpu.values.length);
      cpu.values.forEach((v, i) => expect(relError(v, wasm.values[i]), NAMES[i] ?? `value ${i}`).toBeLessThan(1e-5));
    });
  }

  for (const resetAfter of [false, true])
    it(`Bidirectional, reset ${resetAfter ? 'after' : 'before'}: both directions fused, as on cpu`, async () => {
      const layer = () =>
        tf.layers.bidirectional({
          layer: (resetAfter ? (a: typeof args) => new ResetAfterGRU(a) : tf.layers.gru)(args) as tf.RNN,
          inputShape: [7, 3],
        });
      const args = {
        units: 8,
        recurrentActivation: 'sigmoid' as const,
        kernelInitializer: seeded(1),
        recurrentInitializer: seeded(2),
        biasInitializer: seeded(3),
      };
      const wasm = await layerGradients('wasm', layer, [5, 7, 3], [5, 16]);
      const cpu = await layerGradients('cpu', layer, [5, 7, 3], [5, 16]);
      expect(wasm.values).toHaveLength(cpu.values.length);
      cpu.values.forEach((v, i) => expect(relError(v, wasm.values[i]), `value ${i}`).toBeLessThan(1e-5));
      expect((await callKernels(layer(), false)).filter((k) => k === 'DeepwireGru')).toHaveLength(2);
    });

  it('takes a small fraction of the kernel calls of the step-by-step layer', async () => {
    for (const c of CASES.slice(8, 10)) {
      const wasm = await run('wasm', c);
      const cpu = await run('cpu', c);
      expect(wasm.kernels, label(c)).toBeLessThan(cpu.kernels / 10);
    }
  });

  it('computes the sequence’s own gradient only when it is asked for (not for the data while training)', async () => {
    const { weightsOnly, ofInput } = await gradientKernels(tf.layers.gru({ units: 4, inputShape: [3, 2] }));
    expect(weightsOnly).toContain('DeepwireGruGrad');
    expect(weightsOnly).not.toContain('DeepwireGruInputGrad');
    expect(ofInput).toContain('DeepwireGruInputGrad');
  });

  it('keeps the layer’s own call where it does not apply (dropout while training)', async () => {
    for (const layer of [
      () => tf.layers.gru({ units: 4, inputShape: [3, 2], dropout: 0.5 }),
      () => new ResetAfterGRU({ units: 4, inputShape: [3, 2], dropout: 0.5 }),
    ]) {
      expect(await callKernels(layer(), true)).not.toContain('DeepwireGru');
      expect(await callKernels(layer(), false)).toContain('DeepwireGru');
    }
  });
});

/** The LSTM example with its LSTM made a GRU of 128 units (Keras's reset variant unless `resetAfter` is false). */
export function gruRows(resetAfter: boolean): RunSpec {
  const spec = example('lstm-mnist-rows');
  const nodes = spec.graph.nodes.map((n) =>
    n.kind === 'LSTM' ? ({ ...n, kind: 'GRU', params: { ...n.params, resetAfter } } as unknown as typeof n) : n,
  );
  return { ...spec, graph: { ...spec.graph, nodes } };
}

describe('kernel pack: a GRU on MNIST rows trains as with the layers’ own calls', () => {
  for (const resetAfter of [false, true])
    it(
      `reset ${resetAfter ? 'after' : 'before'}: same losses on real MNIST rows (wasm), same test metrics`,
      { timeout: 300_000 },
      () => expectSameTraining(gruRows(resetAfter), useFusedGru),
    );
});
