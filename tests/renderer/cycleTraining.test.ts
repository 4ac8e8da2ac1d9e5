/** CycleGAN runs in the studio (issue #13): its losses reach the step curves, its translation grids the timeline. */
import { describe, expect, it } from 'vitest';
import { createTrainingStore } from '../../src/renderer/stores/trainingStore.js';
import { applyTrainingEvent } from '../../src/renderer/training/ingest.js';
import { trainingEventSchema, type TrainingEvent } from '../../src/shared/training/protocol.js';

// Events are checked against the engine protocol's schema, so the test feeds what the engine may send.
const ev = (e: unknown): TrainingEvent => trainingEventSchema.parse(e);

const cycleStep = (step: number) =>
  ev({
    type: 'gan-batch',
    epoch: 1,
    batch: step,
    batchesPerEpoch: 10,
    step,
    logs: {
      d_loss: 0.3,
      g_loss: 1.5,
      d_real: 0.6,
      d_fake: 0.2,
      d_a_loss: 0.25,
      d_b_loss: 0.35,
      cycle_loss: 0.4 / step,
      identity_loss: 0.1,
    },
    stepsPerSecond: 5,
    etaSeconds: 2,
    memoryMB: 100,
  });

const grid = (step: number, value: number) =>
  ev({
    type: 'samples',
    epoch: 1,
    step,
    rows: 1,
    columns: 6,
    grid: { width: 6, height: 1, channels: 1, data: Array<number>(6).fill(value) },
  });

describe('a CycleGAN run in the training store', () => {
  it('keeps D_A, D_B, G, cycle and identity losses per step', () => {
    const store = createTrainingStore();
    store.getState().begin('c1');
    for (let step = 1; step <= 4; step += 1) applyTrainingEvent(store, 'c1', cycleStep(step));
    const steps = store.getState().ganSteps;
    expect(steps.length).toBe(4);
    expect(steps.last('d_a_loss')).toBeCloseTo(0.25);
    expect(steps.last('d_b_loss')).toBeCloseTo(0.35);
    expect(steps.last('g_loss')).toBeCloseTo(1.5);
    expect(steps.series('cycle_loss')).toEqual(Float64Array.from([0.4, 0.2, 0.4 / 3, 0.1]));
    expect(steps.last('identity_loss')).toBeCloseTo(0.1);
    expect(store.getState().progress).toMatchObject({ rateUnit: 'steps', batch: 4 });
  });

  it('keeps the held-out translation error per epoch and the translation grids as a timeline', () => {
    const store = createTrainingStore();
    store.getState().begin('c1');
    applyTrainingEvent(store, 'c1', grid(5, 10));
    applyTrainingEvent(store, 'c1', grid(10, 200));
    const logs = {
      loss: 0.3,
      lr: 2e-4,
      d_a_loss: 0.25,
      d_b_loss: 0.35,
      cycle_loss: 0.2,
      identity_loss: 0.1,
      heldout_translation_mae: 0.41,
    };
    applyTrainingEvent(store, 'c1', ev({ type: 'epoch', epoch: 1, epochs: 1, logs, samplesPerSecond: 40, seconds: 2 }));
    const s = store.getState();
    expect(s.samples.map((g) => [g.step, g.grid.data[0]])).toEqual([
      [5, 10],
      [10, 200],
    ]);
    expect(s.epochs.last('heldout_translation_mae')).toBeCloseTo(0.41);
  });

  it('a plain GAN run has no CycleGAN values', () => {
    const store = createTrainingStore();
    store.getState().begin('g1');
    const plain = { type: 'gan-batch', epoch: 1, batch: 1, batchesPerEpoch: 1, step: 1 };
    applyTrainingEvent(
      store,
      'g1',
      ev({
        ...plain,
        logs: { d_loss: 1, g_loss: 1, d_real: 0.5, d_fake: 0.5 },
        stepsPerSecond: 1,
        etaSeconds: 0,
        memoryMB: 1,
      }),
    );
    expect(store.getState().ganSteps.hasValues('cycle_loss')).toBe(false);
  });
});
