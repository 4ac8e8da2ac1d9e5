/**
 * Losses: what TF.js trains with, the per-sample form used to evaluate, how
 * labels are shaped for each, and the check that a loss fits the model's
 * output and the dataset before any training starts (DW507, DW408).
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc, GraphNode } from '../../../shared/graph/types.js';
import { outputActivation } from '../../../shared/graph/output-activation.js';
import type { Shape } from '../../../shared/layers/types.js';
import type { LossName } from '../../../shared/training/config.js';
import type { DatasetTask } from '../../../shared/training/protocol.js';

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

/** Huber with delta 1, averaged over the last axis (per sample, like the other losses). */
export const huber: LossFn = (yTrue, yPred) =>
  tf.tidy(() => {
    const err = tf.abs(tf.sub(yTrue, yPred));
    const quadratic = tf.minimum(err, 1);
    return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(err, quadratic)), -1);
  });

/** What model.compile receives: TF.js's own losses by name (so 'accuracy' resolves), Huber as a function. */
export function compileLoss(loss: LossName): string | LossFn {
  return loss === 'huber' ? huber : loss;
}

/** Per-sample loss for evaluation, on labels shaped by `labelTensor` (sparse labels arrive one-hot). */
export function perSampleLoss(loss: LossName): LossFn {
  switch (loss) {
    case 'categoricalCrossentropy':
    case 'sparseCategoricalCrossentropy':
      return (t, p) => tf.metrics.categoricalCrossentropy(t, p);
    case 'binaryCrossentropy':
      return (t, p) => tf.metrics.binaryCrossentropy(t, p);
    case 'meanSquaredError':
      return (t, p) => tf.metrics.meanSquaredError(t, p);
    case 'meanAbsoluteError':
      return (t, p) => tf.metrics.meanAbsoluteError(t, p);
    case 'huber':
      return huber;
  }
}

export const isClassificationLoss = (loss: LossName): boolean =>
  loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy' || loss === 'binaryCrossentropy';

/** Labels as the training loss wants them: one-hot, class ids, 0/1, or targets. */
export function labelTensor(
  loss: LossName,
  y: Int32Array | Float32Array,
  count: number,
  classes: number,
  targetSize: number,
  forTraining = true,
): tf.Tensor {
  if (loss === 'categoricalCrossentropy' || (loss === 'sparseCategoricalCrossentropy' && !forTraining)) {
    return tf.tidy(() => tf.oneHot(tf.tensor1d(y as Int32Array, 'int32'), classes).toFloat());
  }
  if (loss === 'sparseCategoricalCrossentropy' || loss === 'binaryCrossentropy')
    return tf.tensor2d(Float32Array.from(y), [count, 1]);
  return tf.tensor2d(y as Float32Array, [count, targetSize]);
}

export interface FitCheck {
  graph: GraphDoc;
  output: GraphNode;
  outputShape: Shape;
  loss: LossName;
  task: DatasetTask;
  classes: number;
  targetSize: number;
}

/** Refuses, before training, a loss that does not fit the output (DW507) or an output that does not fit the data (DW408). */
export function checkLossFits(c: FitCheck): void {
  const name = `${c.output.name} (${c.output.kind})`;
  const units = c.outputShape[c.outputShape.length - 1];
  if (c.outputShape.length !== 2) {
    throw new DeepwireError(
      'DW408',
      `the model's output ${name} has shape (${c.outputShape.join(', ')}); it must be one vector per sample (add Flatten or Dense)`,
      c.output.name,
    );
  }
  const activation = outputActivation(c.graph, c.output, 'values') ?? 'linear';
  if (c.task === 'classification') {
    if (!isClassificationLoss(c.loss)) {
      throw new DeepwireError(
        'DW507',
        `${c.loss} is a regression loss, but the dataset has classes: use categorical cross-entropy`,
        'training.loss',
      );
    }
    if (c.loss === 'binaryCrossentropy') {
      if (units !== 1 || activation !== 'sigmoid') {
        throw new DeepwireError(
          'DW507',
          `binary cross-entropy needs one sigmoid unit, but ${name} has ${units} unit(s) with ${activation}`,
          c.output.name,
        );
      }
      if (c.classes !== 2)
        throw new DeepwireError(
          'DW408',
          `binary cross-entropy needs 2 classes, the dataset has ${c.classes}`,
          'training.loss',
        );
      return;
    }
    if (activation !== 'softmax') {
      throw new DeepwireError(
        'DW507',
        `${c.loss} needs a softmax output, but ${name} uses ${activation}: set its activation to softmax`,
        c.output.name,
      );
    }
    if (units !== c.classes) {
      throw new DeepwireError(
        'DW408',
        `${name} has ${units} units, but the dataset has ${c.classes} classes: set units to ${c.classes}`,
        c.output.name,
      );
    }
    return;
  }
  if (isClassificationLoss(c.loss)) {
    throw new DeepwireError(
      'DW507',
      `${c.loss} is a classification loss, but the dataset has numeric targets: use meanSquaredError, meanAbsoluteError or huber`,
      'training.loss',
    );
  }
  if (units !== c.targetSize) {
    throw new DeepwireError(
      'DW408',
      `${name} has ${units} units, but each sample has ${c.targetSize} target value(s): set units to ${c.targetSize}`,
      c.output.name,
    );
  }
}
