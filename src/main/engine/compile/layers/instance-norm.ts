/**
 * InstanceNormalization as a TF.js layer (TF.js has none): Keras-contrib /
 * TensorFlow Addons semantics — every channel of every sample is normalised
 * over height × width, then scaled by gamma and shifted by beta per channel.
 * Weights are named `gamma` and `beta`, as in Keras, so stored weights,
 * Keras files and exports line up. Built from `moments`, `rsqrt` and
 * broadcasting arithmetic, which all have gradients on every backend.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export interface InstanceNormArgs {
  name: string;
  epsilon: number;
  center: boolean;
  scale: boolean;
}

export class InstanceNormalization extends tf.layers.Layer {
  static className = 'InstanceNormalization';
  private readonly epsilon: number;
  private readonly center: boolean;
  private readonly scale: boolean;
  private gamma?: tf.LayerVariable;
  private beta?: tf.LayerVariable;

  constructor(args: InstanceNormArgs) {
    super({ name: args.name });
    this.epsilon = args.epsilon;
    this.center = args.center;
    this.scale = args.scale;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const channels = shape[shape.length - 1] as number;
    if (this.scale) this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    if (this.center) this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = singleInput(inputs);
      const { mean, variance } = tf.moments(x, [1, 2], true);
      let y = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
      if (this.gamma) y = tf.mul(y, this.gamma.read());
      if (this.beta) y = tf.add(y, this.beta.read());
      return y;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override getConfig(): tf.serialization.ConfigDict {
    // The same keys, in Keras-contrib's form, as Deepwire's Keras writer gives the layer.
    return {
      axis: -1,
      epsilon: this.epsilon,
      center: this.center,
      scale: this.scale,
      betaInitializer: { className: 'Zeros', config: {} },
      gammaInitializer: { className: 'Ones', config: {} },
      betaRegularizer: null,
      gammaRegularizer: null,
      betaConstraint: null,
      gammaConstraint: null,
      ...super.getConfig(),
    };
  }
}

tf.serialization.registerClass(InstanceNormalization);
