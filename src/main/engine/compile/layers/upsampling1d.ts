/**
 * Keras's UpSampling1D as a TF.js layer (TF.js 4.22 has only the 2-D one): every time step repeated `size`
 * times, (N, T, C) -> (N, T, size, C) by tile -> (N, T × size, C). Tile and reshape train on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export class UpSampling1D extends tf.layers.Layer {
  static className = 'UpSampling1D';
  private readonly size: number;

  constructor(args: { name: string; size: number }) {
    super({ name: args.name });
    this.size = args.size;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput<tf.Tensor3D>(inputs);
    const [n, t, c] = x.shape;
    return tf.tidy(() => tf.reshape(tf.tile(tf.expandDims(x, 2), [1, 1, this.size, 1]), [n, t * this.size, c]));
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [s[0], s[1] === null ? null : s[1] * this.size, s[2]];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), size: this.size };
  }
}

tf.serialization.registerClass(UpSampling1D);
