/**
 * Layers that only rearrange values: Flatten, Reshape, UpSampling2D, ReflectionPadding2D, ZeroPadding2D,
 * Cropping2D, RepeatVector, UpSampling1D.
 */
import type { Shape, ShapeResult } from '../types.js';
import {
  NO_PARAMS,
  defineSpec,
  expectImage,
  expectRank,
  expectSequence,
  fail,
  formatShape,
  ok,
  perSample,
} from './util.js';

export const Flatten = defineSpec({
  kind: 'Flatten',
  category: 'Reshape',
  label: 'Flatten',
  doc:
    'Unrolls every sample into one long vector, e.g. (13, 13, 32) into 5,408 values, so that Dense ' +
    'layers can follow convolutions. It has no weights.',
  arity: 'one',
  kerasClass: 'Flatten',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: true },
  example: [[null, 13, 13, 32]],
  rules: {
    shape:
      '(None, d1, …, dn) → (None, d1 × … × dn); needs a 3-D or 4-D input (DW104) whose sizes are all known (a None size: DW170).',
    params: '0',
    flops: '0',
  },
  outputShape: ([x]) => {
    const bad = expectRank(x, [3, 4], 'an image or a sequence; a vector is already flat');
    if (bad) return bad;
    if (x.slice(1).includes(null))
      return fail('DW170', `cannot flatten ${formatShape(x)}: the number of values varies with the size that is None`);
    return ok([x[0], perSample(x)]);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const Reshape = defineSpec({
  kind: 'Reshape',
  category: 'Reshape',
  label: 'Reshape',
  doc:
    'Gives every sample a new shape with the same number of values, e.g. a Dense output of 784 ' +
    'into 7×7×16 before Conv2DTranspose layers. One dimension may be −1: it is computed from the others.',
  arity: 'one',
  kerasClass: 'Reshape',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: true },
  example: [[null, 784]],
  rules: {
    shape:
      '(None, …) → (None, …targetShape), with a −1 (at most one: DW137) replaced by (input values) / (product of the other target dims). The number of values must not change (DW110).',
    params: '0',
    flops: '0',
  },
  outputShape: ([x], p) => {
    const target = p.targetShape;
    const inferred = target.indexOf(-1);
    if (target.filter((d) => d === -1).length > 1)
      return fail('DW137', `has more than one -1 in target shape ${formatShape(target)}`);
    if (x.slice(1).includes(null)) {
      return inferred < 0
        ? ok([x[0], ...target])
        : fail('DW110', `cannot infer -1 from an input of unknown size ${formatShape(x)}`);
    }
    const total = perSample(x);
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    if (inferred >= 0) {
      if (total % known !== 0) {
        return fail(
          'DW110',
          `cannot reshape ${total} values of ${formatShape(x)} into ${formatShape(target)}: ${total} is not a multiple of ${known}`,
        );
      }
      return ok([x[0], ...target.map((d) => (d === -1 ? total / known : d))]);
    }
    if (known !== total) {
      return fail(
        'DW110',
        `cannot reshape ${total} values of ${formatShape(x)} into ${formatShape(target)} (${known} values)`,
      );
    }
    return ok([x[0], ...target]);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const UpSampling2D = defineSpec({
  kind: 'UpSampling2D',
  category: 'Reshape',
  label: 'UpSampling2D',
  doc:
    'Enlarges an image by repeating rows and columns (nearest) or interpolating between them ' +
    '(bilinear); a weight-free way to upsample in generators and decoders.',
  arity: 'one',
  kerasClass: 'UpSampling2D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 7, 7, 64]],
  rules: {
    shape: '(None, H, W, C) → (None, H × sh, W × sw, C).',
    params: '0',
    flops: '0 for nearest; 8 per output value for bilinear.',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const scale = (d: number | null, s: number) => (d === null ? null : d * s);
    return ok([x[0], scale(x[1], p.size[0]), scale(x[2], p.size[1]), x[3]]);
  },
  paramCount: () => NO_PARAMS,
  // Bilinear: a weighted sum of 4 neighbours per output value.
  flops: (_inputs, p, out) => (p.interpolation === 'bilinear' ? 8 * perSample(out) : 0),
});

/** An NHWC image grown by (top, bottom, left, right) rows and columns. */
function padded(x: Shape, [t, b, l, r]: readonly number[]): ShapeResult {
  const grow = (d: number | null, a: number, c: number) => (d === null ? null : d + a + c);
  return ok([x[0], grow(x[1], t, b), grow(x[2], l, r), x[3]]);
}

export const ZeroPadding2D = defineSpec({
  kind: 'ZeroPadding2D',
  category: 'Reshape',
  label: 'ZeroPadding2D',
  doc:
    'Adds rows and columns of zeros around an image, e.g. before a strided convolution in MobileNet and ' +
    "ResNet stems, where it replaces 'same' padding with an explicit, asymmetric one.",
  arity: 'one',
  kerasClass: 'ZeroPadding2D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 224, 224, 3]],
  rules: {
    shape: '(None, H, W, C) → (None, H + t + b, W + l + r, C).',
    params: '0',
    flops: '0',
  },
  outputShape: ([x], p) => expectImage(x) ?? padded(x, p.padding),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const ReflectionPadding2D = defineSpec({
  kind: 'ReflectionPadding2D',
  category: 'Reshape',
  label: 'ReflectionPadding2D',
  doc:
    'Pads an image with its own mirror image (the edge row or column is not repeated), so a following ' +
    "'valid' convolution sees no artificial zero border; used before the 7×7 and 3×3 convolutions of " +
    'CycleGAN generators.',
  arity: 'one',
  kerasClass: 'ReflectionPadding2D',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28, 1]],
  rules: {
    shape: '(None, H, W, C) → (None, H + t + b, W + l + r, C); each pad must be smaller than that side.',
    params: '0',
    flops: '0',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const [t, b, l, r] = p.padding;
    const sides: [number | null, number, string][] = [
      [x[1], Math.max(t, b), 'height'],
      [x[2], Math.max(l, r), 'width'],
    ];
    for (const [size, pad, side] of sides) {
      if (size !== null && pad >= size) {
        return fail('DW125', `a reflection pad of ${pad} needs a ${side} above ${pad}, got ${formatShape(x)}`);
      }
    }
    return padded(x, p.padding);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const Cropping2D = defineSpec({
  kind: 'Cropping2D',
  category: 'Reshape',
  label: 'Cropping2D',
  doc: 'Cuts rows off the top and bottom and columns off the left and right of an image (U-Net skip connections).',
  arity: 'one',
  kerasClass: 'Cropping2D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 28, 28, 1]],
  rules: {
    shape: '(None, H, W, C) → (None, H − t − b, W − l − r, C); nothing may be left of a side (DW106).',
    params: '0',
    flops: '0',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const [t, b, l, r] = p.cropping;
    const h = x[1] === null ? null : x[1] - t - b;
    const w = x[2] === null ? null : x[2] - l - r;
    if ((h !== null && h <= 0) || (w !== null && w <= 0)) {
      return fail('DW106', `crops its ${formatShape(x)} input to ${h}×${w}: crop less than the image`);
    }
    return ok([x[0], h, w, x[3]]);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const RepeatVector = defineSpec({
  kind: 'RepeatVector',
  category: 'Reshape',
  label: 'RepeatVector',
  doc: 'Repeats a vector n times into a sequence, e.g. to feed an encoder state to every step of a decoder.',
  arity: 'one',
  kerasClass: 'RepeatVector',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 64]],
  rules: { shape: '(None, F) → (None, n, F); needs a vector input (DW104).', params: '0', flops: '0' },
  outputShape: ([x], p) => expectRank(x, [2], 'a vector') ?? ok([x[0], p.n, x[1]]),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const UpSampling1D = defineSpec({
  kind: 'UpSampling1D',
  category: 'Reshape',
  label: 'UpSampling1D',
  doc: 'Lengthens a sequence by repeating every time step size times (1-D decoders and autoencoders).',
  arity: 'one',
  kerasClass: 'UpSampling1D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 25, 16]],
  rules: { shape: '(None, T, C) → (None, T × size, C); needs a sequence (DW104).', params: '0', flops: '0' },
  outputShape: ([x], p) => expectSequence(x) ?? ok([x[0], x[1] === null ? null : x[1] * p.size, x[2]]),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const Permute = defineSpec({
  kind: 'Permute',
  category: 'Reshape',
  label: 'Permute',
  doc: 'Reorders the axes of each sample, e.g. swaps time and features of a sequence (the batch axis stays first).',
  arity: 'one',
  kerasClass: 'Permute',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 10, 64]],
  rules: {
    shape: '(None, d1, …, dn) → (None, d[order₁], …, d[orderₙ]); the order lists 1 to n once each (DW148).',
    params: '0',
    flops: '0',
  },
  outputShape: ([x], p) => {
    const n = x.length - 1;
    const sorted = [...p.dims].sort((a, b) => a - b);
    if (sorted.length !== n || sorted.some((d, i) => d !== i + 1)) {
      return fail(
        'DW148',
        `has order (${p.dims.join(', ')}), which is not a reordering of 1 to ${n} (input ${formatShape(x)})`,
      );
    }
    return ok([x[0], ...p.dims.map((d) => x[d])]);
  },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});
