/**
 * Keras's ReLU with a negative slope or threshold as a TF.js layer (TF.js's ReLU has max_value only):
 * x ≥ threshold → min(x, max value), below → slope × (x − threshold). Built from where/minimum/mul, whose
 * gradients and kernels exist on cpu and wasm.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export interface KerasReLUArgs {
  name: string;
  /** 0 (or null from a saved config) means no upper bound. */
  maxValue: number | null;
  negativeSlope: number;
  threshold: number;
}

export class KerasReLU extends tf.layers.Layer {
  static className = 'DeepwireReLU';
  private readonly options: KerasReLUArgs;

  constructor(args: KerasReLUArgs) {
    super({ name: args.name });
    this.options = { ...args, maxValue: args.maxValue || 0 };
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput(inputs);
    const { maxValue, negativeSlope, threshold } = this.options;
    return tf.tidy(() => {
      const below = tf.mul(tf.sub(x, threshold), negativeSlope);
      const y = tf.where(tf.greaterEqual(x, threshold), x, below);
      return maxValue ? tf.minimum(y, maxValue) : y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { maxValue, negativeSlope, threshold } = this.options;
    return { ...super.getConfig(), maxValue, negativeSlope, threshold };
  }
}

tf.serialization.registerClass(KerasReLU);
