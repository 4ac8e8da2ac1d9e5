/** Batches of a prepared dataset as tensors shaped for the model. */
import * as tf from '@tensorflow/tfjs';
import type { Batch, PreparedDataset } from '../datasets/prepare.js';

/** [count, ...sampleShape] ([count, length] for variable-length sequences); int32 for token-id inputs (Embedding). */
export function inputTensor(ds: PreparedDataset, batch: Batch, dtype: tf.DataType): tf.Tensor {
  const shape = batch.length === undefined ? [batch.count, ...ds.raw.sampleShape] : [batch.count, batch.length];
  if (dtype === 'int32')
    return tf.tensor(
      Int32Array.from(batch.x, (v) => Math.round(v)),
      shape,
      'int32',
    );
  return tf.tensor(batch.x, shape, 'float32');
}
