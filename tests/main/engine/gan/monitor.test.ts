import { describe, expect, it } from 'vitest';
import { GanMonitor, StepMeans } from '../../../../src/main/engine/gan/monitor.js';
import { meanPairwiseDistance } from '../../../../src/main/engine/gan/samples.js';

const healthy = { d: { loss: 1.2, real: 0.6, fake: 0.4 }, g: { loss: 0.9, fake: 0.4 } };
const dWins = { d: { loss: 0.01, real: 0.995, fake: 0.004 }, g: { loss: 6, fake: 0.003 } };

describe('GAN monitor', () => {
  it('warns once when the discriminator wins outright for a whole window, after the warm-up', () => {
    const m = new GanMonitor('vanilla', 0.4, { window: 50, warmup: 100 });
    const warnings: { step: number; message: string }[] = [];
    for (let step = 1; step <= 400; step++) {
      const s = step < 150 || step > 300 ? healthy : dWins;
      const w = m.observeStep(step, s.d, s.g);
      if (w) warnings.push({ step, message: w.message });
    }
    // Domination starts at 150; the EMAs need a few steps to cross the limits, then 50 steps must pass.
    expect(warnings).toHaveLength(1);
    expect(warnings[0].step).toBeGreaterThan(200);
    expect(warnings[0].step).toBeLessThan(260); // ≈ 40 steps for the EMA of D(G(z)) to fall from 0.4 below 0.05, then the window
    expect(warnings[0].message).toMatch(/D\(G\(z\)\) ≈ 0\.0/);
  });

  it('re-arms after the run recovers, and never fires during the warm-up', () => {
    const m = new GanMonitor('vanilla', 0.4, { window: 20, warmup: 100 });
    let count = 0;
    for (let step = 1; step <= 500; step++) {
      const s = step <= 90 || (step > 250 && step <= 400) ? dWins : healthy;
      if (m.observeStep(step, s.d, s.g)) count++;
    }
    expect(count).toBe(1); // 1–90 is warm-up; the second stretch (251–400) warns
  });

  it('has no "D wins" warning for a Wasserstein critic', () => {
    const m = new GanMonitor('wasserstein', 0.4, { window: 5, warmup: 0 });
    for (let step = 1; step < 100; step++)
      expect(m.observeStep(step, { loss: -50, real: 40, fake: -40 }, { loss: 40, fake: -40 })).toBeUndefined();
  });

  it('warns on collapsed samples relative to the spread of real images', () => {
    const m = new GanMonitor('vanilla', 0.4, { warmup: 100 });
    expect(m.observeDiversity(50, 0.01)).toBeUndefined(); // warm-up: untrained generators look collapsed
    expect(m.observeDiversity(200, 0.3)).toBeUndefined();
    expect(m.observeDiversity(300, 0.05)?.warning).toBe('mode-collapse');
    expect(m.observeDiversity(400, 0.05)).toBeUndefined(); // once
    m.observeDiversity(500, 0.3);
    expect(m.observeDiversity(600, 0.02)?.message).toMatch(/step 600/);
  });
});

describe('mean pairwise distance', () => {
  it('is 0 for identical images and the RMS difference otherwise', () => {
    expect(meanPairwiseDistance([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], 3, 2)).toBe(0);
    // Pairs: (0,1) rms 1, (0,2) rms 0.5, (1,2) rms 0.5 → mean 2/3.
    expect(meanPairwiseDistance([0, 0, 1, 1, 0.5, 0.5], 3, 2)).toBeCloseTo(2 / 3, 12);
  });
});

describe('step means', () => {
  it('averages since the last take', () => {
    const s = new StepMeans();
    s.add(healthy.d, healthy.g);
    s.add(dWins.d, dWins.g);
    expect(s.take()).toEqual({
      d_loss: (1.2 + 0.01) / 2,
      g_loss: (0.9 + 6) / 2,
      d_real: (0.6 + 0.995) / 2,
      d_fake: (0.4 + 0.004) / 2,
    });
    expect(s.count).toBe(0);
  });
});
