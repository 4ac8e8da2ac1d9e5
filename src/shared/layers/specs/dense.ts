/** Fully connected layers: Dense, and Embedding (a trainable lookup table). */
import { defineSpec, expectRank, fail, formatShape, lastDim, ok, product, trainable } from './util.js';

export const Dense = defineSpec({
  kind: 'Dense',
  category: 'Dense',
  label: 'Dense',
  doc:
    'A fully connected layer: every output unit is a weighted sum of all input features plus a bias, ' +
    'followed by the activation. On a sequence (batch, time, features) it is applied to every time ' +
    'step. Images must be flattened first (Flatten or global pooling).',
  arity: 'one',
  kerasClass: 'Dense',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 5408]],
  rules: {
    shape:
      'Replaces the last axis: (None, F) → (None, units); on a sequence (None, T, F) → (None, T, units), T may be None. A 4-D image is an error (DW104): flatten it first; F must be known (DW170).',
    params: 'F × units + units (bias).',
    flops: '2 × F × units per position.',
  },
  outputShape: ([x], p) => {
    const bad = expectRank(x, [2, 3], 'a vector, or a sequence applied step by step');
    if (bad) return bad;
    if (x[x.length - 1] === null)
      return fail('DW170', `needs a known feature size, got ${formatShape(x)} (its last size is None)`);
    return ok([...x.slice(0, -1), p.units]);
  },
  paramCount: ([x], p) => trainable(lastDim(x) * p.units + (p.useBias ? p.units : 0)),
  flops: ([x], p) => 2 * product(x.slice(1, -1)) * lastDim(x) * p.units,
});

export const Embedding = defineSpec({
  kind: 'Embedding',
  category: 'Dense',
  label: 'Embedding',
  doc:
    'Turns integer token ids into learned vectors: a table of vocabulary-size rows, each of the ' +
    'embedding size. Feed it an int32 Input of shape (time steps); the output is a sequence ' +
    '(time steps × embedding size) ready for a recurrent layer.',
  arity: 'one',
  kerasClass: 'Embedding',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 50]],
  rules: {
    shape: 'int32 token ids (None, T) → (None, T, outputDim). Needs a 2-D int32 input (DW119).',
    params: 'inputDim × outputDim.',
    flops: '0 (a table lookup).',
  },
  outputShape: ([x], p) => {
    if (x.length !== 2) return fail('DW119', `expects token ids of shape (None, time steps), got ${formatShape(x)}`);
    return ok([x[0], x[1], p.outputDim]);
  },
  paramCount: (_inputs, p) => trainable(p.inputDim * p.outputDim),
  flops: () => 0,
});
