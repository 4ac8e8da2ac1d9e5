import { describe, expect, it } from 'vitest';
import { SeriesBuffer } from '../../src/renderer/stores/seriesBuffer.js';
import { createTrainingStore } from '../../src/renderer/stores/trainingStore.js';
import { applyTrainingEvent } from '../../src/renderer/training/ingest.js';
import { trainingEventSchema, type TrainingEvent } from '../../src/shared/training/protocol.js';

// Events are checked against the engine protocol's schema, so the test feeds what the engine may send.
const ev = (e: unknown): TrainingEvent => trainingEventSchema.parse(e);

const started = ev({
  type: 'started',
  runId: 'r1',
  backend: { chosen: 'wasm', kernelPack: true, threads: 1, probes: [] },
  dataset: {
    name: 'mnist',
    task: 'classification',
    sampleShape: [28, 28, 1],
    classes: ['0', '1'],
    trainSize: 100,
    validationSize: 10,
    testSize: 20,
    fromCache: true,
    loadSeconds: 0.1,
  },
  model: { params: 693962, layers: 6 },
  epochs: 2,
  batchSize: 10,
  batchesPerEpoch: 10,
});
const batch = (epoch: number, b: number, loss: number) =>
  ev({
    type: 'batch',
    epoch,
    batch: b,
    batchesPerEpoch: 10,
    loss,
    accuracy: 1 - loss,
    samplesPerSecond: 500,
    etaSeconds: 3,
    memoryMB: 100,
  });

describe('series buffer', () => {
  it('grows in place past its capacity and keeps every value', () => {
    const b = new SeriesBuffer(['x', 'y'] as const, 4);
    for (let i = 0; i < 10_000; i += 1) b.append({ x: i, y: i * 2 });
    expect(b.length).toBe(10_000);
    expect(b.view('y')[9_999]).toBe(19_998);
    expect(b.view('x')).toBeInstanceOf(Float64Array);
  });

  it('gives charts nulls for missing values, and the typed view otherwise', () => {
    const b = new SeriesBuffer(['x', 'y'] as const, 4);
    b.append({ x: 1, y: 2 });
    b.append({ x: 2 });
    expect(b.series('x')).toBeInstanceOf(Float64Array);
    expect(b.series('y')).toEqual([2, null]);
    expect(b.hasValues('y')).toBe(true);
    b.clear();
    expect(b.length).toBe(0);
    expect(b.series('y')).toBeInstanceOf(Float64Array);
  });
});

describe('training store and events', () => {
  it('a run: started, batches, epochs, evaluation, done', () => {
    const store = createTrainingStore();
    store.getState().begin('r1');
    expect(store.getState().phase).toBe('starting');
    applyTrainingEvent(store, 'r1', started);
    expect(store.getState().phase).toBe('running');
    expect(store.getState().backend?.chosen).toBe('wasm');
    for (let b = 1; b <= 10; b += 1) applyTrainingEvent(store, 'r1', batch(1, b, 1 / b));
    applyTrainingEvent(
      store,
      'r1',
      ev({
        type: 'epoch',
        epoch: 1,
        epochs: 2,
        logs: { loss: 0.3, accuracy: 0.9, val_loss: 0.35, val_accuracy: 0.88, lr: 0.001 },
        samplesPerSecond: 500,
        seconds: 1,
      }),
    );
    applyTrainingEvent(store, 'r1', batch(2, 3, 0.05));
    const s = store.getState();
    expect(s.batches.length).toBe(11);
    expect(s.batches.last('step')).toBe(13);
    expect(s.epochs.last('val_accuracy')).toBeCloseTo(0.88);
    expect(s.progress).toMatchObject({
      epoch: 2,
      epochs: 2,
      batch: 3,
      batchesPerEpoch: 10,
      rate: 500,
      rateUnit: 'samples',
      etaSeconds: 3,
    });
    expect(s.curveVersion).toBeGreaterThan(11);
    applyTrainingEvent(
      store,
      'r1',
      ev({
        type: 'evaluation',
        evaluation: {
          task: 'classification',
          testLoss: 0.2,
          testAccuracy: 0.9,
          classes: ['0', '1'],
          confusion: [
            [9, 1],
            [1, 9],
          ],
          perClassAccuracy: [0.9, 0.9],
          misclassified: [],
        },
      }),
    );
    expect(store.getState().evaluation?.task).toBe('classification');
    applyTrainingEvent(
      store,
      'r1',
      ev({
        type: 'done',
        reason: 'completed',
        backend: 'wasm',
        epochsCompleted: 2,
        metrics: { testAccuracy: 0.9 },
        samplesPerSecond: 500,
        seconds: 2,
        weights: null,
      }),
    );
    expect(store.getState().phase).toBe('finished');
    expect(store.getState().progress?.etaSeconds).toBe(0);
  });

  it('pause, resume, stop and errors set the phase', () => {
    const store = createTrainingStore();
    store.getState().begin('r1');
    applyTrainingEvent(store, 'r1', started);
    applyTrainingEvent(store, 'r1', ev({ type: 'paused', epoch: 1, batch: 2 }));
    expect(store.getState().phase).toBe('paused');
    applyTrainingEvent(store, 'r1', ev({ type: 'resumed' }));
    expect(store.getState().phase).toBe('running');
    applyTrainingEvent(
      store,
      'r1',
      ev({
        type: 'done',
        reason: 'stopped',
        backend: 'wasm',
        epochsCompleted: 0,
        metrics: {},
        samplesPerSecond: 1,
        seconds: 1,
        weights: null,
      }),
    );
    expect(store.getState().phase).toBe('stopped');
    store.getState().begin('r2');
    applyTrainingEvent(
      store,
      'r2',
      ev({ type: 'error', code: 'DW501', message: 'loss became NaN at epoch 1, batch 3' }),
    );
    expect(store.getState().phase).toBe('failed');
    expect(store.getState().error).toMatch(/^DW501 Loss became NaN/);
  });

  it('ignores events of another run and adopts the run id when the start reply is late', () => {
    const store = createTrainingStore();
    store.getState().begin('r2');
    applyTrainingEvent(store, 'r1', batch(1, 1, 0.5));
    expect(store.getState().batches.length).toBe(0);
    store.getState().begin(null);
    applyTrainingEvent(store, 'r3', started);
    expect(store.getState().runId).toBe('r3');
    applyTrainingEvent(store, 'r3', batch(1, 1, 0.5));
    expect(store.getState().batches.length).toBe(1);
  });

  it('GAN steps fill their own curves, progress counts steps/s, warnings are kept', () => {
    const store = createTrainingStore();
    store.getState().begin('g');
    for (let step = 1; step <= 3; step += 1) {
      applyTrainingEvent(
        store,
        'g',
        ev({
          type: 'gan-batch',
          epoch: 1,
          batch: step,
          batchesPerEpoch: 10,
          step,
          logs: { d_loss: 1.2 / step, g_loss: 0.7 * step, d_real: 0.6, d_fake: 0.4 },
          stepsPerSecond: 4.5,
          etaSeconds: 2,
          memoryMB: 50,
        }),
      );
    }
    applyTrainingEvent(
      store,
      'g',
      ev({ type: 'gan-warning', warning: 'mode-collapse', step: 3, message: 'samples are nearly identical' }),
    );
    applyTrainingEvent(
      store,
      'g',
      ev({
        type: 'epoch',
        epoch: 1,
        epochs: 1,
        logs: { loss: 0.4, d_loss: 0.4, g_loss: 2.1, frechet: 80.5, lr: 0.0002 },
        samplesPerSecond: 300,
        seconds: 1,
      }),
    );
    const s = store.getState();
    expect(s.ganSteps.length).toBe(3);
    expect(s.ganSteps.last('g_loss')).toBeCloseTo(2.1);
    expect(s.batches.length).toBe(0);
    expect(s.progress).toMatchObject({ rate: 4.5, rateUnit: 'steps', batch: 3 });
    expect(s.epochs.last('frechet')).toBeCloseTo(80.5);
    expect(s.warnings).toEqual(['Step 3: samples are nearly identical']);
  });

  it('keeps GAN sample grids as a timeline and the log', () => {
    const store = createTrainingStore();
    store.getState().begin('g');
    const grid = { width: 2, height: 2, channels: 1, data: [0, 64, 128, 255] };
    for (let step = 0; step < 3; step += 1)
      applyTrainingEvent(store, 'g', ev({ type: 'samples', epoch: 1, step, grid, rows: 1, columns: 1 }));
    applyTrainingEvent(store, 'g', ev({ type: 'log', level: 'warning', message: 'the discriminator wins outright' }));
    expect(store.getState().samples.map((s) => s.step)).toEqual([0, 1, 2]);
    expect(store.getState().log).toEqual(['Warning: the discriminator wins outright']);
    store.getState().reset();
    expect(store.getState().samples).toEqual([]);
    expect(store.getState().phase).toBe('idle');
  });
});

describe('store separation', () => {
  it('training updates never notify the graph store (the canvas does not re-render for a chart)', async () => {
    const { freshEditor, buildSourceCnn } = await import('./helpers.js');
    const ed = freshEditor();
    buildSourceCnn(ed);
    let graphNotifications = 0;
    const off = ed.ctx.graph.subscribe(() => (graphNotifications += 1));
    ed.ctx.training.getState().begin('r1');
    applyTrainingEvent(ed.ctx.training, 'r1', started);
    for (let b = 1; b <= 1000; b += 1) applyTrainingEvent(ed.ctx.training, 'r1', batch(1, (b % 10) + 1, 1 / b));
    off();
    expect(ed.ctx.training.getState().batches.length).toBe(1000);
    expect(graphNotifications).toBe(0);
  });
});
