/** Pooling layers <-> Keras: local windows (strides default to the pool size) and global reductions. */
import type { LayerConfig } from '../config.js';
import { layerConfig } from '../emit.js';
import type { KerasStyle } from '../types.js';
import { expectChannelsLast, withoutTfjsDataFormat } from './conv.js';
import { readSingle, type LayerReader, type WriterTable } from './mapping.js';

const PADDINGS = ['valid', 'same'] as const;

const readWindow =
  (kind: 'MaxPooling2D' | 'AveragePooling2D'): LayerReader =>
  (cfg: LayerConfig) => {
    expectChannelsLast(cfg);
    const poolSize = cfg.pair('pool_size', [2, 2]);
    return {
      kind,
      params: { poolSize, strides: cfg.pair('strides', poolSize), padding: cfg.choice('padding', PADDINGS, 'valid') },
    };
  };

const readWindow1D =
  (kind: 'MaxPooling1D' | 'AveragePooling1D'): LayerReader =>
  (cfg: LayerConfig) => {
    expectChannelsLast(cfg);
    const poolSize = readSingle(cfg, 'pool_size', 2);
    return {
      kind,
      params: {
        poolSize,
        strides: readSingle(cfg, 'strides', poolSize),
        padding: cfg.choice('padding', PADDINGS, 'valid'),
      },
    };
  };

const readGlobal =
  (
    kind: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D' | 'GlobalAveragePooling1D' | 'GlobalMaxPooling1D',
  ): LayerReader =>
  (cfg: LayerConfig) => {
    expectChannelsLast(cfg);
    cfg.expect('keepdims', [false], 'keepdims false (the output is a vector of channels)');
    return { kind, params: {} };
  };

/** Keras 3 also registers the short aliases (MaxPool2D, …) as class names of saved configs. */
export const poolReaders: Record<string, LayerReader> = {
  MaxPooling1D: readWindow1D('MaxPooling1D'),
  MaxPool1D: readWindow1D('MaxPooling1D'),
  AveragePooling1D: readWindow1D('AveragePooling1D'),
  AvgPool1D: readWindow1D('AveragePooling1D'),
  GlobalAveragePooling1D: readGlobal('GlobalAveragePooling1D'),
  GlobalAvgPool1D: readGlobal('GlobalAveragePooling1D'),
  GlobalMaxPooling1D: readGlobal('GlobalMaxPooling1D'),
  GlobalMaxPool1D: readGlobal('GlobalMaxPooling1D'),
  MaxPooling2D: readWindow('MaxPooling2D'),
  MaxPool2D: readWindow('MaxPooling2D'),
  AveragePooling2D: readWindow('AveragePooling2D'),
  AvgPool2D: readWindow('AveragePooling2D'),
  GlobalAveragePooling2D: readGlobal('GlobalAveragePooling2D'),
  GlobalAvgPool2D: readGlobal('GlobalAveragePooling2D'),
  GlobalMaxPooling2D: readGlobal('GlobalMaxPooling2D'),
  GlobalMaxPool2D: readGlobal('GlobalMaxPooling2D'),
};

const windowConfig = (
  style: KerasStyle,
  name: string,
  p: { poolSize: readonly number[]; strides: readonly number[]; padding: string },
) =>
  layerConfig(style, name, {
    pool_size: [...p.poolSize],
    padding: p.padding,
    strides: [...p.strides],
    data_format: 'channels_last',
  });

const globalConfig = (style: KerasStyle, name: string) =>
  layerConfig(
    style,
    name,
    style === 'tfjs' ? { data_format: 'channels_last' } : { data_format: 'channels_last', keepdims: false },
  );

const window1D = (p: { poolSize: number; strides: number; padding: string }) => ({
  ...p,
  poolSize: [p.poolSize],
  strides: [p.strides],
});

export const poolWriters: WriterTable<
  | 'MaxPooling2D'
  | 'AveragePooling2D'
  | 'GlobalAveragePooling2D'
  | 'GlobalMaxPooling2D'
  | 'MaxPooling1D'
  | 'AveragePooling1D'
  | 'GlobalAveragePooling1D'
  | 'GlobalMaxPooling1D'
> = {
  MaxPooling1D: (p, { style, name }) => ({
    className: 'MaxPooling1D',
    config: withoutTfjsDataFormat(style, windowConfig(style, name, window1D(p))),
  }),
  AveragePooling1D: (p, { style, name }) => ({
    className: 'AveragePooling1D',
    config: withoutTfjsDataFormat(style, windowConfig(style, name, window1D(p))),
  }),
  GlobalAveragePooling1D: (_p, { style, name }) => ({
    className: 'GlobalAveragePooling1D',
    config: withoutTfjsDataFormat(style, globalConfig(style, name)),
  }),
  GlobalMaxPooling1D: (_p, { style, name }) => ({
    className: 'GlobalMaxPooling1D',
    config: withoutTfjsDataFormat(style, globalConfig(style, name)),
  }),
  MaxPooling2D: (p, { style, name }) => ({ className: 'MaxPooling2D', config: windowConfig(style, name, p) }),
  AveragePooling2D: (p, { style, name }) => ({ className: 'AveragePooling2D', config: windowConfig(style, name, p) }),
  GlobalAveragePooling2D: (_p, { style, name }) => ({
    className: 'GlobalAveragePooling2D',
    config: globalConfig(style, name),
  }),
  GlobalMaxPooling2D: (_p, { style, name }) => ({ className: 'GlobalMaxPooling2D', config: globalConfig(style, name) }),
};
