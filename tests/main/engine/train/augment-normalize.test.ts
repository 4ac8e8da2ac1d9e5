/**
 * Training for real with the random augmentations and Normalization: the augmentations run while training
 * (and leave prediction alone), Normalization's mean and variance are set from the training data before the
 * first step (Keras's adapt()) and stay fixed, and the model still separates its classes.
 */
import { describe, expect, it } from 'vitest';
import { decodeWeights } from '../../../../src/shared/project/weights.js';
import { imageFolder, tempDir } from '../../../fixtures/datasets/make.js';
import { Graph } from '../helpers/graph.js';
import { done, runTraining } from './helpers.js';

describe('training with augmentations and Normalization', () => {
  it('an image folder trains through RandomFlip, RandomRotation, RandomZoom and an adapted Normalization', async () => {
    const root = imageFolder(tempDir(), 20);
    const g = new Graph();
    const x = g.add('Input', { shape: [8, 8, 3] });
    const aug = g.add(
      'RandomZoom',
      { heightFactor: 0.1 },
      g.add('RandomRotation', { factor: 0.05 }, g.add('RandomFlip', { mode: 'horizontal' }, x)),
    );
    const norm = g.add('Normalization', {}, aug);
    g.add('Dense', { units: 2, activation: 'softmax' }, g.add('Flatten', {}, norm));
    const run = await runTraining({
      graph: g.doc,
      dataset: { source: 'image-folder', path: root, size: [8, 8], channels: 3 },
      training: { epochs: 15, batchSize: 8, optimizer: { name: 'adam', learningRate: 0.05 } },
    });
    const end = done(run);
    const trainSize = run.of('started')[0].dataset.trainSize;
    expect(end.metrics.testAccuracy).toBe(1);

    const weights = new Map(decodeWeights(end.weights!, g.doc).map((t) => [t.name, t]));
    const mean = Array.from(weights.get(`${norm}/mean`)!.values);
    const variance = Array.from(weights.get(`${norm}/variance`)!.values);
    // Bright (~200/255) and dark (~30/255) images in equal numbers: per-channel means in between, spread > 0.
    expect(mean).toHaveLength(3);
    for (const m of mean) expect(m).toBeGreaterThan(0.2);
    for (const m of mean) expect(m).toBeLessThan(0.8);
    for (const v of variance) expect(v).toBeGreaterThan(0.01);
    // Every pixel of every training image, as Keras counts them.
    expect(weights.get(`${norm}/count`)!.values[0]).toBe(trainSize * 64);
  });
});
