/**
 * Wrappers and attention over sequences: TimeDistributed applies one inner layer (chosen by a param, as
 * Bidirectional chooses its cell) to every time step with the same weights, so shapes and counts are the
 * inner layer's on each step; MultiHeadAttention is Keras's, with its four projections' weights.
 */
import { Dense } from './dense.js';
import type { Shape } from '../types.js';
import { defineSpec, fail, formatShape, lastDim, ok, trainable } from './util.js';

export const TimeDistributed = defineSpec({
  kind: 'TimeDistributed',
  category: 'Dense',
  label: 'TimeDistributed',
  doc:
    'Applies a layer (Dense) to every time step of a sequence with the same weights: a per-token ' +
    'classifier after a recurrent layer with return sequences (e.g. a BiLSTM part-of-speech tagger). ' +
    "Its weights are the wrapped layer's.",
  arity: 'one',
  kerasClass: 'TimeDistributed',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 40, 512]],
  rules: {
    shape:
      '(None, T, F) → (None, T, units): the wrapped Dense on every step. Needs a 3-D sequence (DW160); its features must be known (DW104).',
    params: 'F × units + units (bias), as the wrapped Dense: the weights are shared by every step.',
    flops: '2 × T × F × units.',
  },
  outputShape: ([x], p) => {
    if (x.length !== 3)
      return fail('DW160', `expects a sequence (None, time steps, features), got ${x.length}-D ${formatShape(x)}`);
    return Dense.outputShape([x], p);
  },
  paramCount: (inputs, p, out) => Dense.paramCount(inputs, p, out),
  flops: (inputs, p, out) => Dense.flops(inputs, p, out),
});

interface AttentionParams {
  numHeads: number;
  keyDim: number;
  valueDim: number;
  useBias: boolean;
  outputDim: number;
}

/** The sizes Keras derives: query [T, E], value (= key) [S, Ev], heads H, key size, value size and output O. */
export function attentionSizes(inputs: readonly Shape[], p: AttentionParams) {
  const [q, v = q] = inputs;
  const e = lastDim(q);
  const vd = p.valueDim > 0 ? p.valueDim : p.keyDim;
  return {
    t: q[1] ?? 1,
    s: v[1] ?? 1,
    e,
    ev: lastDim(v),
    h: p.numHeads,
    kd: p.keyDim,
    vd,
    o: p.outputDim > 0 ? p.outputDim : e,
  };
}

export const MultiHeadAttention = defineSpec({
  kind: 'MultiHeadAttention',
  category: 'Attention',
  label: 'MultiHeadAttention',
  doc:
    "Keras's multi-head attention: every step of the query sequence attends to every step of the value " +
    'sequence (which is also the key), in several heads with their own query, key and value projections, ' +
    'then one output projection. Connect one sequence for self-attention (a transformer block), or the ' +
    'query first and the value second.',
  arity: 'many',
  minInputs: 1,
  maxInputs: 2,
  kerasClass: 'MultiHeadAttention',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 200, 32]],
  rules: {
    shape:
      'query (None, T, E) [and value (None, S, Ev)] → (None, T, O), O = output size or E. One or two inputs (DW161), each a sequence with known features (DW162).',
    params:
      'E × H × key + Ev × H × key + Ev × H × value + H × value × O, plus with bias 2 × H × key + H × value + O (Keras: query, key, value and output dense kernels and biases).',
    flops: '2 × (T·E·H·key + S·Ev·H·(key + value) + H·T·S·(key + value) + T·H·value·O).',
  },
  outputShape: (xs, p) => {
    if (xs.length < 1 || xs.length > 2)
      return fail(
        'DW161',
        `takes the query and the value (or one sequence for self-attention), got ${xs.length} inputs`,
      );
    for (const x of xs) {
      if (x.length !== 3 || x[2] === null)
        return fail('DW162', `expects sequences (None, time steps, features), got ${formatShape(x)}`);
    }
    const { o } = attentionSizes(xs, p);
    return ok([xs[0][0], xs[0][1], o]);
  },
  paramCount: (xs, p) => {
    const { e, ev, h, kd, vd, o } = attentionSizes(xs, p);
    const kernels = e * h * kd + ev * h * kd + ev * h * vd + h * vd * o;
    return trainable(kernels + (p.useBias ? 2 * h * kd + h * vd + o : 0));
  },
  flops: (xs, p) => {
    const { t, s, e, ev, h, kd, vd, o } = attentionSizes(xs, p);
    return 2 * (t * e * h * kd + s * ev * h * (kd + vd) + h * t * s * (kd + vd) + t * h * vd * o);
  },
});
