/**
 * Keras's Normalization preprocessing layer as a TF.js layer (TF.js 4.22 has none): (x − mean) /
 * max(√variance, 1e-7) over the last axis, with Keras's three non-trainable weights: mean [C], variance [C] and
 * count [] (the number of samples adapt() saw; Keras keeps it "for backwards compatibility", TF.js files carry it
 * in their weight manifests). New layers start at mean 0, variance 1 (the identity) until set from the data.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export class KerasNormalization extends tf.layers.Layer {
  static className = 'Normalization';
  private mean?: tf.LayerVariable;
  private variance?: tf.LayerVariable;

  constructor(args: { name?: string; axis?: number | number[] }) {
    super({ name: args.name });
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const c = s[s.length - 1] as number;
    this.mean = this.addWeight('mean', [c], 'float32', tf.initializers.zeros(), undefined, false);
    this.variance = this.addWeight('variance', [c], 'float32', tf.initializers.ones(), undefined, false);
    this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput(inputs);
    return tf.tidy(() => tf.div(tf.sub(x, this.mean!.read()), tf.maximum(tf.sqrt(this.variance!.read()), 1e-7)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), axis: -1 };
  }
}

tf.serialization.registerClass(KerasNormalization);
