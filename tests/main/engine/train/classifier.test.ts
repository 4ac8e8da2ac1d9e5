import { describe, expect, it } from 'vitest';
import { weightsSchema } from '../../../../src/shared/project/weights-schema.js';
import { Graph, mlp } from '../helpers/graph.js';
import { imageFolder, tempDir } from '../../../fixtures/datasets/make.js';
import { example } from './examples.js';
import { done, runTraining } from './helpers.js';

describe('training classifiers for real', () => {
  it('an MLP on 3,000 MNIST digits reaches > 85% test accuracy in 2 epochs, with the full report', async () => {
    const run = await runTraining({
      graph: mlp(64),
      dataset: { source: 'mnist' },
      training: { epochs: 2, optimizer: { name: 'adam', learningRate: 0.003 } },
      overrides: { limit: 3000 },
    });
    const end = done(run);
    const [started] = run.of('started');
    expect(started.dataset).toMatchObject({
      trainSize: 3000,
      validationSize: 333,
      testSize: 10000,
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    });
    expect(started.backend.chosen).toBe('wasm');
    expect(started.batchesPerEpoch).toBe(47);

    const epochs = run.of('epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1].logs.loss).toBeLessThan(epochs[0].logs.loss);
    expect(epochs[1].logs.val_accuracy).toBeGreaterThan(0.8);
    // Batch events are rate-limited, but the last batch of every epoch is reported.
    const batches = run.of('batch');
    expect(batches.length).toBeLessThanOrEqual(2 * 47);
    expect(batches.filter((b) => b.batch === 47).map((b) => b.epoch)).toEqual([1, 2]);
    expect(batches.every((b) => b.samplesPerSecond > 0 && b.memoryMB > 0 && b.etaSeconds >= 0)).toBe(true);

    const [{ evaluation }] = run.of('evaluation');
    if (evaluation.task !== 'classification') throw new Error('expected a classification report');
    expect(evaluation.testAccuracy).toBeGreaterThan(0.85);
    expect(evaluation.confusion.flat().reduce((a, v) => a + v, 0)).toBe(10000);
    const diagonal = evaluation.confusion.reduce((a, row, i) => a + row[i], 0);
    expect(diagonal / 10000).toBeCloseTo(evaluation.testAccuracy, 10);
    expect(evaluation.perClassAccuracy).toHaveLength(10);
    expect(evaluation.misclassified).toHaveLength(8);
    for (const m of evaluation.misclassified) {
      expect(m.trueLabel).not.toBe(m.predictedLabel);
      expect(m.image).toMatchObject({ width: 28, height: 28, channels: 1 });
      expect(m.image!.data).toHaveLength(784);
    }
    expect(end).toMatchObject({ reason: 'completed', backend: 'wasm', epochsCompleted: 2 });
    expect(end.metrics.testAccuracy).toBe(evaluation.testAccuracy);
    expect(weightsSchema.safeParse(end.weights).success).toBe(true);
  });

  it('the same seed trains to the same numbers', async () => {
    const spec = { graph: mlp(16), dataset: { source: 'mnist' as const }, overrides: { limit: 300 } };
    const a = done(await runTraining(spec));
    const b = done(await runTraining(spec));
    expect(b.metrics).toEqual(a.metrics);
  });

  it('the LSTM example learns MNIST rows (28 steps × 28 features)', async () => {
    const run = await runTraining({
      ...example('lstm-mnist-rows'),
      overrides: { limit: 3000, epochs: 2, learningRate: 0.005 },
    });
    const end = done(run);
    expect(run.of('started')[0].dataset.sampleShape).toEqual([28, 28]);
    expect(end.metrics.testAccuracy).toBeGreaterThan(0.6);
  });

  it('the source CNN example: 2,000 samples, 1 epoch, best backend → > 85% test accuracy', async () => {
    const run = await runTraining({ ...example('mnist-cnn'), backend: 'auto', overrides: { limit: 2000, epochs: 1 } });
    const end = done(run);
    expect(end.metrics.testAccuracy).toBeGreaterThan(0.85);
  });

  it('an image folder (PNG and JPEG, resized to 8×8 RGB) trains to separate its two classes', async () => {
    const root = imageFolder(tempDir(), 20);
    const g = new Graph();
    g.add('Dense', { units: 2, activation: 'softmax' }, g.add('Flatten', {}, g.add('Input', { shape: [8, 8, 3] })));
    const run = await runTraining({
      graph: g.doc,
      dataset: { source: 'image-folder', path: root, size: [8, 8], channels: 3 },
      training: { epochs: 15, batchSize: 8, optimizer: { name: 'adam', learningRate: 0.05 } },
    });
    const end = done(run);
    expect(run.of('started')[0].dataset).toMatchObject({
      classes: ['bright', 'dark'],
      testSize: 4,
      sampleShape: [8, 8, 3],
    });
    expect(end.metrics.testAccuracy).toBe(1);
    const [{ evaluation }] = run.of('evaluation');
    expect(evaluation.task === 'classification' && evaluation.confusion).toEqual([
      [expect.any(Number), 0],
      [0, expect.any(Number)],
    ]);
  });
});
