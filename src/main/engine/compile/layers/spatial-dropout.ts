/**
 * Keras's SpatialDropout2D as a TF.js layer (TF.js 4.22 has only the 1-D one): while training, whole channels
 * are zeroed with probability `rate` (one draw per sample and channel, shared over height and width) and the
 * rest scaled by 1 / (1 − rate); the identity otherwise. tf.dropout with a noise shape does exactly that.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export class SpatialDropout2D extends tf.layers.Layer {
  static className = 'SpatialDropout2D';
  private readonly rate: number;

  constructor(args: { name: string; rate: number }) {
    super({ name: args.name });
    this.rate = args.rate;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = singleInput(inputs);
    if (!kwargs.training || this.rate === 0) return x;
    const [n, , , c] = x.shape;
    return tf.dropout(x, this.rate, [n, 1, 1, c]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}

tf.serialization.registerClass(SpatialDropout2D);
