/** Pooling: local windows (max / average) and global reductions over height and width, or over time. */
import {
  NO_PARAMS,
  defineSpec,
  expectImage,
  expectSequence,
  ok,
  perSample,
  windowOutput,
  windowOutput1D,
} from './util.js';
import type { ParamsOf } from '../params.js';
import type { Shape } from '../types.js';

const windowFlops = (pool: readonly number[], out: Shape): number => pool[0] * pool[1] * perSample(out);

/** What max and average pooling share: everything but what they do inside a window. */
const windowPooling = {
  rules: {
    shape:
      "(None, H, W, C) → (None, H′, W′, C), per axis with pool p and stride s: 'valid' H′ = ⌈(H − p + 1) / s⌉, 'same' H′ = ⌈H / s⌉. H′ ≤ 0 is an error (DW106).",
    params: '0',
    flops: 'ph × pw per output value.',
  },
  outputShape: ([x]: readonly Shape[], p: ParamsOf<'MaxPooling2D'>) =>
    expectImage(x) ?? windowOutput(x, x[3], p.poolSize, p.strides, p.padding, [1, 1], 'pool'),
  paramCount: () => NO_PARAMS,
  flops: (_inputs: readonly Shape[], p: ParamsOf<'MaxPooling2D'>, out: Shape) => windowFlops(p.poolSize, out),
};

export const MaxPooling2D = defineSpec<'MaxPooling2D'>({
  kind: 'MaxPooling2D',
  category: 'Pooling',
  label: 'MaxPooling2D',
  doc:
    'Keeps the largest value of every pool-sized window, channel by channel, shrinking height and ' +
    "width by the stride (2×2 pools with stride 2 halve them). Padding 'valid' drops the leftover " +
    "edge; 'same' pads it.",
  arity: 'one',
  kerasClass: 'MaxPooling2D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 26, 26, 32]],
  ...windowPooling,
});

export const AveragePooling2D = defineSpec<'AveragePooling2D'>({
  kind: 'AveragePooling2D',
  category: 'Pooling',
  label: 'AveragePooling2D',
  doc:
    'Averages every pool-sized window, channel by channel, shrinking height and width by the stride. ' +
    "Padding 'valid' drops the leftover edge; 'same' pads it (padded cells are not counted in the mean).",
  arity: 'one',
  kerasClass: 'AveragePooling2D',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 26, 26, 32]],
  ...windowPooling,
});

/** What the two global 2-D reductions share. */
const globalPooling2D = {
  arity: 'one',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 7, 7, 64]],
  rules: { shape: '(None, H, W, C) → (None, C).', params: '0', flops: 'H × W × C.' },
  outputShape: ([x]: readonly Shape[]) => expectImage(x) ?? ok([x[0], x[3]]),
  paramCount: () => NO_PARAMS,
  flops: ([x]: readonly Shape[]) => perSample(x),
} as const;

export const GlobalAveragePooling2D = defineSpec<'GlobalAveragePooling2D'>({
  kind: 'GlobalAveragePooling2D',
  category: 'Pooling',
  label: 'GlobalAveragePooling2D',
  doc:
    'Averages each channel over the whole image, turning (H, W, C) into a vector of C values: a ' +
    'parameter-free alternative to Flatten before the classifier head.',
  kerasClass: 'GlobalAveragePooling2D',
  ...globalPooling2D,
});

export const GlobalMaxPooling2D = defineSpec<'GlobalMaxPooling2D'>({
  kind: 'GlobalMaxPooling2D',
  category: 'Pooling',
  label: 'GlobalMaxPooling2D',
  doc: 'Keeps the largest value of each channel over the whole image, turning (H, W, C) into a vector of C values.',
  kerasClass: 'GlobalMaxPooling2D',
  ...globalPooling2D,
});

/** What 1-D max and average pooling share. */
const windowPooling1D = {
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 100, 64]],
  rules: {
    shape:
      "(None, T, C) → (None, T′, C) with pool p and stride s: 'valid' T′ = ⌈(T − p + 1) / s⌉, 'same' T′ = ⌈T / s⌉. T′ ≤ 0 is an error (DW106).",
    params: '0',
    flops: 'p per output value.',
  },
  outputShape: ([x]: readonly Shape[], p: ParamsOf<'MaxPooling1D'>) =>
    expectSequence(x) ?? windowOutput1D(x, x[2], p.poolSize, p.strides, p.padding, 1, 'pool'),
  paramCount: () => NO_PARAMS,
  flops: (_inputs: readonly Shape[], p: ParamsOf<'MaxPooling1D'>, out: Shape) => p.poolSize * perSample(out),
};

export const MaxPooling1D = defineSpec<'MaxPooling1D'>({
  kind: 'MaxPooling1D',
  category: 'Pooling',
  label: 'MaxPooling1D',
  doc:
    'Keeps the largest value of every pool-sized window of time steps, feature by feature, shrinking the ' +
    "sequence by the stride. Padding 'valid' drops the leftover end; 'same' pads it.",
  arity: 'one',
  kerasClass: 'MaxPooling1D',
  ...windowPooling1D,
});

export const AveragePooling1D = defineSpec<'AveragePooling1D'>({
  kind: 'AveragePooling1D',
  category: 'Pooling',
  label: 'AveragePooling1D',
  doc:
    'Averages every pool-sized window of time steps, feature by feature, shrinking the sequence by the ' +
    "stride. Padding 'same' pads the leftover end (padded steps are not counted in the mean).",
  arity: 'one',
  kerasClass: 'AveragePooling1D',
  ...windowPooling1D,
});

/** What the two global 1-D reductions share. */
const globalPooling1D = {
  arity: 'one',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 100, 64]],
  rules: { shape: '(None, T, C) → (None, C).', params: '0', flops: 'T × C.' },
  outputShape: ([x]: readonly Shape[]) => expectSequence(x) ?? ok([x[0], x[2]]),
  paramCount: () => NO_PARAMS,
  flops: ([x]: readonly Shape[]) => perSample(x),
} as const;

export const GlobalAveragePooling1D = defineSpec<'GlobalAveragePooling1D'>({
  kind: 'GlobalAveragePooling1D',
  category: 'Pooling',
  label: 'GlobalAveragePooling1D',
  doc: 'Averages each feature over all time steps, turning (T, C) into a vector of C values (text classifiers).',
  kerasClass: 'GlobalAveragePooling1D',
  ...globalPooling1D,
});

export const GlobalMaxPooling1D = defineSpec<'GlobalMaxPooling1D'>({
  kind: 'GlobalMaxPooling1D',
  category: 'Pooling',
  label: 'GlobalMaxPooling1D',
  doc: 'Keeps the largest value of each feature over all time steps, turning (T, C) into a vector of C values.',
  kerasClass: 'GlobalMaxPooling1D',
  ...globalPooling1D,
});
