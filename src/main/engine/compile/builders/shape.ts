/** Layers that only move values around: Flatten, Reshape, Dropout, merges, Activation, normalisation. */
import * as tf from '@tensorflow/tfjs';
import { preluAxes } from '../../../../shared/layers/specs/activation.js';
import { tfActivation } from '../activation.js';
import { InstanceNormalization } from '../layers/instance-norm.js';
import { KerasELU } from '../layers/elu.js';
import { KerasReLU } from '../layers/relu.js';
import { AxisSoftmax } from '../layers/softmax.js';
import { SpatialDropout2D } from '../layers/spatial-dropout.js';
import { RandomFlip, RandomRotation, RandomTranslation, RandomZoom } from '../layers/augment.js';
import { KerasNormalization } from '../layers/normalization.js';
import { Subtract } from '../layers/subtract.js';
import { UpSampling1D } from '../layers/upsampling1d.js';
import { ReflectionPadding2D } from '../layers/reflection-pad.js';
import type { Builder } from './types.js';

type Sym = tf.SymbolicTensor;

export const buildFlatten: Builder<'Flatten'> = (node, ctx) =>
  tf.layers.flatten({ name: node.name }).apply(ctx.inputs[0]) as Sym;

/**
 * TF.js leaves a -1 unresolved in symbolic shapes, which breaks the layers
 * after it; shape inference has already resolved it, so use that target.
 */
export const buildReshape: Builder<'Reshape'> = (node, ctx) => {
  const resolved = ctx.outputShape.slice(1);
  const targetShape = resolved.every((d): d is number => d !== null) ? resolved : [...node.params.targetShape];
  return tf.layers.reshape({ name: node.name, targetShape }).apply(ctx.inputs[0]) as Sym;
};

/** No seed: TF.js would then draw the same dropout mask on every batch. */
export const buildDropout: Builder<'Dropout'> = (node, ctx) =>
  tf.layers.dropout({ name: node.name, rate: node.params.rate }).apply(ctx.inputs[0]) as Sym;

export const buildGaussianNoise: Builder<'GaussianNoise'> = (node, ctx) =>
  tf.layers.gaussianNoise({ name: node.name, stddev: node.params.stddev }).apply(ctx.inputs[0]) as Sym;

export const buildGaussianDropout: Builder<'GaussianDropout'> = (node, ctx) =>
  tf.layers.gaussianDropout({ name: node.name, rate: node.params.rate }).apply(ctx.inputs[0]) as Sym;

export const buildSpatialDropout1D: Builder<'SpatialDropout1D'> = (node, ctx) =>
  tf.layers.spatialDropout1d({ name: node.name, rate: node.params.rate }).apply(ctx.inputs[0]) as Sym;

export const buildSpatialDropout2D: Builder<'SpatialDropout2D'> = (node, ctx) =>
  new SpatialDropout2D({ name: node.name, rate: node.params.rate }).apply(ctx.inputs[0]) as Sym;

export const buildRescaling: Builder<'Rescaling'> = (node, ctx) =>
  tf.layers
    .rescaling({ name: node.name, scale: node.params.scale, offset: node.params.offset })
    .apply(ctx.inputs[0]) as Sym;

export const buildBatchNormalization: Builder<'BatchNormalization'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .batchNormalization({ name: node.name, momentum: p.momentum, epsilon: p.epsilon, center: p.center, scale: p.scale })
    .apply(ctx.inputs[0]) as Sym;
};

export const buildLayerNormalization: Builder<'LayerNormalization'> = (node, ctx) => {
  const p = node.params;
  return tf.layers
    .layerNormalization({ name: node.name, epsilon: p.epsilon, center: p.center, scale: p.scale })
    .apply(ctx.inputs[0]) as Sym;
};

export const buildInstanceNormalization: Builder<'InstanceNormalization'> = (node, ctx) => {
  const p = node.params;
  return new InstanceNormalization({ name: node.name, epsilon: p.epsilon, center: p.center, scale: p.scale }).apply(
    ctx.inputs[0],
  ) as Sym;
};

export const buildReflectionPadding2D: Builder<'ReflectionPadding2D'> = (node, ctx) =>
  new ReflectionPadding2D({ name: node.name, padding: node.params.padding }).apply(ctx.inputs[0]) as Sym;

/** The document's [top, bottom, left, right] as TF.js's [[top, bottom], [left, right]]. */
const heightWidth = ([t, b, l, r]: readonly number[]): [[number, number], [number, number]] => [
  [t, b],
  [l, r],
];

export const buildZeroPadding2D: Builder<'ZeroPadding2D'> = (node, ctx) =>
  tf.layers.zeroPadding2d({ name: node.name, padding: heightWidth(node.params.padding) }).apply(ctx.inputs[0]) as Sym;

export const buildCropping2D: Builder<'Cropping2D'> = (node, ctx) =>
  tf.layers.cropping2D({ name: node.name, cropping: heightWidth(node.params.cropping) }).apply(ctx.inputs[0]) as Sym;

export const buildUpSampling1D: Builder<'UpSampling1D'> = (node, ctx) =>
  new UpSampling1D({ name: node.name, size: node.params.size }).apply(ctx.inputs[0]) as Sym;

export const buildRepeatVector: Builder<'RepeatVector'> = (node, ctx) =>
  tf.layers.repeatVector({ name: node.name, n: node.params.n }).apply(ctx.inputs[0]) as Sym;

export const buildPermute: Builder<'Permute'> = (node, ctx) =>
  tf.layers.permute({ name: node.name, dims: [...node.params.dims] }).apply(ctx.inputs[0]) as Sym;

export const buildActivation: Builder<'Activation'> = (node, ctx) => {
  const p = node.params;
  const layer =
    p.activation === 'leaky_relu'
      ? tf.layers.leakyReLU({ name: node.name, alpha: p.alpha })
      : tf.layers.activation({ name: node.name, activation: tfActivation(p.activation) });
  return layer.apply(ctx.inputs[0]) as Sym;
};

/** TF.js's ReLU layer when it can express the options (no slope or threshold), Deepwire's KerasReLU otherwise. */
export const buildReLU: Builder<'ReLU'> = (node, ctx) => {
  const p = node.params;
  const layer =
    p.negativeSlope === 0 && p.threshold === 0
      ? tf.layers.reLU({ name: node.name, ...(p.maxValue > 0 ? { maxValue: p.maxValue } : {}) })
      : new KerasReLU({
          name: node.name,
          maxValue: p.maxValue,
          negativeSlope: p.negativeSlope,
          threshold: p.threshold,
        });
  return layer.apply(ctx.inputs[0]) as Sym;
};

export const buildPReLU: Builder<'PReLU'> = (node, ctx) => {
  const sharedAxes = preluAxes(node.params.sharedAxes);
  const shared = sharedAxes.length ? { sharedAxes: [...sharedAxes] } : {};
  return tf.layers.prelu({ name: node.name, ...shared }).apply(ctx.inputs[0]) as Sym;
};

/** TF.js's ELU layer for alpha 1 (the only alpha it takes), Deepwire's KerasELU otherwise. */
export const buildELU: Builder<'ELU'> = (node, ctx) => {
  const { alpha } = node.params;
  const layer = alpha === 1 ? tf.layers.elu({ name: node.name }) : new KerasELU({ name: node.name, alpha });
  return layer.apply(ctx.inputs[0]) as Sym;
};

/** TF.js's Softmax over the last axis (the only one tf.softmax takes), Deepwire's AxisSoftmax otherwise. */
export const buildSoftmax: Builder<'Softmax'> = (node, ctx) => {
  const x = ctx.inputs[0];
  const { axis } = node.params;
  const last = axis === -1 || axis === x.shape.length - 1;
  const layer = last ? tf.layers.softmax({ name: node.name, axis }) : new AxisSoftmax({ name: node.name, axis });
  return layer.apply(x) as Sym;
};

export const buildAdd: Builder<'Add'> = (node, ctx) => tf.layers.add({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildSubtract: Builder<'Subtract'> = (node, ctx) =>
  new Subtract({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildMultiply: Builder<'Multiply'> = (node, ctx) =>
  tf.layers.multiply({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildAverage: Builder<'Average'> = (node, ctx) =>
  tf.layers.average({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildMaximum: Builder<'Maximum'> = (node, ctx) =>
  tf.layers.maximum({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildMinimum: Builder<'Minimum'> = (node, ctx) =>
  tf.layers.minimum({ name: node.name }).apply(ctx.inputs) as Sym;

export const buildConcatenate: Builder<'Concatenate'> = (node, ctx) =>
  tf.layers.concatenate({ name: node.name }).apply(ctx.inputs) as Sym;

/** The random augmentations: seeded from the compile's seed sequence, so a run's draws follow its seed. */
export const buildRandomFlip: Builder<'RandomFlip'> = (node, ctx) =>
  new RandomFlip({ name: node.name, seed: ctx.nextSeed(), mode: node.params.mode }).apply(ctx.inputs[0]) as Sym;

export const buildRandomRotation: Builder<'RandomRotation'> = (node, ctx) =>
  new RandomRotation({ name: node.name, seed: ctx.nextSeed(), ...node.params }).apply(ctx.inputs[0]) as Sym;

export const buildRandomTranslation: Builder<'RandomTranslation'> = (node, ctx) =>
  new RandomTranslation({ name: node.name, seed: ctx.nextSeed(), ...node.params }).apply(ctx.inputs[0]) as Sym;

export const buildRandomZoom: Builder<'RandomZoom'> = (node, ctx) =>
  new RandomZoom({ name: node.name, seed: ctx.nextSeed(), ...node.params }).apply(ctx.inputs[0]) as Sym;

export const buildNormalization: Builder<'Normalization'> = (node, ctx) =>
  new KerasNormalization({ name: node.name }).apply(ctx.inputs[0]) as Sym;
