/** Merges of two or more tensors: Add (residual connections) and Concatenate. */
import { NO_PARAMS, defineSpec, fail, formatShape, ok, perSample, sameShape } from './util.js';

const list = (shapes: readonly (readonly (number | null)[])[]) => shapes.map(formatShape).join(' and ');

export const Add = defineSpec({
  kind: 'Add',
  category: 'Merge',
  label: 'Add',
  doc:
    'Adds two or more tensors of identical shape element by element, as in the skip connection of ' +
    'a residual block. To join tensors of different widths use Concatenate.',
  arity: 'many',
  kerasClass: 'Add',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [
    [null, 8, 8, 16],
    [null, 8, 8, 16],
  ],
  rules: {
    shape: 'n inputs of identical shape → that shape (DW105 otherwise).',
    params: '0',
    flops: '(n − 1) per output value.',
  },
  outputShape: (xs) => {
    if (xs.some((x) => !sameShape(x, xs[0]))) return fail('DW105', `needs inputs of identical shape, got ${list(xs)}`);
    return ok(xs[0]);
  },
  paramCount: () => NO_PARAMS,
  flops: (xs, _p, out) => (xs.length - 1) * perSample(out),
});

export const Concatenate = defineSpec({
  kind: 'Concatenate',
  category: 'Merge',
  label: 'Concatenate',
  doc:
    'Joins two or more tensors along the last axis (features or channels). All other dimensions must ' +
    'agree; the last one is the sum of the inputs’ last dimensions.',
  arity: 'many',
  kerasClass: 'Concatenate',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [
    [null, 8, 8, 16],
    [null, 8, 8, 8],
  ],
  rules: {
    shape: 'Inputs that agree on every axis but the last → the last axis is the sum of theirs (DW105 otherwise).',
    params: '0',
    flops: '0',
  },
  outputShape: (xs) => {
    const head = xs[0].slice(0, -1);
    if (xs.some((x) => x.length !== xs[0].length || !sameShape(x.slice(0, -1), head))) {
      return fail('DW105', `needs inputs that agree on all but the last axis, got ${list(xs)}`);
    }
    if (xs[0].length < 2) return fail('DW105', `needs inputs with a feature axis, got ${list(xs)}`);
    const lasts = xs.map((x) => x[x.length - 1]);
    return ok([...head, lasts.includes(null) ? null : lasts.reduce<number>((a, d) => a + (d ?? 0), 0)]);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});
