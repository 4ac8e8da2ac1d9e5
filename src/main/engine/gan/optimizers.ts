/**
 * The two optimizers of a GAN run. Adam uses β₁ = 0.5, as in DCGAN (Radford
 * et al. 2015) and most GAN code since: the default 0.9 keeps too much
 * momentum for a moving adversarial target.
 */
import type * as tf from '@tensorflow/tfjs';
import type { GanConfig } from '../../../shared/training/config.js';
import { makeOptimizer } from '../train/optimizers.js';

export const GAN_ADAM_BETA1 = 0.5;

type OptimizerConfig = GanConfig['generatorOptimizer'];

export function ganOptimizer({ name, learningRate }: OptimizerConfig): tf.Optimizer {
  return makeOptimizer(name, learningRate, { beta1: GAN_ADAM_BETA1 });
}
