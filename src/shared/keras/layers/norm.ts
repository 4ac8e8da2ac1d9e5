/**
 * BatchNormalization, LayerNormalization and Dropout <-> Keras. Deepwire
 * normalizes over the last axis; Keras 2 stores a built layer's axis as a
 * positive list (`[3]`), which is checked against the inferred rank later.
 */
import { initializer, layerConfig, nulls } from '../emit.js';
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

const readDropout: LayerReader = (cfg) => {
  cfg.expect('noise_shape', [null], 'noise_shape null (independent units)');
  return { kind: 'Dropout', params: { rate: cfg.float('rate', 0.5, 0, 0.99) } };
};

export const normReaders: Record<string, LayerReader> = {
  BatchNormalization: readBatchNorm,
  LayerNormalization: readLayerNorm,
  InstanceNormalization: readInstanceNorm,
  'Addons>InstanceNormalization': readInstanceNorm,
  GroupNormalization: readInstanceNorm,
  Dropout: readDropout,
};

export const normWriters: WriterTable<
  'BatchNormalization' | 'LayerNormalization' | 'InstanceNormalization' | 'Dropout'
> = {
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
