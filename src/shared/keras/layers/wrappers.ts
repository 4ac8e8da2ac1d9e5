/**
 * TimeDistributed <-> Keras: `{layer: {class_name, config}}` around the wrapped layer, in every dialect
 * (Keras 3 adds its module envelope). The wrapped layer is named `<node>_<layer>`, as Bidirectional's cell.
 * MultiHeadAttention <-> Keras: its options (value_dim and output_shape null mean key_dim and the query's
 * size, 0 in Deepwire); which tensors it is called on is read in read/topology.ts and written in
 * write/model.ts (mha(query, value)).
 */
import type { LayerConfig } from '../config.js';
import { kerasObject, kernelAndBiasDefaults, layerConfig } from '../emit.js';
import { denseReaders, denseWriters } from './dense.js';
import type { LayerReader, WriterTable } from './mapping.js';
import { normReaders } from './norm.js';

/**
 * TimeDistributed(layer): the wrapped layer must be one Deepwire applies per step (Dense); a wrapped
 * Dropout is the same as a plain one (no weights, each value dropped alike) and is read as that, with a note.
 */
const readTimeDistributed: LayerReader = (cfg) => {
  const inner = cfg.nested('layer');
  if (inner.className === 'Dropout') {
    cfg.warn('TimeDistributed(Dropout) is read as Dropout: the same layer on every step');
    return normReaders.Dropout(inner);
  }
  if (inner.className !== 'Dense') throw cfg.unsupported('layer', 'a wrapped Dense (or Dropout)');
  const dense = denseReaders.Dense(inner);
  return { kind: 'TimeDistributed', params: { layer: 'Dense', ...dense.params } };
};

/** An optional size: null or absent is 0 (Keras's default), an int or a one-int list (output_shape) that int. */
function optionalSize(cfg: LayerConfig, key: string): number {
  const v = cfg.raw[key];
  if (v === null || v === undefined) return 0;
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw cfg.unsupported(key, 'null or one positive size');
  return n;
}

const readMultiHeadAttention: LayerReader = (cfg) => {
  cfg.ignoreRegularizers();
  // Attention over the time axis: Keras's default for sequences, written as null or [1].
  cfg.expect('attention_axes', [null, [1], 1], 'null or [1] (attention over the time steps)');
  cfg.ignore('flash_attention', [null, false, true], 'Deepwire computes attention directly');
  return {
    kind: 'MultiHeadAttention',
    params: {
      numHeads: cfg.int('num_heads'),
      keyDim: cfg.int('key_dim'),
      // Keras writes value_dim = key_dim when it was left out; 0 stands for that.
      valueDim: optionalSize(cfg, 'value_dim') === cfg.int('key_dim') ? 0 : optionalSize(cfg, 'value_dim'),
      dropout: cfg.float('dropout', 0, 0, 0.99),
      useBias: cfg.bool('use_bias', true),
      outputDim: optionalSize(cfg, 'output_shape'),
    },
  };
};

export const wrapperReaders: Record<string, LayerReader> = {
  TimeDistributed: readTimeDistributed,
  MultiHeadAttention: readMultiHeadAttention,
};

export const wrapperWriters: WriterTable<'TimeDistributed' | 'MultiHeadAttention'> = {
  MultiHeadAttention: (p, { style, name }) => ({
    className: 'MultiHeadAttention',
    config: layerConfig(style, name, {
      num_heads: p.numHeads,
      key_dim: p.keyDim,
      value_dim: p.valueDim > 0 ? p.valueDim : p.keyDim,
      dropout: p.dropout,
      use_bias: p.useBias,
      output_shape: p.outputDim > 0 ? p.outputDim : null,
      attention_axes: null,
      ...kernelAndBiasDefaults(style),
      ...(style === 'keras3' ? { seed: null } : {}),
    }),
  }),
  TimeDistributed: (p, { style, name }) => {
    const inner = denseWriters.Dense(p, { style, name: `${name}_${p.layer.toLowerCase()}` });
    return {
      className: 'TimeDistributed',
      config: layerConfig(style, name, { layer: kerasObject(style, 'keras.layers', inner.className, inner.config) }),
    };
  },
};
