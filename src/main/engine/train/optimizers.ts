/** Optimizers by name, and the per-epoch learning rate of a schedule. */
import * as tf from '@tensorflow/tfjs';
import type { TrainingConfig } from '../../../shared/training/config.js';

type OptimizerName = TrainingConfig['optimizer']['name'];
export type Schedule = TrainingConfig['schedule'];

/** An optimizer by name; `beta1` overrides Adam's first-moment decay (GANs use 0.5). */
export function makeOptimizer(name: OptimizerName, learningRate: number, opts: { beta1?: number } = {}): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'momentum':
      return tf.train.momentum(learningRate, 0.9);
    case 'adam':
      return tf.train.adam(learningRate, opts.beta1 ?? 0.9, 0.999);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    case 'adagrad':
      return tf.train.adagrad(learningRate);
  }
}

/**
 * Changes the rate of a live optimizer, keeping its state (Adam moments…).
 * SGD and momentum cache the rate as a tensor and have a setter; the others
 * read their `learningRate` field on every step.
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  // Not `instanceof`: TF.js optimizers answer it by duck typing, so Adam "is" an SGDOptimizer.
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (r: number) => void };
  if (typeof o.setLearningRate === 'function') o.setLearningRate(rate);
  else o.learningRate = rate;
}

/** The rate for 1-based `epoch` of `epochs`. */
export function scheduledRate(schedule: Schedule, base: number, epoch: number, epochs: number): number {
  switch (schedule.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * schedule.factor ** Math.floor((epoch - 1) / schedule.every);
    case 'cosine': {
      const progress = epochs > 1 ? (epoch - 1) / (epochs - 1) : 0;
      return schedule.minLearningRate + (base - schedule.minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }
}
