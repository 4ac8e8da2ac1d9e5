/** 2-D convolutions over NHWC images. */
import { deconvLength, defineSpec, expectImage, fail, lastDim, ok, trainable, windowOutput } from './util.js';
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
      "(None, H, W, C) → (None, H′, W′, filters), per axis with kernel k, stride s, dilation d: 'valid' H′ = ⌈(H − (k − 1)·d) / s⌉, 'same' H′ = ⌈H / s⌉. H′ ≤ 0 is an error (DW106); dilation > 1 needs strides 1 (DW109).",
    params: 'kh × kw × C × filters + filters (bias).',
    flops: '2 × kh × kw × C × filters × H′ × W′.',
  },
  outputShape: ([x], p) => {
    const bad = expectImage(x);
    if (bad) return bad;
    const dilated = p.dilationRate.some((d) => d > 1);
    if (dilated && p.strides.some((s) => s > 1)) {
      return fail(
        'DW109',
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
