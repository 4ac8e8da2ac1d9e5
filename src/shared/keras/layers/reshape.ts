/** Flatten, Reshape and UpSampling2D <-> Keras. */
import { layerConfig } from '../emit.js';
import { expectChannelsLast } from './conv.js';
import type { LayerReader, WriterTable } from './mapping.js';

const readFlatten: LayerReader = (cfg) => {
  expectChannelsLast(cfg);
  return { kind: 'Flatten', params: {} };
};

const readReshape: LayerReader = (cfg) => {
  const target = cfg.raw.target_shape;
  const fits = Array.isArray(target) && target.length >= 1 && target.length <= 3 && target.every((d) => Number.isInteger(d) && (d >= 1 || d === -1));
  if (!fits || target.filter((d) => d === -1).length > 1) {
    throw cfg.unsupported('target_shape', '1 to 3 dimensions ≥ 1, one of which may be -1');
  }
  return { kind: 'Reshape', params: { targetShape: [...(target as number[])] } };
};

const readUpSampling: LayerReader = (cfg) => {
  expectChannelsLast(cfg);
  return {
    kind: 'UpSampling2D',
    params: { size: cfg.pair('size', [2, 2]), interpolation: cfg.choice('interpolation', ['nearest', 'bilinear'] as const, 'nearest') },
  };
};

export const reshapeReaders: Record<string, LayerReader> = { Flatten: readFlatten, Reshape: readReshape, UpSampling2D: readUpSampling };

export const reshapeWriters: WriterTable<'Flatten' | 'Reshape' | 'UpSampling2D'> = {
  Flatten: (_p, { style, name }) => ({ className: 'Flatten', config: layerConfig(style, name, style === 'tfjs' ? {} : { data_format: 'channels_last' }) }),
  Reshape: (p, { style, name }) => ({ className: 'Reshape', config: layerConfig(style, name, { target_shape: [...p.targetShape] }) }),
  UpSampling2D: (p, { style, name }) => ({
    className: 'UpSampling2D',
    config: layerConfig(style, name, { size: [...p.size], data_format: 'channels_last', interpolation: p.interpolation }),
  }),
};
