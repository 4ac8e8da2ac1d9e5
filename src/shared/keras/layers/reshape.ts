/** Flatten, Reshape, UpSampling2D, ReflectionPadding2D and ZeroPadding2D <-> Keras. */
import type { LayerConfig } from '../config.js';
import { layerConfig } from '../emit.js';
import { expectChannelsLast } from './conv.js';
import type { LayerReader, WriterTable } from './mapping.js';

const readFlatten: LayerReader = (cfg) => {
  expectChannelsLast(cfg);
  return { kind: 'Flatten', params: {} };
};

const readReshape: LayerReader = (cfg) => {
  const target = cfg.raw.target_shape;
  const fits =
    Array.isArray(target) &&
    target.length >= 1 &&
    target.length <= 3 &&
    target.every((d) => Number.isInteger(d) && (d >= 1 || d === -1));
  if (!fits || target.filter((d) => d === -1).length > 1) {
    throw cfg.unsupported('target_shape', '1 to 3 dimensions ≥ 1, one of which may be -1');
  }
  return { kind: 'Reshape', params: { targetShape: [...(target as number[])] } };
};

const readUpSampling: LayerReader = (cfg) => {
  expectChannelsLast(cfg);
  return {
    kind: 'UpSampling2D',
    params: {
      size: cfg.pair('size', [2, 2]),
      interpolation: cfg.choice('interpolation', ['nearest', 'bilinear'] as const, 'nearest'),
    },
  };
};

/** Keras-style padding: `n`, `(h, w)` or `((top, bottom), (left, right))`, as ZeroPadding2D takes it. */
function readPadding(cfg: LayerConfig, key = 'padding', fallback = 1): number[] {
  const v = cfg.raw[key] ?? fallback;
  const isPad = (d: unknown) => Number.isInteger(d) && (d as number) >= 0;
  const pairs =
    typeof v === 'number'
      ? [
          [v, v],
          [v, v],
        ]
      : Array.isArray(v) && v.length === 2 && v.every(isPad)
        ? [
            [v[0], v[0]],
            [v[1], v[1]],
          ]
        : v;
  const fits =
    Array.isArray(pairs) &&
    pairs.length === 2 &&
    pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every(isPad));
  if (!fits) throw cfg.unsupported(key, 'an integer ≥ 0, two of them, or ((top, bottom), (left, right))');
  const [[t, b], [l, r]] = pairs as number[][];
  return [t, b, l, r];
}

const readReflectionPadding: LayerReader = (cfg) => ({
  kind: 'ReflectionPadding2D',
  params: { padding: readPadding(cfg) },
});

const readZeroPadding: LayerReader = (cfg) => {
  expectChannelsLast(cfg);
  return { kind: 'ZeroPadding2D', params: { padding: readPadding(cfg) } };
};

/** (t, b, l, r) as Keras writes it: ((top, bottom), (left, right)). */
const paddingPairs = (p: readonly number[]) => [
  [p[0], p[1]],
  [p[2], p[3]],
];

export const reshapeReaders: Record<string, LayerReader> = {
  Flatten: readFlatten,
  Reshape: readReshape,
  Permute: (cfg) => {
    const dims = cfg.raw.dims;
    const fits = Array.isArray(dims) && dims.length >= 1 && dims.length <= 3 && dims.every((d) => Number.isInteger(d));
    if (!fits) throw cfg.unsupported('dims', '1 to 3 axes counted from 1, e.g. (2, 1)');
    return { kind: 'Permute', params: { dims: dims as number[] } };
  },
  UpSampling2D: readUpSampling,
  ReflectionPadding2D: readReflectionPadding,
  ZeroPadding2D: readZeroPadding,
  Cropping2D: (cfg) => {
    expectChannelsLast(cfg);
    return { kind: 'Cropping2D', params: { cropping: readPadding(cfg, 'cropping', 0) } };
  },
  RepeatVector: (cfg) => ({ kind: 'RepeatVector', params: { n: cfg.int('n') } }),
  UpSampling1D: (cfg) => ({ kind: 'UpSampling1D', params: { size: cfg.int('size', 2) } }),
};

export const reshapeWriters: WriterTable<
  | 'Flatten'
  | 'Reshape'
  | 'Permute'
  | 'UpSampling2D'
  | 'ReflectionPadding2D'
  | 'ZeroPadding2D'
  | 'Cropping2D'
  | 'RepeatVector'
  | 'UpSampling1D'
> = {
  Flatten: (_p, { style, name }) => ({
    className: 'Flatten',
    config: layerConfig(style, name, style === 'tfjs' ? {} : { data_format: 'channels_last' }),
  }),
  Permute: (p, { style, name }) => ({ className: 'Permute', config: layerConfig(style, name, { dims: [...p.dims] }) }),
  Reshape: (p, { style, name }) => ({
    className: 'Reshape',
    config: layerConfig(style, name, { target_shape: [...p.targetShape] }),
  }),
  UpSampling2D: (p, { style, name }) => ({
    className: 'UpSampling2D',
    config: layerConfig(style, name, {
      size: [...p.size],
      data_format: 'channels_last',
      interpolation: p.interpolation,
    }),
  }),
  // A custom class (Keras has none built in); the exported Keras script defines it.
  ReflectionPadding2D: (p, { style, name }) => ({
    className: 'ReflectionPadding2D',
    config: layerConfig(style, name, { padding: paddingPairs(p.padding) }),
  }),
  Cropping2D: (p, { style, name }) => ({
    className: 'Cropping2D',
    config: layerConfig(style, name, { cropping: paddingPairs(p.cropping), data_format: 'channels_last' }),
  }),
  RepeatVector: (p, { style, name }) => ({ className: 'RepeatVector', config: layerConfig(style, name, { n: p.n }) }),
  UpSampling1D: (p, { style, name }) => ({
    className: 'UpSampling1D',
    config: layerConfig(style, name, { size: p.size }),
  }),
  ZeroPadding2D: (p, { style, name }) => ({
    className: 'ZeroPadding2D',
    config: layerConfig(style, name, { padding: paddingPairs(p.padding), data_format: 'channels_last' }),
  }),
};
