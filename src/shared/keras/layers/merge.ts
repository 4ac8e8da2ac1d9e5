/** Add and Concatenate <-> Keras. Concatenate joins on the last axis only. */
import { layerConfig } from '../emit.js';
import type { LayerReader, WriterTable } from './mapping.js';
import { readLastAxis } from './mapping.js';

export const mergeReaders: Record<string, LayerReader> = {
  Add: () => ({ kind: 'Add', params: {} }),
  Concatenate: (cfg) => ({ kind: 'Concatenate', params: {}, lastAxis: readLastAxis(cfg, 'axis') }),
};

export const mergeWriters: WriterTable<'Add' | 'Concatenate'> = {
  Add: (_p, { style, name }) => ({ className: 'Add', config: layerConfig(style, name, {}) }),
  Concatenate: (_p, { style, name }) => ({ className: 'Concatenate', config: layerConfig(style, name, { axis: -1 }) }),
};
