/**
 * The GAN loss families, on the discriminator's raw score s (a logit when it
 * had a sigmoid, see models.ts):
 *
 * - vanilla (Goodfellow et al. 2014, non-saturating): D minimises
 *   BCE(σ(s_real), 1−ε) + BCE(σ(s_fake), 0); G minimises BCE(σ(s_fake), 1).
 *   ε is one-sided label smoothing (Salimans et al. 2016): only the real
 *   target moves.
 * - least-squares (Mao et al. 2017): D minimises ½(s_real − (1−ε))² + ½ s_fake²;
 *   G minimises ½(s_fake − 1)².
 * - wasserstein (Arjovsky et al. 2017): the critic minimises mean(s_fake) −
 *   mean(s_real); G minimises −mean(s_fake). Lipschitz by weight clipping
 *   (step.ts) or, for wasserstein-gp, by the gradient penalty below.
 */
import * as tf from '@tensorflow/tfjs';
import type { GanConfig } from '../../../shared/training/config.js';
import { rowsOf, wholeBatch, type Rows } from './noise.js';

export type GanLoss = GanConfig['loss'];

export const isWasserstein = (loss: GanLoss): boolean => loss === 'wasserstein' || loss === 'wasserstein-gp';

/** The smoothed target of real samples; Wasserstein has no targets. */
export const realTarget = (loss: GanLoss, smoothing: number): number => (isWasserstein(loss) ? 1 : 1 - smoothing);

const bce = (scores: tf.Tensor, target: number): tf.Scalar =>
  tf.losses.sigmoidCrossEntropy(tf.fill(scores.shape, target), scores) as tf.Scalar;
const halfSquare = (scores: tf.Tensor, target: number): tf.Scalar =>
  tf.mul(0.5, tf.mean(tf.square(tf.sub(scores, target)))) as tf.Scalar;

export function discriminatorLoss(loss: GanLoss, real: tf.Tensor, fake: tf.Tensor, smoothing: number): tf.Scalar {
  const target = realTarget(loss, smoothing);
  switch (loss) {
    case 'vanilla':
      return tf.add(bce(real, target), bce(fake, 0));
    case 'least-squares':
      return tf.add(halfSquare(real, target), halfSquare(fake, 0));
    case 'wasserstein':
    case 'wasserstein-gp':
      return tf.sub(tf.mean(fake), tf.mean(real));
  }
}

export function generatorLoss(loss: GanLoss, fake: tf.Tensor): tf.Scalar {
  switch (loss) {
    case 'vanilla':
      return bce(fake, 1);
    case 'least-squares':
      return halfSquare(fake, 1);
    case 'wasserstein':
    case 'wasserstein-gp':
      return tf.neg(tf.mean(fake));
  }
}

/** What the UI plots as D(x) and D(G(z)): probabilities for vanilla, raw scores otherwise. */
export function shownScore(loss: GanLoss, scores: tf.Tensor): tf.Scalar {
  return (loss === 'vanilla' ? tf.mean(tf.sigmoid(scores)) : tf.mean(scores)) as tf.Scalar;
}

/**
 * WGAN-GP (Gulrajani et al. 2017): λ·mean((‖∇ₓ̂ D(x̂)‖₂ − 1)²) at random
 * points x̂ on the lines between real and fake samples. Differentiating this
 * needs gradients of gradients, which TF.js can do once the comparison ops
 * have (zero) gradients: see second-order.ts.
 */
export function gradientPenalty(
  critic: (x: tf.Tensor) => tf.Tensor,
  real: tf.Tensor,
  fake: tf.Tensor,
  lambda: number,
  seed: number,
  rows: Rows = wholeBatch(real.shape[0]),
): tf.Scalar {
  const unit = real.shape.slice(1).map(() => 1);
  // One mixing weight per sample; a split step takes its rows of the whole batch's draw.
  const eps = rowsOf(rows, (batch) => tf.randomUniform([batch, ...unit], 0, 1, 'float32', seed));
  const mixed = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
  const grad = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(mixed);
  const axes = grad.shape.slice(1).map((_, i) => i + 1);
  const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), axes), 1e-12));
  return tf.mul(lambda, tf.mean(tf.square(tf.sub(norm, 1)))) as tf.Scalar;
}
