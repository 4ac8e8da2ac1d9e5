/**
 * BatchNormalization, LayerNormalization and Dropout <-> Keras. Deepwire
 * normalizes over the last axis; Keras 2 stores a built layer's axis as a
 * positive list (`[3]`), which is checked against the inferred rank later.
 */
import { initializer, layerConfig, nulls } from '../emit.js';
import { expectChannelsLast } from './conv.js';
import type { LayerReader, WriterTable } from './mapping.js';
import { readLastAxis } from './mapping.js';

const readBatchNorm: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  cfg.expect('renorm', [false], 'renorm false');
  cfg.expect('virtual_batch_size', [null], 'virtual_batch_size null');
  cfg.expect('adjustment', [null], 'adjustment null');
  cfg.ignore('synchronized', [false], 'Deepwire trains on one device');
  return {
    kind: 'BatchNormalization',
    params: {
      momentum: cfg.float('momentum', 0.99, 0, 1),
      epsilon: cfg.float('epsilon', 0.001, 0, 1),
      center: cfg.bool('center', true),
      scale: cfg.bool('scale', true),
    },
    lastAxis: readLastAxis(cfg, 'axis'),
  };
};

const readLayerNorm: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  cfg.expect('rms_scaling', [false], 'rms_scaling false');
  return {
    kind: 'LayerNormalization',
    params: {
      epsilon: cfg.float('epsilon', 0.001, 0, 1),
      center: cfg.bool('center', true),
      scale: cfg.bool('scale', true),
    },
    lastAxis: readLastAxis(cfg, 'axis'),
  };
};

/** Keras-contrib and TensorFlow Addons InstanceNormalization (axis -1 = per channel); also tfa's GroupNormalization form. */
const readInstanceNorm: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  cfg.expect('groups', [-1], 'groups -1 (one group per channel: instance normalization)');
  return {
    kind: 'InstanceNormalization',
    params: {
      epsilon: cfg.float('epsilon', 0.001, 0, 1),
      center: cfg.bool('center', true),
      scale: cfg.bool('scale', true),
    },
    lastAxis: readLastAxis(cfg, 'axis'),
  };
};

/** noise_shape [None, 1, 1, 1]: one draw per sample, dropping whole residual branches (EfficientNet's drop-connect). */
const isPerSample = (v: unknown) =>
  Array.isArray(v) && v.length > 1 && v[0] === null && v.slice(1).every((d) => d === 1);

const readDropout: LayerReader = (cfg) => {
  if (isPerSample(cfg.raw.noise_shape))
    cfg.ignore('noise_shape', [null], 'read as independent units; the same at inference, other noise in training');
  else cfg.expect('noise_shape', [null], 'noise_shape null (independent units)');
  return { kind: 'Dropout', params: { rate: cfg.float('rate', 0.5, 0, 0.99) } };
};

const readSpatialDropout =
  (kind: 'SpatialDropout1D' | 'SpatialDropout2D'): LayerReader =>
  (cfg) => {
    expectChannelsLast(cfg);
    return { kind, params: { rate: cfg.float('rate', 0.5, 0, 0.99) } };
  };

/** Rescaling by one number; per-channel scale or offset lists are refused (DW303). */
const readRescaling: LayerReader = (cfg) => ({
  kind: 'Rescaling',
  params: { scale: cfg.float('scale', 1, -1e6, 1e6), offset: cfg.float('offset', 0, -1e6, 1e6) },
});

export const normReaders: Record<string, LayerReader> = {
  GaussianNoise: (cfg) => ({ kind: 'GaussianNoise', params: { stddev: cfg.float('stddev', 0.1, 0, 10) } }),
  GaussianDropout: (cfg) => ({ kind: 'GaussianDropout', params: { rate: cfg.float('rate', 0.1, 0, 0.99) } }),
  SpatialDropout1D: readSpatialDropout('SpatialDropout1D'),
  SpatialDropout2D: readSpatialDropout('SpatialDropout2D'),
  Rescaling: readRescaling,
  BatchNormalization: readBatchNorm,
  LayerNormalization: readLayerNorm,
  InstanceNormalization: readInstanceNorm,
  'Addons>InstanceNormalization': readInstanceNorm,
  GroupNormalization: readInstanceNorm,
  Dropout: readDropout,
};

export const normWriters: WriterTable<
  | 'BatchNormalization'
  | 'LayerNormalization'
  | 'InstanceNormalization'
  | 'Dropout'
  | 'GaussianNoise'
  | 'GaussianDropout'
  | 'SpatialDropout1D'
  | 'SpatialDropout2D'
  | 'Rescaling'
> = {
  GaussianNoise: (p, { style, name }) => ({
    className: 'GaussianNoise',
    config: layerConfig(style, name, style === 'tfjs' ? { stddev: p.stddev } : { stddev: p.stddev, seed: null }),
  }),
  GaussianDropout: (p, { style, name }) => ({
    className: 'GaussianDropout',
    config: layerConfig(style, name, style === 'tfjs' ? { rate: p.rate } : { rate: p.rate, seed: null }),
  }),
  SpatialDropout1D: (p, { style, name }) => ({
    className: 'SpatialDropout1D',
    config: layerConfig(
      style,
      name,
      style === 'tfjs' ? { rate: p.rate, noise_shape: null, seed: null } : { rate: p.rate, seed: null },
    ),
  }),
  SpatialDropout2D: (p, { style, name }) => ({
    className: 'SpatialDropout2D',
    // TF.js has no SpatialDropout2D: Deepwire's own class (compile/layers) keeps the rate only.
    config: layerConfig(
      style,
      name,
      style === 'tfjs' ? { rate: p.rate } : { rate: p.rate, seed: null, data_format: 'channels_last' },
    ),
  }),
  Rescaling: (p, { style, name }) => ({
    className: 'Rescaling',
    config: layerConfig(style, name, { scale: p.scale, offset: p.offset }),
  }),
  BatchNormalization: (p, { style, name }) => ({
    className: 'BatchNormalization',
    config: layerConfig(style, name, {
      axis: -1,
      momentum: p.momentum,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
      beta_initializer: initializer(style, 'Zeros'),
      gamma_initializer: initializer(style, 'Ones'),
      moving_mean_initializer: initializer(style, 'Zeros'),
      moving_variance_initializer: initializer(style, 'Ones'),
      ...nulls('beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint'),
      ...(style === 'keras3' ? { synchronized: false } : {}),
    }),
  }),
  LayerNormalization: (p, { style, name, input }) => ({
    className: 'LayerNormalization',
    config: layerConfig(style, name, {
      // TF.js writes the built layer's axis as a positive list, like Keras 2.
      axis: style === 'tfjs' && input ? [input.length - 1] : -1,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
      ...(style === 'keras3' ? { rms_scaling: false } : {}),
      beta_initializer: initializer(style, 'Zeros'),
      gamma_initializer: initializer(style, 'Ones'),
      ...nulls('beta_regularizer', 'gamma_regularizer'),
      ...(style === 'tfjs' ? {} : nulls('beta_constraint', 'gamma_constraint')),
    }),
  }),
  // Keras 3: GroupNormalization with one group per channel; TF.js and Keras 2: Keras-contrib's class (registered by Deepwire).
  InstanceNormalization: (p, { style, name }) => ({
    className: style === 'keras3' ? 'GroupNormalization' : 'InstanceNormalization',
    config: layerConfig(style, name, {
      ...(style === 'keras3' ? { groups: -1 } : {}),
      axis: -1,
      epsilon: p.epsilon,
      center: p.center,
      scale: p.scale,
      beta_initializer: initializer(style, 'Zeros'),
      gamma_initializer: initializer(style, 'Ones'),
      ...nulls('beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint'),
    }),
  }),
  Dropout: (p, { style, name }) => ({
    className: 'Dropout',
    config: layerConfig(
      style,
      name,
      style === 'keras3'
        ? { rate: p.rate, seed: null, noise_shape: null }
        : { rate: p.rate, noise_shape: null, seed: null },
    ),
  }),
};
