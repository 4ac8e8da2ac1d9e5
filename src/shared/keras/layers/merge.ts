/** The merges <-> Keras. Concatenate joins on the last axis only; the element-wise ones have no options. */
import { layerConfig } from '../emit.js';
import type { LayerReader, WriterTable } from './mapping.js';
import { readLastAxis } from './mapping.js';

export const mergeReaders: Record<string, LayerReader> = {
  Add: () => ({ kind: 'Add', params: {} }),
  Subtract: () => ({ kind: 'Subtract', params: {} }),
  Multiply: () => ({ kind: 'Multiply', params: {} }),
  Average: () => ({ kind: 'Average', params: {} }),
  Maximum: () => ({ kind: 'Maximum', params: {} }),
  Minimum: () => ({ kind: 'Minimum', params: {} }),
  Concatenate: (cfg) => ({ kind: 'Concatenate', params: {}, lastAxis: readLastAxis(cfg, 'axis') }),
};

export const mergeWriters: WriterTable<
  'Add' | 'Concatenate' | 'Subtract' | 'Multiply' | 'Average' | 'Maximum' | 'Minimum'
> = {
  Add: (_p, { style, name }) => ({ className: 'Add', config: layerConfig(style, name, {}) }),
  Subtract: (_p, { style, name }) => ({ className: 'Subtract', config: layerConfig(style, name, {}) }),
  Multiply: (_p, { style, name }) => ({ className: 'Multiply', config: layerConfig(style, name, {}) }),
  Average: (_p, { style, name }) => ({ className: 'Average', config: layerConfig(style, name, {}) }),
  Maximum: (_p, { style, name }) => ({ className: 'Maximum', config: layerConfig(style, name, {}) }),
  Minimum: (_p, { style, name }) => ({ className: 'Minimum', config: layerConfig(style, name, {}) }),
  Concatenate: (_p, { style, name }) => ({ className: 'Concatenate', config: layerConfig(style, name, { axis: -1 }) }),
};
