/** Convolutions: 2-D over NHWC images, 1-D over (time, features) sequences. */
import {
  deconvLength,
  defineSpec,
  expectImage,
  expectSequence,
  fail,
  lastDim,
  ok,
  trainable,
  windowOutput,
  windowOutput1D,
} from './util.js';
import type { Shape } from '../types.js';

const spatial = (s: Shape): number => (s[1] ?? 0) * (s[2] ?? 0);

export const Conv2D = defineSpec({
  kind: 'Conv2D',
  category: 'Convolution',
  label: 'Conv2D',
  doc:
    'Slides learned filters over an image: each of the filters looks at a kernel-sized window across ' +
    'all input channels and produces one output channel. Strides skip positions, dilation spreads the ' +
    "kernel taps apart, and padding 'same' keeps height and width (divided by the stride).",
  arity: 'one',
  kerasClass: 'Conv2D',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28, 1]],
  rules: {
    shape:
      "(None, H, W, C) → (None, H′, W′, filters), per axis with kernel k, stride s, dilation d: 'valid' H′ = ⌈(H − (k − 1)·d) / s⌉, 'same' H′ = ⌈H / s⌉. H′ ≤ 0 is an error (DW106); dilation > 1 needs strides 1 (DW135).",
    params: 'kh × kw × C × filters + filters (bias).',
    flops: '2 × kh × kw × C × filters × H′ × W′.',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const dilated = p.dilationRate.some((d) => d > 1);
    if (dilated && p.strides.some((s) => s > 1)) {
      return fail(
        'DW135',
        `cannot combine dilation ${p.dilationRate.join('×')} with strides ${p.strides.join('×')}: one of them must be 1`,
      );
    }
    return windowOutput(x, p.filters, p.kernelSize, p.strides, p.padding, p.dilationRate, 'kernel');
  },
  paramCount: ([x], p) =>
    trainable(p.kernelSize[0] * p.kernelSize[1] * lastDim(x) * p.filters + (p.useBias ? p.filters : 0)),
  flops: ([x], p, out) => 2 * p.kernelSize[0] * p.kernelSize[1] * lastDim(x) * p.filters * spatial(out),
});

export const Conv2DTranspose = defineSpec({
  kind: 'Conv2DTranspose',
  category: 'Convolution',
  label: 'Conv2DTranspose',
  doc:
    'The transpose ("deconvolution") of Conv2D, used to upsample in generators and decoders: with ' +
    "strides 2 and padding 'same' it doubles height and width. With padding 'valid' the output grows " +
    'by max(kernel − stride, 0) more.',
  arity: 'one',
  kerasClass: 'Conv2DTranspose',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 7, 7, 64]],
  rules: {
    shape:
      "(None, H, W, C) → (None, H′, W′, filters), per axis: 'same' H′ = H × s, 'valid' H′ = H × s + max(k − s, 0).",
    params: 'kh × kw × C × filters + filters (bias).',
    flops: '2 × kh × kw × C × filters × H × W.',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const h = deconvLength(x[1], p.kernelSize[0], p.padding, p.strides[0]);
    const w = deconvLength(x[2], p.kernelSize[1], p.padding, p.strides[1]);
    return ok([x[0], h, w, p.filters]);
  },
  paramCount: ([x], p) =>
    trainable(p.kernelSize[0] * p.kernelSize[1] * lastDim(x) * p.filters + (p.useBias ? p.filters : 0)),
  flops: ([x], p) => 2 * p.kernelSize[0] * p.kernelSize[1] * lastDim(x) * p.filters * spatial(x),
});

export const Conv1D = defineSpec({
  kind: 'Conv1D',
  category: 'Convolution',
  label: 'Conv1D',
  doc:
    'Slides learned filters along a sequence: each filter looks at a kernel-sized window of time steps ' +
    "across all features and produces one output feature. Used on text embeddings and signals; padding 'same' " +
    'keeps the length (divided by the stride).',
  arity: 'one',
  kerasClass: 'Conv1D',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 100, 64]],
  rules: {
    shape:
      "(None, T, C) → (None, T′, filters) with kernel k, stride s, dilation d: 'valid' T′ = ⌈(T − (k − 1)·d) / s⌉, 'same' T′ = ⌈T / s⌉. T′ ≤ 0 is an error (DW106); dilation > 1 needs strides 1 (DW135).",
    params: 'k × C × filters + filters (bias).',
    flops: '2 × k × C × filters × T′.',
  },
  outputShape: ([x], p) => {
    const bad = expectSequence(x);
    if (bad) return bad;
    if (p.dilationRate > 1 && p.strides > 1) {
      return fail(
        'DW135',
        `cannot combine dilation ${p.dilationRate} with strides ${p.strides}: one of them must be 1`,
      );
    }
    return windowOutput1D(x, p.filters, p.kernelSize, p.strides, p.padding, p.dilationRate, 'kernel');
  },
  paramCount: ([x], p) => trainable(p.kernelSize * lastDim(x) * p.filters + (p.useBias ? p.filters : 0)),
  flops: ([x], p, out) => 2 * p.kernelSize * lastDim(x) * p.filters * (out[1] ?? 0),
});

export const DepthwiseConv2D = defineSpec({
  kind: 'DepthwiseConv2D',
  category: 'Convolution',
  label: 'DepthwiseConv2D',
  doc:
    'Convolves every input channel with its own filters (depth multiplier of them), without mixing ' +
    'channels: the cheap spatial half of a MobileNet block, usually followed by a 1×1 Conv2D.',
  arity: 'one',
  kerasClass: 'DepthwiseConv2D',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 112, 112, 32]],
  rules: {
    shape:
      '(None, H, W, C) → (None, H′, W′, C × depthMultiplier), H′ and W′ as for Conv2D without dilation (TF.js 4.22 ' +
      'computes dilated depthwise shapes wrongly, so dilation is not offered). H′ ≤ 0 is an error (DW106).',
    params: 'kh × kw × C × depthMultiplier + C × depthMultiplier (bias).',
    flops: '2 × kh × kw × C × depthMultiplier × H′ × W′.',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    return windowOutput(x, lastDim(x) * p.depthMultiplier, p.kernelSize, p.strides, p.padding, [1, 1], 'kernel');
  },
  paramCount: ([x], p) => {
    const out = lastDim(x) * p.depthMultiplier;
    return trainable(p.kernelSize[0] * p.kernelSize[1] * out + (p.useBias ? out : 0));
  },
  flops: ([x], p, out) => 2 * p.kernelSize[0] * p.kernelSize[1] * lastDim(x) * p.depthMultiplier * spatial(out),
});

export const SeparableConv2D = defineSpec({
  kind: 'SeparableConv2D',
  category: 'Convolution',
  label: 'SeparableConv2D',
  doc:
    'A depthwise convolution (each input channel with its own depth multiplier filters) followed by a 1×1 ' +
    'pointwise convolution that mixes the channels into the filters: Xception-style, far fewer weights than Conv2D.',
  arity: 'one',
  kerasClass: 'SeparableConv2D',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 32, 32, 16]],
  rules: {
    shape:
      '(None, H, W, C) → (None, H′, W′, filters), H′ and W′ as for Conv2D without dilation. H′ ≤ 0 is an error (DW106).',
    params: 'kh × kw × C × depthMultiplier (depthwise) + C × depthMultiplier × filters (pointwise) + filters (bias).',
    flops: '2 × H′ × W′ × C × depthMultiplier × (kh × kw + filters).',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    return windowOutput(x, p.filters, p.kernelSize, p.strides, p.padding, [1, 1], 'kernel');
  },
  paramCount: ([x], p) => {
    const mid = lastDim(x) * p.depthMultiplier;
    return trainable(p.kernelSize[0] * p.kernelSize[1] * mid + mid * p.filters + (p.useBias ? p.filters : 0));
  },
  flops: ([x], p, out) =>
    2 * spatial(out) * lastDim(x) * p.depthMultiplier * (p.kernelSize[0] * p.kernelSize[1] + p.filters),
});
