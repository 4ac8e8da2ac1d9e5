import { describe, expect, it } from 'vitest';
import { regressor } from '../helpers/graph.js';
import { regressionCsv, tempDir } from '../../../fixtures/datasets/make.js';
import { example } from './examples.js';
import { done, runTraining } from './helpers.js';

describe('training regressors for real', () => {
  it('a CSV regression converges: the loss falls and the test error is small in data units', async () => {
    const file = regressionCsv(tempDir(), 400);
    const run = await runTraining({
      kind: 'regressor',
      graph: regressor(3),
      dataset: { source: 'csv', path: file, labelColumn: 'y' },
      training: {
        loss: 'meanSquaredError',
        epochs: 30,
        batchSize: 32,
        optimizer: { name: 'adam', learningRate: 0.01 },
      },
    });
    const end = done(run);
    const epochs = run.of('epoch');
    expect(epochs).toHaveLength(30);
    expect(epochs[29].logs.loss).toBeLessThan(epochs[0].logs.loss / 10);
    expect(epochs[29].logs.val_loss).toBeLessThan(0.05);
    const [{ evaluation }] = run.of('evaluation');
    if (evaluation.task !== 'regression') throw new Error('expected a regression report');
    // y = 3a - 2b + 0.5c + 10 spans about 40 units; a good fit is well under one unit off.
    expect(evaluation.mae).toBeLessThan(1);
    expect(evaluation.rmse).toBeGreaterThanOrEqual(evaluation.mae);
    expect(evaluation.series.actual).toHaveLength(40);
    expect(evaluation.series.predicted).toHaveLength(40);
    const maxErr = Math.max(...evaluation.series.actual.map((a, i) => Math.abs(a - evaluation.series.predicted[i])));
    expect(maxErr).toBeLessThan(3);
    expect(end.metrics.testMae).toBe(evaluation.mae);
    expect(end.preprocessing).toMatchObject({ scaling: 'zscore' });
    expect(end.preprocessing!.mean).toHaveLength(3);
  });

  it('every optimizer and regression loss trains, with a step schedule and Huber', async () => {
    const file = regressionCsv(tempDir(), 200);
    for (const [optimizer, loss] of [
      ['sgd', 'huber'],
      ['momentum', 'meanAbsoluteError'],
      ['rmsprop', 'meanSquaredError'],
      ['adagrad', 'huber'],
    ] as const) {
      const run = await runTraining({
        kind: 'regressor',
        graph: regressor(3),
        dataset: { source: 'csv', path: file, labelColumn: 'y' },
        training: {
          loss,
          epochs: 6,
          batchSize: 16,
          optimizer: { name: optimizer, learningRate: 0.05 },
          schedule: { kind: 'step', every: 2, factor: 0.5 },
        },
      });
      done(run);
      const epochs = run.of('epoch');
      expect(epochs.map((e) => e.logs.lr)).toEqual([0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125]);
      expect(epochs[5].logs.loss, `${optimizer} + ${loss}`).toBeLessThan(epochs[0].logs.loss);
    }
  });

  it('the SimpleRNN example forecasts its sine series', async () => {
    const run = await runTraining({ ...example('simple-rnn'), overrides: { epochs: 4 } });
    const end = done(run);
    const [started] = run.of('started');
    expect(started.dataset.sampleShape).toEqual([10, 1]);
    const epochs = run.of('epoch');
    expect(epochs[3].logs.loss).toBeLessThan(epochs[0].logs.loss);
    // The series swings over about ±1; a useful forecast is off by a small fraction of that.
    expect(end.metrics.testMae).toBeLessThan(0.2);
  });

  it('stops early when the validation loss stops improving', async () => {
    const file = regressionCsv(tempDir(), 200);
    const run = await runTraining({
      kind: 'regressor',
      graph: regressor(3),
      dataset: { source: 'csv', path: file, labelColumn: 'y' },
      // Steps this tiny vanish in float32 rounding: val_loss never improves after epoch 1, so patience runs out.
      training: {
        loss: 'meanSquaredError',
        epochs: 50,
        optimizer: { name: 'sgd', learningRate: 1e-12 },
        earlyStopping: { patience: 2, monitor: 'val_loss' },
      },
    });
    const end = done(run);
    expect(end.reason).toBe('early-stopping');
    expect(end.epochsCompleted).toBe(3);
  });
});
