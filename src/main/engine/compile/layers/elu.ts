/**
 * Keras's ELU with alpha other than 1 as a TF.js layer (TF.js's ELU layer refuses any other alpha):
 * x > 0 → x, else alpha × (exp(x) − 1). Built from tf.elu scaled where negative, whose gradients and
 * kernels exist on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export interface KerasELUArgs {
  name: string;
  alpha: number;
}

export class KerasELU extends tf.layers.Layer {
  static className = 'DeepwireELU';
  private readonly alpha: number;

  constructor(args: KerasELUArgs) {
    super({ name: args.name });
    this.alpha = args.alpha;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput(inputs);
    return tf.tidy(() => tf.where(tf.greaterEqual(x, 0), x, tf.mul(tf.elu(x), this.alpha)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), alpha: this.alpha };
  }
}

tf.serialization.registerClass(KerasELU);
