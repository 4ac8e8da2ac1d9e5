/** What the one-input custom layers share. */
import type * as tf from '@tensorflow/tfjs';

/** The layer's one input: TF.js hands `call` a tensor or a list of one. */
export const singleInput = <T extends tf.Tensor = tf.Tensor>(inputs: tf.Tensor | tf.Tensor[]): T =>
  (Array.isArray(inputs) ? inputs[0] : inputs) as T;
