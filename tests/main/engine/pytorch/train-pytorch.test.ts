/**
 * The PyTorch backend for real: the source CNN learns MNIST in one epoch and
 * its weights come back in Deepwire's layout (a TF.js model built from them
 * predicts what PyTorch predicted); the LSTM example trains with pause,
 * resume and stop; the events are the TF.js engine's.
 */
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGraph } from '../../../../src/main/engine/compile/compile.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { evaluateTest } from '../../../../src/main/engine/train/evaluate.js';
import { applyWeightsBlob } from '../../../../src/main/engine/weights.js';
import { trainingEventSchema, type EventOf } from '../../../../src/shared/training/protocol.js';
import { regressionCsv, tempDir } from '../../../fixtures/datasets/make.js';
import { regressor } from '../helpers/graph.js';
import { example } from '../train/examples.js';
import { done } from '../train/helpers.js';
import { mnistSubset, NO_TORCH, runTorch, TORCH_PYTHON } from './helpers.js';

// 2,000 of the first 2,700 digits (the rest: validation and a 270-image test split) keep CI short on
// 2 cores; the issue's 5,000-sample run on all of MNIST (≥ 0.90) is in docs/backends.md.
const CNN_LIMIT = 2000;
const DIGITS = 2700;

describe.skipIf(!TORCH_PYTHON)(`PyTorch backend${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('trains the source CNN on MNIST to > 0.85 in one epoch; the weights come back in TF.js layout', async () => {
    const dataset = { source: 'idx' as const, ...mnistSubset(DIGITS) };
    const spec = { ...example('mnist-cnn'), dataset, overrides: { limit: CNN_LIMIT, epochs: 1 } };
    const run = await runTorch(spec);
    const end = done(run);
    for (const e of run.events) expect(trainingEventSchema.safeParse(e).success).toBe(true);
    const started = run.of('started')[0];
    expect(started.backend.chosen).toBe('pytorch');
    expect(started.backend.device).toBe('cpu');
    expect(started.dataset.trainSize).toBe(CNN_LIMIT);
    const batches = run.of('batch');
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.at(-1)).toMatchObject({ epoch: 1, batch: started.batchesPerEpoch });
    expect(batches.at(-1)!.samplesPerSecond).toBeGreaterThan(0);
    expect(batches.at(-1)!.memoryMB).toBeGreaterThan(10);
    const epoch = run.of('epoch')[0];
    expect(epoch.logs.val_accuracy).toBeGreaterThan(0.8);
    expect(epoch.logs.loss).toBeLessThan(batches[0].loss);
    const evaluation = run.of('evaluation')[0].evaluation;
    if (evaluation.task !== 'classification') throw new Error('a classifier');
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(DIGITS / 10);
    expect(evaluation.misclassified.length).toBeGreaterThan(0);
    expect(evaluation.misclassified[0].image?.width).toBe(28);
    expect(end).toMatchObject({ backend: 'pytorch', reason: 'completed', epochsCompleted: 1 });
    expect(end.metrics.testAccuracy).toBeGreaterThan(0.85);
    expect(end.preprocessing).toEqual({ scaling: 'pixels' });

    // The trained weights in the project's form: a TF.js model built from them scores as PyTorch did.
    await initBackend('wasm');
    const ds = await loadDataset(
      { ...dataset, validationSplit: 0.1, seed: 42 },
      { kind: 'classifier', limit: CNN_LIMIT },
    );
    const { model } = compileGraph(spec.graph, { projectKind: 'classifier', sampleShape: ds.summary.sampleShape });
    applyWeightsBlob([model], end.weights!, spec.graph);
    const tfjs = await evaluateTest({ model, ds, loss: 'categoricalCrossentropy', classes: 10, inputDtype: 'float32' });
    model.dispose();
    if (tfjs.task !== 'classification') throw new Error('a classifier');
    expect(Math.abs(tfjs.testAccuracy - evaluation.testAccuracy)).toBeLessThanOrEqual(1 / 270);
    expect(tfjs.testLoss).toBeCloseTo(evaluation.testLoss, 3);
  }, 240_000);

  it('trains the LSTM example briefly, pausing, resuming and stopping between batches', async () => {
    // Many more epochs than the stopped run takes, so the pause reaches Python before a loaded machine lets it finish.
    const spec = { ...example('lstm-mnist-rows'), overrides: { limit: 640, epochs: 50, batchSize: 32 } };
    let asked = false;
    const run = await runTorch(spec, (e, control) => {
      if (e.type === 'batch' && !asked) {
        asked = true;
        control.pause();
      }
      if (e.type === 'paused') setTimeout(() => control.resume(), 200);
      if (e.type === 'resumed') control.stop();
    });
    const end = done(run);
    const types = run.events.map((e) => e.type);
    expect(types.indexOf('paused')).toBeGreaterThan(types.indexOf('started'));
    expect(types.indexOf('resumed')).toBeGreaterThan(types.indexOf('paused'));
    const paused = run.of('paused')[0];
    expect(end.reason).toBe('stopped');
    // Stopped at the next batch boundary: the epochs finished before the pause count.
    expect(end.epochsCompleted).toBe(paused.epoch - 1);
    expect(run.of('epoch')).toHaveLength(paused.epoch - 1);
    expect(Number.isFinite(end.metrics.testLoss)).toBe(true);
    const lstm = (end.weights as { specs: { name: string; shape: number[] }[] }).specs.find((s) =>
      s.name.endsWith('recurrent_kernel'),
    );
    expect(lstm?.shape[1]).toBe(4 * lstm!.shape[0]); // Keras's LSTM layout: (units, 4 · units), gates i, f, c, o
  }, 180_000);

  it('trains the sine regressor (SimpleRNN) and reports MAE/RMSE and predicted-vs-actual in data units', async () => {
    const run = await runTorch({ ...example('simple-rnn'), kind: 'regressor', overrides: { epochs: 2 } });
    const end = done(run);
    const evaluation = run.of('evaluation')[0].evaluation;
    if (evaluation.task !== 'regression') throw new Error('a regressor');
    expect(evaluation.series.actual.length).toBe(evaluation.series.predicted.length);
    expect(evaluation.rmse).toBeGreaterThanOrEqual(evaluation.mae);
    expect(end.metrics.testMae).toBe(evaluation.mae);
    expect(run.of('epoch')[1].logs.val_mae).toBeDefined();
    expect(end.preprocessing?.scaling).toBe('zscore');
  }, 120_000);

  it('reports a loss that becomes NaN as DW501 at the batch where it happened', async () => {
    const file = regressionCsv(tempDir(), 400);
    const run = await runTorch({
      kind: 'regressor',
      graph: regressor(3),
      dataset: { source: 'csv', path: file, labelColumn: 'y', normalize: false },
      training: { loss: 'meanSquaredError', epochs: 5, optimizer: { name: 'sgd', learningRate: 10 } },
    });
    const last = run.last as EventOf<'error'>;
    expect(last).toMatchObject({ type: 'error', code: 'DW501' });
    expect(last.where).toMatch(/^epoch 1, batch \d+$/);
    expect(last.message).toMatch(/the loss became (NaN|Infinity) at epoch 1, batch \d+/);
    expect(run.of('started')).toHaveLength(1);
  }, 120_000);
});
