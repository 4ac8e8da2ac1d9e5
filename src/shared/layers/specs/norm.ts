/** Normalization and regularization: BatchNormalization, LayerNormalization, InstanceNormalization, Dropout. */
import { NO_PARAMS, defineSpec, expectImage, expectRank, fail, formatShape, lastDim, ok, perSample } from './util.js';
import type { Shape, ShapeResult } from '../types.js';

/** Normalizing layers work on the last axis, which must have a known size. */
function overLastAxis(x: Shape): ShapeResult {
  const bad = expectRank(x, [2, 3, 4], 'a batch of vectors, sequences or images');
  if (bad) return bad;
  if (x[x.length - 1] === null) return fail('DW104', `needs a known size on the last axis, got ${formatShape(x)}`);
  return ok(x);
}

export const BatchNormalization = defineSpec({
  kind: 'BatchNormalization',
  category: 'Normalization',
  label: 'BatchNormalization',
  doc:
    'Normalizes each channel (the last axis) with the mean and variance of the current batch while ' +
    'training, and with moving averages of them when predicting; then scales by gamma and shifts by ' +
    'beta. Keeps deep networks and GANs trainable. The two moving statistics are non-trainable weights.',
  arity: 'one',
  kerasClass: 'BatchNormalization',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 26, 26, 32]],
  rules: {
    shape: 'Unchanged; normalizes over the last axis C.',
    params: 'Trainable: C (gamma, if scale) + C (beta, if center). Non-trainable: 2 × C (moving mean and variance).',
    flops: '2 per value (scale and shift when predicting).',
  },
  outputShape: ([x]) => overLastAxis(x),
  paramCount: ([x], p) => {
    const c = lastDim(x);
    return { trainable: (p.scale ? c : 0) + (p.center ? c : 0), nonTrainable: 2 * c };
  },
  // At inference: one multiply and one add per value.
  flops: ([x]) => 2 * perSample(x),
});

export const LayerNormalization = defineSpec({
  kind: 'LayerNormalization',
  category: 'Normalization',
  label: 'LayerNormalization',
  doc:
    'Normalizes every sample over its last axis (independent of the batch), then scales by gamma and ' +
    'shifts by beta per feature. The usual normalization for recurrent and attention models.',
  arity: 'one',
  kerasClass: 'LayerNormalization',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 10, 64]],
  rules: {
    shape: 'Unchanged; normalizes over the last axis C.',
    params: 'C (gamma, if scale) + C (beta, if center).',
    flops: 'About 5 per value.',
  },
  outputShape: ([x]) => overLastAxis(x),
  paramCount: ([x], p) => ({ trainable: (p.scale ? lastDim(x) : 0) + (p.center ? lastDim(x) : 0), nonTrainable: 0 }),
  // Mean, variance, normalize, scale and shift: about 5 operations per value.
  flops: ([x]) => 5 * perSample(x),
});

export const InstanceNormalization = defineSpec({
  kind: 'InstanceNormalization',
  category: 'Normalization',
  label: 'InstanceNormalization',
  doc:
    'Normalizes every channel of every image over its height and width (independent of the batch and of ' +
    'the other channels), then scales by gamma and shifts by beta per channel. The normalization of ' +
    'style-transfer and CycleGAN generators (Keras-contrib/TensorFlow Addons semantics).',
  arity: 'one',
  kerasClass: 'InstanceNormalization',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28, 64]],
  rules: {
    shape: 'Unchanged; (None, H, W, C), normalized over H × W per sample and channel.',
    params: 'C (gamma, if scale) + C (beta, if center).',
    flops: 'About 5 per value.',
  },
  outputShape: ([x]) => expectImage(x) ?? ok(x),
  paramCount: ([x], p) => ({ trainable: (p.scale ? lastDim(x) : 0) + (p.center ? lastDim(x) : 0), nonTrainable: 0 }),
  // Mean, variance, normalize, scale and shift: about 5 operations per value.
  flops: ([x]) => 5 * perSample(x),
});

export const Dropout = defineSpec({
  kind: 'Dropout',
  category: 'Normalization',
  label: 'Dropout',
  doc:
    'While training, sets a random fraction (rate) of its inputs to zero and scales the rest up, ' +
    'so the network cannot rely on any single unit; when predicting it passes values through unchanged.',
  arity: 'one',
  kerasClass: 'Dropout',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 128]],
  rules: {
    shape: 'Unchanged.',
    params: '0',
    flops: '0 (identity when predicting).',
  },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});
