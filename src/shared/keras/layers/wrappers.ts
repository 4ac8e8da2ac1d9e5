/**
 * TimeDistributed <-> Keras: `{layer: {class_name, config}}` around the wrapped layer, in every dialect
 * (Keras 3 adds its module envelope). The wrapped layer is named `<node>_<layer>`, as Bidirectional's cell.
 */
import { kerasObject, layerConfig } from '../emit.js';
import { denseReaders, denseWriters } from './dense.js';
import type { LayerReader, WriterTable } from './mapping.js';

/** TimeDistributed(layer): the wrapped layer must be one Deepwire applies per step (Dense). */
const readTimeDistributed: LayerReader = (cfg) => {
  const inner = cfg.nested('layer');
  if (inner.className !== 'Dense') throw cfg.unsupported('layer', 'a wrapped Dense');
  const dense = denseReaders.Dense(inner);
  return { kind: 'TimeDistributed', params: { layer: 'Dense', ...dense.params } };
};

export const wrapperReaders: Record<string, LayerReader> = { TimeDistributed: readTimeDistributed };

export const wrapperWriters: WriterTable<'TimeDistributed'> = {
  TimeDistributed: (p, { style, name }) => {
    const inner = denseWriters.Dense(p, { style, name: `${name}_${p.layer.toLowerCase()}` });
    return {
      className: 'TimeDistributed',
      config: layerConfig(style, name, { layer: kerasObject(style, 'keras.layers', inner.className, inner.config) }),
    };
  },
};
