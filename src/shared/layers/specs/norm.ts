/**
 * Normalization and regularization: BatchNormalization, LayerNormalization, InstanceNormalization, Rescaling,
 * and the layers active only in training (Dropout, GaussianNoise, GaussianDropout, SpatialDropout1D/2D).
 */
import {
  NO_PARAMS,
  defineSpec,
  expectImage,
  expectSequence,
  expectRank,
  fail,
  formatShape,
  lastDim,
  ok,
  perSample,
} from './util.js';
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

/** What the layers that change values only while training share: the shape is unchanged, no weights. */
const trainingOnly = {
  category: 'Normalization',
  arity: 'one',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  rules: { shape: 'Unchanged.', params: '0', flops: '0 (the identity outside training).' },
  paramCount: () => NO_PARAMS,
  flops: () => 0,
} as const;

export const GaussianNoise = defineSpec<'GaussianNoise'>({
  kind: 'GaussianNoise',
  label: 'GaussianNoise',
  doc: 'Adds zero-mean Gaussian noise while training (a regularizer and data augmentation); the identity otherwise.',
  kerasClass: 'GaussianNoise',
  example: [[null, 128]],
  outputShape: ([x]) => ok(x),
  ...trainingOnly,
});

export const GaussianDropout = defineSpec<'GaussianDropout'>({
  kind: 'GaussianDropout',
  label: 'GaussianDropout',
  doc: 'Multiplies values by 1-centred Gaussian noise while training (multiplicative dropout); the identity otherwise.',
  kerasClass: 'GaussianDropout',
  example: [[null, 128]],
  outputShape: ([x]) => ok(x),
  ...trainingOnly,
});

export const SpatialDropout1D = defineSpec<'SpatialDropout1D'>({
  kind: 'SpatialDropout1D',
  label: 'SpatialDropout1D',
  doc: 'Drops whole feature channels of a sequence (the same ones at every time step) while training.',
  kerasClass: 'SpatialDropout1D',
  example: [[null, 100, 64]],
  outputShape: ([x]) => expectSequence(x) ?? ok(x),
  ...trainingOnly,
  rules: { ...trainingOnly.rules, shape: 'Unchanged; needs a (None, T, C) sequence (DW104).' },
});

export const SpatialDropout2D = defineSpec<'SpatialDropout2D'>({
  kind: 'SpatialDropout2D',
  label: 'SpatialDropout2D',
  doc: 'Drops whole feature maps (channels) of an image while training: better than Dropout after convolutions.',
  kerasClass: 'SpatialDropout2D',
  example: [[null, 26, 26, 32]],
  outputShape: ([x]) => expectImage(x) ?? ok(x),
  ...trainingOnly,
  rules: { ...trainingOnly.rules, shape: 'Unchanged; needs a (None, H, W, C) image (DW104).' },
});

export const Rescaling = defineSpec({
  kind: 'Rescaling',
  category: 'Normalization',
  label: 'Rescaling',
  doc: 'Multiplies every value by scale and adds offset, e.g. 1/255 to map image bytes to [0, 1] inside the model.',
  arity: 'one',
  kerasClass: 'Rescaling',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 224, 224, 3]],
  rules: { shape: 'Unchanged.', params: '0', flops: '2 per value.' },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x]) => 2 * perSample(x),
});

/** The random image augmentations: training-only, on (None, H, W, C) images, no weights. */
const augmentation = {
  ...trainingOnly,
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 32, 32, 3]],
  outputShape: ([x]: readonly Shape[]) => expectImage(x) ?? ok(x),
  rules: {
    ...trainingOnly.rules,
    shape: 'Unchanged; needs a (None, H, W, C) image (DW104).',
    flops: '0 (the identity outside training, and in every exported model).',
  },
} as const;

export const RandomFlip = defineSpec<'RandomFlip'>({
  kind: 'RandomFlip',
  label: 'RandomFlip',
  doc: 'Flips each image left-right and/or top-bottom at random while training (data augmentation); the identity otherwise.',
  kerasClass: 'RandomFlip',
  ...augmentation,
});

export const RandomRotation = defineSpec<'RandomRotation'>({
  kind: 'RandomRotation',
  label: 'RandomRotation',
  doc: 'Rotates each image about its centre by a random angle within ±factor of a full turn while training; the identity otherwise.',
  kerasClass: 'RandomRotation',
  ...augmentation,
});

export const RandomTranslation = defineSpec<'RandomTranslation'>({
  kind: 'RandomTranslation',
  label: 'RandomTranslation',
  doc: 'Shifts each image by a random fraction of its height and width while training; the identity otherwise.',
  kerasClass: 'RandomTranslation',
  ...augmentation,
});

export const RandomZoom = defineSpec<'RandomZoom'>({
  kind: 'RandomZoom',
  label: 'RandomZoom',
  doc: 'Zooms each image in or out about its centre by a random factor while training; the identity otherwise.',
  kerasClass: 'RandomZoom',
  ...augmentation,
});

export const Normalization = defineSpec({
  kind: 'Normalization',
  category: 'Normalization',
  label: 'Normalization',
  doc:
    'Standardizes each feature (the last axis): (x − mean) / √variance, with a mean and variance per feature ' +
    "kept as non-trainable weights (Keras's preprocessing layer). Training a classifier or regressor sets them " +
    'from the training data before the first step (Keras: adapt()); they stay fixed while training. In a GAN ' +
    'they start as the identity (mean 0, variance 1).',
  arity: 'one',
  kerasClass: 'Normalization',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 9]],
  rules: {
    shape: 'Unchanged; one mean and variance per entry of the last axis C.',
    params: 'Non-trainable: 2 × C + 1 (mean, variance, and the count of samples adapted, as Keras counts them).',
    flops: '2 per value.',
  },
  outputShape: ([x]) => overLastAxis(x),
  paramCount: ([x]) => ({ trainable: 0, nonTrainable: 2 * lastDim(x) + 1 }),
  flops: ([x]) => 2 * perSample(x),
});
