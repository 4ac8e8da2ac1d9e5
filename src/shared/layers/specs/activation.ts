/** The stand-alone Activation, ReLU, ELU, PReLU and Softmax layers (Dense and Conv layers also take an activation). */
import type { Shape, ShapeResult } from '../types.js';
import { NO_PARAMS, defineSpec, fail, formatShape, ok, perSample, product, trainable } from './util.js';

export const Activation = defineSpec({
  kind: 'Activation',
  category: 'Activation',
  label: 'Activation',
  doc:
    'Applies a function to every value: relu, relu6 (min(max(x, 0), 6)), leaky_relu (negative slope alpha), elu, selu, sigmoid, ' +
    'tanh, softmax (over the last axis), gelu, swish, softplus, softsign, hard_sigmoid (clip(0.2·x + 0.5, 0, 1), as Keras 2 and TF.js), or linear (identity). Same shape out as in, no weights.',
  arity: 'one',
  kerasClass: 'Activation',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 128]],
  rules: {
    shape: 'Unchanged.',
    params: '0',
    flops: '1 per value (0 for linear).',
  },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x], p) => (p.activation === 'linear' ? 0 : perSample(x)),
});

export const ReLU = defineSpec({
  kind: 'ReLU',
  category: 'Activation',
  label: 'ReLU',
  doc:
    "Keras's ReLU layer with its options: max value caps the output (6 gives the ReLU6 of MobileNet), and " +
    'values below the threshold are multiplied by the negative slope: f(x) = min(max value, x) for x ≥ threshold, ' +
    'negative slope × (x − threshold) below it.',
  arity: 'one',
  kerasClass: 'ReLU',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 112, 112, 32]],
  rules: { shape: 'Unchanged.', params: '0', flops: '1 per value.' },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x]) => perSample(x),
});

export const ELU = defineSpec({
  kind: 'ELU',
  category: 'Activation',
  label: 'ELU',
  doc: "Keras's ELU layer: x for x > 0, alpha × (exp(x) − 1) below (alpha 1 is the elu activation).",
  arity: 'one',
  kerasClass: 'ELU',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 16, 16, 64]],
  rules: { shape: 'Unchanged.', params: '0', flops: '1 per value.' },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x]) => perSample(x),
});

export const Softmax = defineSpec({
  kind: 'Softmax',
  category: 'Activation',
  label: 'Softmax',
  doc: "Keras's Softmax layer: exponentials normalised to sum to 1 along one axis (the last by default).",
  arity: 'one',
  kerasClass: 'Softmax',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 10, 12]],
  rules: {
    shape: "Unchanged; the axis must be one of the input's non-batch axes (DW145).",
    params: '0',
    flops: '3 per value.',
  },
  outputShape: ([x], p) => {
    const axis = p.axis < 0 ? x.length + p.axis : p.axis;
    if (axis < 1 || axis >= x.length) {
      return fail('DW145', `has axis ${p.axis}, but its input ${formatShape(x)} has axes 1 to ${x.length - 1}`);
    }
    return ok(x);
  },
  paramCount: () => NO_PARAMS,
  flops: ([x]) => 3 * perSample(x),
});

/** PReLU's shared axes from its param ('none' or e.g. '1,2'). */
export const preluAxes = (choice: string): number[] => (choice === 'none' ? [] : choice.split(',').map(Number));

/** PReLU's slope shape (input without batch, shared axes set to 1), or a DW149 failure. */
export function preluSlopeShape(x: Shape, sharedAxes: readonly number[]): number[] | ShapeResult {
  const n = x.length - 1;
  const bad = sharedAxes.find((a, i) => a < 1 || a > n || sharedAxes.indexOf(a) !== i);
  if (bad !== undefined) {
    return fail('DW149', `shares axis ${bad}, but its input ${formatShape(x)} has axes 1 to ${n}, each once`);
  }
  const dims = x.slice(1).map((d, i) => (sharedAxes.includes(i + 1) ? 1 : d));
  const unknown = dims.findIndex((d) => d === null);
  if (unknown >= 0) return fail('DW149', `needs a known size on axis ${unknown + 1} of ${formatShape(x)}, or share it`);
  return dims as number[];
}

export const PReLU = defineSpec({
  kind: 'PReLU',
  category: 'Activation',
  label: 'PReLU',
  doc: "Keras's PReLU: x for x ≥ 0, a learned slope × x below, one slope per value or shared along chosen axes.",
  arity: 'one',
  kerasClass: 'PReLU',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 16, 16, 32]],
  rules: {
    shape: 'Unchanged; shared axes are among 1 to rank − 1 (DW149).',
    params: 'Product of the input sizes on the axes not shared (e.g. C with shared axes 1, 2).',
    flops: '2 per value.',
  },
  outputShape: ([x], p) => {
    const slope = preluSlopeShape(x, preluAxes(p.sharedAxes));
    return Array.isArray(slope) ? ok(x) : slope;
  },
  paramCount: ([x], p) => {
    const slope = preluSlopeShape(x, preluAxes(p.sharedAxes));
    return Array.isArray(slope) ? trainable(product(slope)) : NO_PARAMS;
  },
  flops: ([x]) => 2 * perSample(x),
});
