/** Keras's Subtract as a TF.js layer (TF.js 4.22 has Add, Multiply, Average, Maximum, Minimum, but no Subtract). */
import * as tf from '@tensorflow/tfjs';

export class Subtract extends tf.layers.Layer {
  static className = 'Subtract';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [a, b] = inputs as tf.Tensor[];
    return tf.sub(a, b);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0];
  }
}

tf.serialization.registerClass(Subtract);
