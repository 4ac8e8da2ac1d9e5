/**
 * The two optimizers of a GAN run. Adam uses β₁ = 0.5, as in DCGAN (Radford
 * et al. 2015) and most GAN code since: the default 0.9 keeps too much
 * momentum for a moving adversarial target.
 */
import * as tf from '@tensorflow/tfjs';
import type { GanConfig } from '../../../shared/training/config.js';

export const GAN_ADAM_BETA1 = 0.5;

type OptimizerConfig = GanConfig['generatorOptimizer'];

export function ganOptimizer({ name, learningRate }: OptimizerConfig): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'adam':
      return tf.train.adam(learningRate, GAN_ADAM_BETA1, 0.999);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
  }
}
