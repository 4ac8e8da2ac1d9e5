/**
 * Conditional GANs at run time: which input of each compiled model takes the
 * class label, random labels for fakes, and feeding [noise|image, label] in
 * the model's own input order. The graph rules (DW130–DW133) are in
 * src/shared/shape/conditional.ts; DW134 (classes ≠ the dataset's) is here.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc, GraphNode } from '../../../shared/graph/types.js';
import { isLabelInput, labelClasses } from '../../../shared/shape/conditional.js';

export interface ConditionalInputs {
  /** Classes the label Embeddings know. */
  classes: number;
  /** Position of the label among the generator's / discriminator's inputs. */
  generatorLabelAt: number;
  discriminatorLabelAt: number;
}

/** The label positions of a conditional GAN's compiled models; undefined for an unconditional GAN. */
export function conditionalInputs(
  graph: GraphDoc,
  gInputs: readonly GraphNode[],
  dInputs: readonly GraphNode[],
): ConditionalInputs | undefined {
  const generatorLabelAt = gInputs.findIndex(isLabelInput);
  const discriminatorLabelAt = dInputs.findIndex(isLabelInput);
  if (generatorLabelAt < 0 || discriminatorLabelAt < 0) return undefined;
  const classes = labelClasses(graph, 'generator') ?? labelClasses(graph, 'discriminator') ?? 0;
  return { classes, generatorLabelAt, discriminatorLabelAt };
}

/** DW134 unless the label Embeddings know exactly the dataset's classes. */
export function checkDatasetClasses(
  conditional: ConditionalInputs,
  classes: readonly string[] | null,
  dataset: string,
): void {
  const have = classes?.length ?? 0;
  if (have < 2) {
    const has = have === 0 ? 'none' : 'one class';
    throw new DeepwireError('DW134', `a conditional GAN needs class labels, but ${dataset} has ${has}`, 'dataset');
  }
  if (conditional.classes !== have) {
    throw new DeepwireError(
      'DW134',
      `the label Embeddings know ${conditional.classes} classes, but ${dataset} has ${have}: ` +
        `set their vocabulary size to ${have}`,
      'graph',
    );
  }
}

/** The model's inputs: `main` (noise or image) and, when conditional, the labels at their position. */
export function feed(
  main: tf.Tensor,
  labels: tf.Tensor | undefined,
  labelAt: number | undefined,
): tf.Tensor | tf.Tensor[] {
  if (!labels || labelAt === undefined) return main;
  return labelAt === 0 ? [labels, main] : [main, labels];
}

/** `batch` class ids drawn uniformly from 0..classes−1, as an int32 [batch, 1] tensor; seeded. */
export function sampleLabels(classes: number, batch: number, seed: number): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf
        .randomUniform([batch, 1], 0, classes, 'float32', seed)
        .floor()
        .minimum(classes - 1)
        .toInt() as tf.Tensor2D,
  );
}

/** 0, 1, …, classes−1, 0, 1, … : `count` labels covering the classes evenly (for scores and sample grids). */
export function evenLabels(classes: number, count: number): tf.Tensor2D {
  return tf.tensor2d(
    Int32Array.from({ length: count }, (_, i) => i % classes),
    [count, 1],
    'int32',
  );
}
