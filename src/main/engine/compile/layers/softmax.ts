/**
 * Keras's Softmax over an axis other than the last as a TF.js layer (tf.softmax supports the last axis only):
 * exp(x − logSumExp(x, axis)), whose gradients and kernels exist on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export interface AxisSoftmaxArgs {
  name: string;
  /** Keras's axis, batch = 0; negative counts from the end. */
  axis: number;
}

export class AxisSoftmax extends tf.layers.Layer {
  static className = 'DeepwireSoftmax';
  private readonly axis: number;

  constructor(args: AxisSoftmaxArgs) {
    super({ name: args.name });
    this.axis = args.axis;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput(inputs);
    return tf.tidy(() => tf.exp(tf.sub(x, tf.logSumExp(x, this.axis, true))));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: this.axis };
  }
}

tf.serialization.registerClass(AxisSoftmax);
