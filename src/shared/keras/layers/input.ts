/**
 * Input and Noise <-> Keras InputLayer. Keras 3 writes `batch_shape`, Keras 2
 * and TF.js `batch_input_shape`; a Noise source is an InputLayer of shape
 * (size) that Deepwire marks in its metadata (see write/model.ts).
 */
import type { LayerConfig } from '../config.js';
import { isObject, type JsonObject, type KerasStyle } from '../types.js';
import type { LayerReader, ReadLayer, WriterTable } from './mapping.js';

const SHAPE_KEYS = ['batch_shape', 'batch_input_shape'] as const;

const FLOAT_TYPES = ['float32', 'float16', 'bfloat16', 'float64'];
const INT_TYPES = ['int32', 'int64', 'int16', 'int8', 'uint8', 'uint16'];

/** The shape without the batch, from a Keras batch shape (list, or Keras 2's `{class_name: 'TensorShape', items}`). */
export function readBatchShape(cfg: LayerConfig, key: string): (number | null)[] {
  let v = cfg.raw[key];
  if (isObject(v) && Array.isArray(v.items)) v = v.items;
  if (!Array.isArray(v) || v.length < 2 || v.length > 4)
    throw cfg.unsupported(key, 'a batch shape of 2 to 4 dimensions, e.g. [null, 28, 28, 1]');
  const dims = v.slice(1);
  // None (null) is a size that varies from batch to batch: a sequence's length, an image's height and width.
  if (!dims.every((d) => d === null || (Number.isInteger(d) && d >= 1))) {
    throw cfg.unsupported(key, 'sizes ≥ 1 or None after the batch dimension');
  }
  return dims as (number | null)[];
}

/** The key holding the batch shape in this config, if any. */
export const batchShapeKey = (cfg: LayerConfig): string | undefined => SHAPE_KEYS.find((k) => cfg.has(k));

/** float32 or int32 from any Keras dtype, warning when precision changes. */
export function readInputDtype(cfg: LayerConfig): 'float32' | 'int32' {
  const dtype = cfg.dtype();
  if (dtype === 'float32' || dtype === 'int32') return dtype;
  if (FLOAT_TYPES.includes(dtype)) {
    cfg.warn(`dtype ${dtype} is read as float32 (Deepwire computes in float32)`);
    return 'float32';
  }
  if (INT_TYPES.includes(dtype)) return 'int32';
  throw cfg.unsupported('dtype', 'float32 or int32 inputs');
}

const readInputLayer: LayerReader = (cfg): ReadLayer => {
  const key = batchShapeKey(cfg);
  if (!key) throw cfg.unsupported('batch_shape', 'an InputLayer with a known shape');
  cfg.expect('sparse', [false, null], 'dense inputs (sparse false)');
  cfg.expect('ragged', [false, null], 'regular inputs (ragged false)');
  return { kind: 'Input', params: { shape: readBatchShape(cfg, key), dtype: readInputDtype(cfg) } };
};

export const inputReaders: Record<string, LayerReader> = { InputLayer: readInputLayer };

/** An InputLayer config in the dialect's spelling. */
export function inputLayerConfig(
  style: KerasStyle,
  name: string,
  shape: readonly (number | null)[],
  dtype: string,
): JsonObject {
  const batch = [null, ...shape];
  if (style === 'keras3') return { batch_shape: batch, dtype, sparse: false, ragged: false, name };
  if (style === 'keras2') return { batch_input_shape: batch, dtype, sparse: false, ragged: false, name };
  return { batch_input_shape: batch, dtype, sparse: false, name };
}

export const inputWriters: WriterTable<'Input' | 'Noise'> = {
  Input: (p, { style, name }) => ({ className: 'InputLayer', config: inputLayerConfig(style, name, p.shape, p.dtype) }),
  Noise: (p, { style, name }) => ({
    className: 'InputLayer',
    config: inputLayerConfig(style, name, [p.size], 'float32'),
  }),
};
