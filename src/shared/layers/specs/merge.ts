/** Merges of two or more tensors: the element-wise ones (Add, Subtract, Multiply, Average, Maximum, Minimum) and Concatenate. */
import type { Shape, ShapeResult } from '../types.js';
import { NO_PARAMS, defineSpec, fail, formatShape, ok, perSample, sameShape } from './util.js';

const list = (shapes: readonly (readonly (number | null)[])[]) => shapes.map(formatShape).join(' and ');

/**
 * Keras's element-wise merge shape: the inputs agree on every axis after the batch, or are 1 there in all but
 * one (broadcast, as a squeeze-and-excitation block multiplies (H, W, C) by (1, 1, C)); None where any is None.
 */
function broadcastShape(xs: readonly Shape[]): Shape | null {
  if (xs.some((x) => x.length !== xs[0].length)) return null;
  const out = [...xs[0]];
  for (const x of xs.slice(1)) {
    for (let axis = 1; axis < out.length; axis++) {
      const [a, b] = [out[axis], x[axis]];
      if (a === null || b === null) out[axis] = null;
      else if (a === 1) out[axis] = b;
      else if (b !== 1 && a !== b) return null;
    }
  }
  return out;
}

/** The shape and count rules every element-wise merge shares. */
const elementwise = {
  arity: 'many',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [
    [null, 8, 8, 16],
    [null, 8, 8, 16],
  ],
  rules: {
    shape:
      'n inputs of one shape → that shape; an axis of size 1 in some inputs is broadcast to the others’ size, as in Keras (DW105 otherwise).',
    params: '0',
    flops: '(n − 1) per output value.',
  },
  outputShape: (xs: readonly Shape[]): ShapeResult => {
    const out = broadcastShape(xs);
    return out ? ok(out) : fail('DW105', `needs inputs of one shape (or of size 1 on an axis), got ${list(xs)}`);
  },
  paramCount: () => NO_PARAMS,
  flops: (xs: readonly Shape[], _p: unknown, out: Shape) => (xs.length - 1) * perSample(out),
} as const;

export const Subtract = defineSpec<'Subtract'>({
  kind: 'Subtract',
  category: 'Merge',
  label: 'Subtract',
  doc: 'Subtracts the second tensor from the first, element by element; both have one shape, or size 1 on an axis to broadcast.',
  kerasClass: 'Subtract',
  ...elementwise,
  rules: { ...elementwise.rules, shape: `Exactly 2 inputs (DW141). ${elementwise.rules.shape}` },
  outputShape: (xs) =>
    xs.length === 2 ? elementwise.outputShape(xs) : fail('DW141', `takes exactly 2 inputs, got ${xs.length}`),
});

export const Multiply = defineSpec<'Multiply'>({
  kind: 'Multiply',
  category: 'Merge',
  label: 'Multiply',
  doc: 'Multiplies two or more tensors element by element (gating, attention masks); a size-1 axis is broadcast, so (1, 1, C) channel weights scale an (H, W, C) image as in squeeze-and-excitation.',
  kerasClass: 'Multiply',
  ...elementwise,
});

export const Average = defineSpec<'Average'>({
  kind: 'Average',
  category: 'Merge',
  label: 'Average',
  doc: 'The element-wise mean of two or more tensors of one shape (ensembles of branches); a size-1 axis is broadcast.',
  kerasClass: 'Average',
  ...elementwise,
});

export const Maximum = defineSpec<'Maximum'>({
  kind: 'Maximum',
  category: 'Merge',
  label: 'Maximum',
  doc: 'The element-wise maximum of two or more tensors of one shape; a size-1 axis is broadcast.',
  kerasClass: 'Maximum',
  ...elementwise,
});

export const Minimum = defineSpec<'Minimum'>({
  kind: 'Minimum',
  category: 'Merge',
  label: 'Minimum',
  doc: 'The element-wise minimum of two or more tensors of one shape; a size-1 axis is broadcast.',
  kerasClass: 'Minimum',
  ...elementwise,
});

export const Add = defineSpec({
  kind: 'Add',
  category: 'Merge',
  label: 'Add',
  doc:
    'Adds two or more tensors of one shape element by element, as in the skip connection of ' +
    'a residual block (a size-1 axis is broadcast). To join tensors of different widths use Concatenate.',
  kerasClass: 'Add',
  ...elementwise,
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
