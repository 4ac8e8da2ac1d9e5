import { describe, expect, it } from 'vitest';
import type { EpochLogs } from '../../../../src/shared/training/protocol.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { shouldStopEarly } from '../../../../src/main/engine/train/loop.js';
import { makeOptimizer, scheduledRate, setLearningRate } from '../../../../src/main/engine/train/optimizers.js';
import { MIN_BATCH_EVENT_MS, Progress } from '../../../../src/main/engine/train/progress.js';

describe('learning-rate schedules', () => {
  it('step multiplies by the factor every N epochs; cosine goes from the base to the minimum', () => {
    const step = { kind: 'step' as const, every: 2, factor: 0.5 };
    expect([1, 2, 3, 4, 5].map((e) => scheduledRate(step, 0.1, e, 5))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
    const cosine = { kind: 'cosine' as const, minLearningRate: 0.001 };
    expect(scheduledRate(cosine, 0.1, 1, 5)).toBeCloseTo(0.1, 10);
    expect(scheduledRate(cosine, 0.1, 3, 5)).toBeCloseTo(0.0505, 10);
    expect(scheduledRate(cosine, 0.1, 5, 5)).toBeCloseTo(0.001, 10);
    expect(scheduledRate({ kind: 'constant' }, 0.1, 9, 10)).toBe(0.1);
  });

  it('changes the rate of every optimizer in place', () => {
    for (const name of ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad'] as const) {
      const opt = makeOptimizer(name, 0.1);
      setLearningRate(opt, 0.02);
      expect((opt.getConfig() as { learningRate: number }).learningRate).toBe(0.02);
    }
  });
});

describe('early stopping', () => {
  const logs = (vals: number[]): EpochLogs[] =>
    vals.map((v) => ({ loss: 1, lr: 0.1, val_loss: v, val_accuracy: 1 - v }));
  it('stops after `patience` epochs without improving on the best', () => {
    const cfg = { patience: 2, monitor: 'val_loss' as const };
    expect(shouldStopEarly(cfg, logs([0.5, 0.4, 0.45]))).toBe(false);
    expect(shouldStopEarly(cfg, logs([0.5, 0.4, 0.45, 0.41]))).toBe(true);
    expect(shouldStopEarly(cfg, logs([0.5, 0.4, 0.45, 0.39]))).toBe(false);
    expect(shouldStopEarly({ patience: 1, monitor: 'val_accuracy' }, logs([0.5, 0.6]))).toBe(true);
    expect(shouldStopEarly(undefined, logs([0.5, 0.6, 0.7]))).toBe(false);
  });
});

describe('progress', () => {
  it('limits batch events to one per 50 ms but always lets the last batch of an epoch through', () => {
    const p = new Progress(1000);
    expect(p.shouldEmit(false, 0)).toBe(true);
    expect(p.shouldEmit(false, MIN_BATCH_EVENT_MS - 1)).toBe(false);
    expect(p.shouldEmit(true, MIN_BATCH_EVENT_MS - 1)).toBe(true);
    expect(p.shouldEmit(false, 2 * MIN_BATCH_EVENT_MS)).toBe(true);
  });

  it('measures throughput after the warm-up batch and the time left', () => {
    const p = new Progress(1000);
    p.step(100, 10); // warm-up: slow
    p.step(100, 0.1);
    p.step(100, 0.1);
    expect(p.samplesPerSecond()).toBeCloseTo(1000, 6);
    expect(p.etaSeconds()).toBeCloseTo(0.7, 6);
  });
});

describe('run control', () => {
  it('holds a paused run until resume or stop', async () => {
    const c = new RunControl();
    expect(c.pauseRequested).toBe(false);
    c.pause();
    let released = false;
    const wait = c.whilePaused().then(() => (released = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(released).toBe(false);
    c.resume();
    await wait;
    expect(released).toBe(true);
    c.pause();
    const again = c.whilePaused();
    c.stop();
    await again;
    expect(c.stopRequested).toBe(true);
    expect(c.pauseRequested).toBe(false);
  });
});
