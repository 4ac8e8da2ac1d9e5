/**
 * Keras's preprocessing layers <-> Deepwire: the random image augmentations (RandomFlip, RandomRotation,
 * RandomTranslation, RandomZoom; Keras 2.6+ `keras.layers.X`, earlier `experimental.preprocessing.X`, both
 * serialized with the class name alone) and Normalization. A factor is one number f (the range ±f) or a
 * symmetric pair [-f, f]; other ranges are refused (DW303). Normalization keeps its mean and variance as
 * weights (Keras's adapt()); a config that carries them as values is refused.
 */
import type { LayerConfig } from '../config.js';
import { layerConfig } from '../emit.js';
import type { JsonObject, KerasStyle } from '../types.js';
import type { LayerReader, WriterTable } from './mapping.js';
import { readLastAxis } from './mapping.js';

const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
const INTERPOLATIONS = ['bilinear', 'nearest'] as const;

/** Keras's factor: f means the range [-f, f]; a pair must be that range. `null` (RandomZoom's width) is `none`. */
function readFactor(cfg: LayerConfig, key: string, none?: number): number {
  const v = cfg.raw[key];
  if ((v === null || v === undefined) && none !== undefined) return none;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1) return v;
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') {
    const [lo, hi] = v;
    if (hi >= 0 && hi <= 1 && Math.abs(lo + hi) < 1e-9) return hi;
  }
  throw cfg.unsupported(key, 'one factor from 0 to 1, or a symmetric pair [-f, f]');
}

function readWarp(cfg: LayerConfig) {
  cfg.ignore('seed', [null], 'Deepwire draws from the run seed');
  cfg.expect('data_format', [null, 'channels_last'], "'channels_last'");
  return {
    fillMode: cfg.choice('fill_mode', FILL_MODES, 'reflect'),
    interpolation: cfg.choice('interpolation', INTERPOLATIONS, 'bilinear'),
    fillValue: cfg.float('fill_value', 0, -1e6, 1e6),
  };
}

const readNormalization: LayerReader = (cfg) => {
  cfg.expect('mean', [null], 'null (the mean and variance as weights, set by adapt())');
  cfg.expect('variance', [null], 'null (the mean and variance as weights, set by adapt())');
  cfg.expect('invert', [false], 'false');
  // axis None (Keras writes null or []) is one mean and variance for everything: another weight count.
  if (cfg.raw.axis === null) throw cfg.unsupported('axis', 'the last axis only (-1)');
  return { kind: 'Normalization', params: { axis: -1 }, lastAxis: readLastAxis(cfg, 'axis') };
};

export const augmentReaders: Record<string, LayerReader> = {
  RandomFlip: (cfg) => {
    cfg.ignore('seed', [null], 'Deepwire draws from the run seed');
    cfg.expect('data_format', [null, 'channels_last'], "'channels_last'");
    const modes = ['horizontal_and_vertical', 'horizontal', 'vertical'] as const;
    return { kind: 'RandomFlip', params: { mode: cfg.choice('mode', modes, 'horizontal_and_vertical') } };
  },
  RandomRotation: (cfg) => ({
    kind: 'RandomRotation',
    params: { factor: readFactor(cfg, 'factor'), ...readWarp(cfg) },
  }),
  RandomTranslation: (cfg) => ({
    kind: 'RandomTranslation',
    params: {
      heightFactor: readFactor(cfg, 'height_factor'),
      widthFactor: readFactor(cfg, 'width_factor'),
      ...readWarp(cfg),
    },
  }),
  RandomZoom: (cfg) => ({
    kind: 'RandomZoom',
    params: {
      heightFactor: readFactor(cfg, 'height_factor'),
      widthFactor: readFactor(cfg, 'width_factor', -1),
      ...readWarp(cfg),
    },
  }),
  Normalization: readNormalization,
};

interface Warp {
  fillMode: string;
  interpolation: string;
  fillValue: number;
}

/** The keys each dialect writes: Keras's own, in its order; TF.js's are what Deepwire's layer's getConfig gives. */
const warpConfig = (style: KerasStyle, own: JsonObject, p: Warp): JsonObject => ({
  ...own,
  fill_mode: p.fillMode,
  fill_value: p.fillValue,
  interpolation: p.interpolation,
  ...(style === 'tfjs' ? {} : { seed: null }),
});

export const augmentWriters: WriterTable<
  'RandomFlip' | 'RandomRotation' | 'RandomTranslation' | 'RandomZoom' | 'Normalization'
> = {
  RandomFlip: (p, { style, name }) => ({
    className: 'RandomFlip',
    config: layerConfig(style, name, style === 'tfjs' ? { mode: p.mode } : { mode: p.mode, seed: null }),
  }),
  RandomRotation: (p, { style, name }) => ({
    className: 'RandomRotation',
    config: layerConfig(style, name, warpConfig(style, { factor: p.factor }, p)),
  }),
  RandomTranslation: (p, { style, name }) => ({
    className: 'RandomTranslation',
    config: layerConfig(
      style,
      name,
      warpConfig(style, { height_factor: p.heightFactor, width_factor: p.widthFactor }, p),
    ),
  }),
  RandomZoom: (p, { style, name }) => ({
    className: 'RandomZoom',
    config: layerConfig(
      style,
      name,
      warpConfig(style, { height_factor: p.heightFactor, width_factor: p.widthFactor < 0 ? null : p.widthFactor }, p),
    ),
  }),
  Normalization: (_p, { style, name }) => ({
    className: 'Normalization',
    config: layerConfig(
      style,
      name,
      style === 'keras3'
        ? { axis: [-1], invert: false, mean: null, variance: null }
        : style === 'keras2'
          ? { axis: [-1], mean: null, variance: null }
          : { axis: -1 },
    ),
  }),
};
