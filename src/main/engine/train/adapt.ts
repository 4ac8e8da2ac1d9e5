/**
 * Keras's Normalization.adapt() for Deepwire's runs: before training starts (TF.js or PyTorch), each
 * Normalization layer's mean and variance are set from the training data as it reaches the layer (the first
 * samples of the training split, through the layers before it, in graph order so stacked ones see standardized
 * inputs), and count to the number of values reduced, as Keras does. A run that starts from given weights
 * (continued training) keeps theirs.
 */
import * as tf from '@tensorflow/tfjs';
import { gather, type PreparedDataset } from '../datasets/prepare.js';
import { KerasNormalization } from '../compile/layers/normalization.js';
import { inputTensor } from './tensors.js';

/** At most this many training samples are read (Keras reads all; the statistics settle long before). */
export const ADAPT_SAMPLES = 2048;

/** Sets every Normalization layer of `model` from the training data; returns how many were set. */
export function adaptNormalization(model: tf.LayersModel, ds: PreparedDataset): number {
  const layers = model.layers.filter((l) => l instanceof KerasNormalization);
  if (layers.length === 0 || model.inputs.length !== 1) return 0;
  const count = Math.min(ADAPT_SAMPLES, ds.train.index.length);
  if (count === 0) return 0;
  const dtype = (model.inputs[0].dtype ?? 'float32') as tf.DataType;
  const x = inputTensor(ds, gather(ds, ds.train, null, 0, count), dtype);
  try {
    for (const layer of layers) {
      // A view of the model up to the layer's input (sharing its layers: not disposed, that would free them).
      const upTo = tf.model({ inputs: model.inputs, outputs: layer.input as tf.SymbolicTensor });
      tf.tidy(() => {
        const y = upTo.predict(x, { batchSize: 64 }) as tf.Tensor;
        const c = y.shape[y.shape.length - 1];
        const flat = tf.reshape(y, [-1, c]);
        const { mean, variance } = tf.moments(flat, 0);
        layer.setWeights([mean, variance, tf.scalar(flat.shape[0])]);
      });
    }
  } finally {
    x.dispose();
  }
  return layers.length;
}
