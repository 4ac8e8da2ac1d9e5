/**
 * "Does a generated 7 look like a 7?": the share of a conditional GAN's
 * samples that the quality score's classifier (quality/feature-net.ts, trained
 * on the same dataset) assigns to the class they were generated for.
 */
import * as tf from '@tensorflow/tfjs';

/** Accuracy of `classifier` on `images` (NHWC in [0, 1]) against `labels` ([n, 1] class ids). */
export function conditionalAccuracy(
  classifier: tf.LayersModel,
  images: tf.Tensor4D,
  labels: tf.Tensor,
  batchSize = 256,
): number {
  const predicted = tf.tidy(() => (classifier.predict(images, { batchSize }) as tf.Tensor).argMax(-1));
  const hits = tf.tidy(() => tf.equal(predicted, labels.reshape([-1]).toInt()).sum());
  const [count] = hits.dataSync();
  tf.dispose([predicted, hits]);
  return count / images.shape[0];
}
