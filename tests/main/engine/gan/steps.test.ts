import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { discriminatorLoss, generatorLoss, realTarget } from '../../../../src/main/engine/gan/losses.js';
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import { AdversarialSteps } from '../../../../src/main/engine/gan/step.js';
import { ganConfigSchema, type GanConfig } from '../../../../src/shared/training/config.js';
import { mlpGan, tinyDcgan } from './graphs.js';

beforeAll(async () => {
  await initBackend('wasm');
});

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));
const bce = (p: number, t: number) => -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
const value = (t: tf.Tensor) => t.dataSync()[0];
const settings = (over: Partial<GanConfig> = {}): GanConfig => ganConfigSchema.parse(over);
const snapshot = (model: tf.LayersModel) => model.trainableWeights.map((w) => Float32Array.from(w.read().dataSync()));
const changed = (a: Float32Array[], b: Float32Array[]) => a.some((w, i) => w.some((v, j) => v !== b[i][j]));

describe('GAN losses on logits', () => {
  const real = [1.5, -0.5];
  const fake = [-2, 0.3];

  it('vanilla: BCE with one-sided label smoothing moves only the real target', () => {
    expect(realTarget('vanilla', 0.1)).toBeCloseTo(0.9, 12);
    const expected = (s: number) =>
      real.reduce((a, r) => a + bce(sigmoid(r), 1 - s), 0) / 2 + fake.reduce((a, f) => a + bce(sigmoid(f), 0), 0) / 2;
    const [r, f] = [tf.tensor2d(real, [2, 1]), tf.tensor2d(fake, [2, 1])];
    expect(value(discriminatorLoss('vanilla', r, f, 0))).toBeCloseTo(expected(0), 5);
    expect(value(discriminatorLoss('vanilla', r, f, 0.1))).toBeCloseTo(expected(0.1), 5);
    expect(value(discriminatorLoss('vanilla', r, f, 0.1))).not.toBeCloseTo(expected(0), 3);
    // Non-saturating generator loss: −log σ(s_fake).
    expect(value(generatorLoss('vanilla', f))).toBeCloseTo((bce(sigmoid(-2), 1) + bce(sigmoid(0.3), 1)) / 2, 5);
  });

  it('least-squares and Wasserstein follow their formulas', () => {
    const [r, f] = [tf.tensor2d(real, [2, 1]), tf.tensor2d(fake, [2, 1])];
    const ls = (0.5 * ((1.5 - 0.8) ** 2 + (-0.5 - 0.8) ** 2)) / 2 + (0.5 * (4 + 0.09)) / 2;
    expect(value(discriminatorLoss('least-squares', r, f, 0.2))).toBeCloseTo(ls, 5);
    expect(value(generatorLoss('least-squares', f))).toBeCloseTo((0.5 * (9 + 0.49)) / 2, 5);
    expect(value(discriminatorLoss('wasserstein', r, f, 0.2))).toBeCloseTo(-0.85 - 0.5, 5);
    expect(value(generatorLoss('wasserstein', f))).toBeCloseTo(0.85, 5);
    expect(realTarget('wasserstein', 0.2)).toBe(1);
  });
});

describe('adversarial steps', () => {
  it('a D step updates only D, a G step only G, each with its own optimizer', () => {
    const m = compileGan(mlpGan({ hidden: 16, latent: 8 }), 'vanilla');
    const steps = new AdversarialSteps(m, settings());
    const real = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 3);
    const [g0, d0] = [snapshot(m.generator), snapshot(m.discriminator)];
    const d = steps.discriminatorStep(real, 1);
    const [g1, d1] = [snapshot(m.generator), snapshot(m.discriminator)];
    expect(changed(g0, g1)).toBe(false);
    expect(changed(d0, d1)).toBe(true);
    const g = steps.generatorStep(16, 2);
    expect(changed(g1, snapshot(m.generator))).toBe(true);
    expect(changed(d1, snapshot(m.discriminator))).toBe(false);
    expect([d.loss, d.real, d.fake, g.loss, g.fake].every(Number.isFinite)).toBe(true);
    expect(d.real).toBeGreaterThan(0);
    expect(d.real).toBeLessThan(1);
    expect(steps.generatorOptimizer).not.toBe(steps.discriminatorOptimizer);
    steps.dispose();
  });

  it('Wasserstein: the critic step clips every critic weight to ±clipValue', () => {
    const m = compileGan(mlpGan({ hidden: 16, latent: 8 }), 'wasserstein');
    const steps = new AdversarialSteps(
      m,
      settings({
        loss: 'wasserstein',
        clipValue: 0.01,
        discriminatorOptimizer: { name: 'rmsprop', learningRate: 0.05 },
      }),
    );
    const before = snapshot(m.discriminator).flatMap((w) => [...w]);
    expect(Math.max(...before.map(Math.abs))).toBeGreaterThan(0.01);
    const s = steps.discriminatorStep(tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 4), 1);
    const after = snapshot(m.discriminator).flatMap((w) => [...w]);
    expect(Math.max(...after.map(Math.abs))).toBeLessThanOrEqual(0.01 + 1e-7);
    // Clipped weights pile up on the bounds.
    expect(after.filter((v) => Math.abs(Math.abs(v) - 0.01) < 1e-7).length).toBeGreaterThan(after.length / 4);
    expect(Number.isFinite(s.loss)).toBe(true);
    // The generator's Wasserstein loss is −mean critic score on fakes.
    const g = steps.generatorStep(16, 2);
    expect(g.loss).toBeCloseTo(-g.fake, 5);
    steps.dispose();
  });

  it('WGAN-GP: double backprop through conv, transposed conv, leaky_relu, BatchNorm and Dropout runs and trains', () => {
    const m = compileGan(tinyDcgan(), 'wasserstein-gp');
    const steps = new AdversarialSteps(
      m,
      settings({ loss: 'wasserstein-gp', discriminatorOptimizer: { name: 'adam', learningRate: 0.001 } }),
    );
    const real = tf.randomUniform([8, 8, 8, 1], -1, 1, 'float32', 5);
    const d0 = snapshot(m.discriminator);
    const s = steps.discriminatorStep(real, 1);
    expect(Number.isFinite(s.loss)).toBe(true);
    expect(changed(d0, snapshot(m.discriminator))).toBe(true);
    // No clipping with a gradient penalty.
    expect(Math.max(...snapshot(m.discriminator).flatMap((w) => [...w].map(Math.abs)))).toBeGreaterThan(0.01);
    expect(Number.isFinite(steps.generatorStep(8, 2).loss)).toBe(true);
    steps.dispose();
  });
  it('stepPair = a D update on G(z) then a G update through the new D on the same z (one G forward fewer)', () => {
    const real = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 6);
    const pair = compileGan(mlpGan({ hidden: 16, latent: 8 }), 'vanilla', { seed: 3 });
    const apart = compileGan(mlpGan({ hidden: 16, latent: 8 }), 'vanilla', { seed: 3 });
    const a = new AdversarialSteps(pair, settings({ labelSmoothing: 0.1 }));
    const b = new AdversarialSteps(apart, settings({ labelSmoothing: 0.1 }));
    const together = a.stepPair([real], 40); // D on z(41), then G on z(41)
    const d = b.discriminatorStep(real, 41);
    const g = b.generatorStep(16, 41);
    expect(together.d.loss).toBeCloseTo(d.loss, 5);
    expect(together.g.loss).toBeCloseTo(g.loss, 5);
    for (const [x, y] of [
      [pair.generator, apart.generator],
      [pair.discriminator, apart.discriminator],
    ]) {
      const [wx, wy] = [snapshot(x), snapshot(y)];
      for (let i = 0; i < wx.length; i++)
        for (let j = 0; j < wx[i].length; j += 97) expect(wx[i][j]).toBeCloseTo(wy[i][j], 5);
    }
    a.dispose();
    b.dispose();
  });

  it('stepPair with k = 3 makes three D updates per G update, also for WGAN-GP', () => {
    const m = compileGan(tinyDcgan(), 'wasserstein-gp');
    const steps = new AdversarialSteps(m, settings({ loss: 'wasserstein-gp', discriminatorSteps: 3 }));
    const batches = [1, 2, 3].map((s) => tf.randomUniform([4, 8, 8, 1], -1, 1, 'float32', s));
    const { d, g } = steps.stepPair(batches, 9);
    expect([d.loss, d.real, d.fake, g.loss, g.fake].every(Number.isFinite)).toBe(true);
    // Adam counts its updates: three on D, one on G.
    const iterations = (o: tf.Optimizer) => (o as unknown as { iterations: number }).iterations;
    expect(iterations(steps.discriminatorOptimizer)).toBe(3);
    expect(iterations(steps.generatorOptimizer)).toBe(1);
    steps.dispose();
  });
});
