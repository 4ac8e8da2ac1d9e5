/**
 * GAN projects on the PyTorch backend (deepwire_gan.py under runPytorch):
 * - parity: from the same seeded weights, noise and real batches, the MLP GAN's first 20 steps have the TF.js
 *   engine's D and G losses within 1e-3 relative (one step per epoch, so every epoch's means are one step's);
 * - the DCGAN trains a few dozen steps on 400 digits: finite losses, grids, both models' weights back in the
 *   project's form, and a TF.js generator built from them draws the grid PyTorch drew last;
 * - a conditional GAN: one grid row per class, Fréchet score and conditional accuracy;
 * - a CycleGAN: the first step agrees with TF.js, then grids, the held-out translation error, four models back;
 * - a semi-supervised GAN: its first steps, test accuracy and supervised baseline agree with TF.js;
 * - a NaN is DW501 at its step; several processes are refused.
 */
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import { FixedNoiseSamples } from '../../../../src/main/engine/gan/samples.js';
import { GRID_SEED_OFFSET } from '../../../../src/main/engine/gan/loop.js';
import { AdversarialSteps } from '../../../../src/main/engine/gan/step.js';
import { runGan, type GanRunOptions } from '../../../../src/main/engine/gan/train-gan.js';
import { runPytorch } from '../../../../src/main/engine/pytorch/train-pytorch.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import * as tf from '@tensorflow/tfjs';
import { applyWeightsBlob, modelWeightsBlob } from '../../../../src/main/engine/weights.js';
import type { WeightsBlob } from '../../../../src/shared/project/weights-schema.js';
import { isDeepwireError } from '../../../../src/shared/errors.js';
import { ganConfigSchema, type GanConfig } from '../../../../src/shared/training/config.js';
import {
  runRequestSchema,
  trainingEventSchema,
  type EventOf,
  type TrainingEvent,
} from '../../../../src/shared/training/protocol.js';
import { example } from '../train/examples.js';
import { collect, done, request, type Collected, type RunSpec } from '../train/helpers.js';
import { mnistSubset, NO_TORCH, TORCH_PYTHON } from './helpers.js';

const STEPS = 20;
const QUICK_SCORE: GanRunOptions = { quality: { trainImages: 2000, epochs: 1, sampleSize: 200 } };

interface GanSpec extends RunSpec {
  gan?: Partial<GanConfig>;
  initialWeights?: WeightsBlob;
}

function parsed(spec: GanSpec, backend: 'pytorch' | 'wasm') {
  const base = request({ ...spec, kind: 'gan', backend });
  const project = { ...base.project, gan: { ...spec.gan } };
  return runRequestSchema.parse({ ...base, project, python: TORCH_PYTHON, device: 'cpu', nprocPerNode: 1 });
}

/** One GAN run on PyTorch (or on TF.js with backend 'wasm'); a thrown DeepwireError becomes its error event. */
async function runGanOn(
  backend: 'pytorch' | 'wasm',
  spec: GanSpec,
  opts: GanRunOptions = { quality: false },
  onEvent?: (e: TrainingEvent, c: RunControl) => void,
  nprocPerNode = 1,
): Promise<Collected> {
  const events: TrainingEvent[] = [];
  const control = new RunControl();
  const emit = (e: TrainingEvent) => {
    events.push(trainingEventSchema.parse(e));
    onEvent?.(e, control);
  };
  const req = { ...parsed(spec, backend), nprocPerNode, initialWeights: spec.initialWeights };
  try {
    await (backend === 'pytorch' ? runPytorch(req, emit, control, opts) : runGan(req, emit, control, opts));
  } catch (e) {
    if (!isDeepwireError(e)) throw e;
    emit({ type: 'error', code: e.code, message: e.detail, ...(e.where ? { where: e.where } : {}) });
  }
  return collect(events);
}

const mlp = (gan: Partial<GanConfig> = {}, overrides: RunSpec['overrides'] = {}): GanSpec => ({
  ...example('mlp-gan'),
  dataset: { source: 'idx', ...mnistSubset(100) },
  gan: { sampleEvery: 100, ...gan },
  overrides,
});

function maxRelative(a: number[], b: number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]) / Math.abs(b[i])));
}

describe.skipIf(!TORCH_PYTHON)(`GAN projects on PyTorch${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('the MLP GAN: 20 steps of D and G losses agree with TF.js within 1e-3 relative', async () => {
    // Batch size above the ~80 training digits: the whole split is one batch, one step per epoch.
    const spec = mlp({}, { limit: 100, batchSize: 512, epochs: STEPS });
    const tfjs = (await runGanOn('wasm', spec)).of('epoch').map((e) => e.logs);
    const torch = (await runGanOn('pytorch', spec)).of('epoch').map((e) => e.logs);
    expect(torch).toHaveLength(STEPS);
    expect(tfjs).toHaveLength(STEPS);
    const d = maxRelative(
      torch.map((l) => l.d_loss!),
      tfjs.map((l) => l.d_loss!),
    );
    const g = maxRelative(
      torch.map((l) => l.g_loss!),
      tfjs.map((l) => l.g_loss!),
    );
    expect(d).toBeLessThan(1e-3);
    expect(g).toBeLessThan(1e-3);
    expect(tfjs[STEPS - 1].d_loss!).toBeLessThan(tfjs[0].d_loss!); // the steps do learn
  }, 180_000);

  it('the DCGAN trains a few dozen steps: finite losses, grids, weights a TF.js generator draws the same grid with', async () => {
    const dataset = { source: 'idx' as const, ...mnistSubset(300) };
    const spec: GanSpec = {
      ...example('dcgan-mnist'),
      dataset,
      gan: { sampleEvery: 10 },
      overrides: { limit: 300, batchSize: 16, epochs: 2 },
    };
    const run = await runGanOn('pytorch', spec);
    const end = done(run);
    const started = run.of('started')[0];
    expect(started.backend.chosen).toBe('pytorch');
    expect(end).toMatchObject({ backend: 'pytorch', reason: 'completed', epochsCompleted: 2 });
    const epochs = run.of('epoch');
    expect(epochs).toHaveLength(2);
    for (const e of epochs)
      for (const k of ['d_loss', 'g_loss', 'd_real', 'd_fake'] as const) expect(Number.isFinite(e.logs[k])).toBe(true);
    expect(run.of('gan-batch').length).toBeGreaterThan(0);
    const grids = run.of('samples');
    expect(grids[0]).toMatchObject({ step: 0, rows: 8, columns: 8 });
    expect(grids.at(-1)!.step).toBe(2 * started.batchesPerEpoch);
    expect(end.preprocessing).toMatchObject({ scaling: 'none' });

    // The weights in the project's form: TF.js's generator draws PyTorch's last grid from the same z.
    await initBackend('wasm');
    const gan = ganConfigSchema.parse({});
    const models = compileGan(spec.graph, gan.loss, { seed: 42, sampleShape: [28, 28, 1] });
    applyWeightsBlob([models.generator, models.discriminator], end.weights!, spec.graph);
    const samples = new FixedNoiseSamples(models, 42 + GRID_SEED_OFFSET, [28, 28, 1]);
    const steps = new AdversarialSteps(models, gan);
    const grid = samples.snapshot(steps);
    const last = grids.at(-1)!;
    const tfjsPixels = grid.pixels.data;
    expect(tfjsPixels).toHaveLength(last.grid.data.length);
    const differ = tfjsPixels.filter((v, i) => Math.abs(v - last.grid.data[i]) > 2).length;
    expect(differ / tfjsPixels.length).toBeLessThan(0.001);
    samples.dispose();
    steps.dispose();
    models.generator.dispose();
    models.discriminator.dispose();
  }, 240_000);

  it('a conditional GAN: one grid row per class, Fréchet score and conditional accuracy per epoch', async () => {
    const spec: GanSpec = {
      ...example('cdcgan-mnist'),
      dataset: { source: 'idx', ...mnistSubset(300) },
      overrides: { limit: 300, batchSize: 64, epochs: 1 },
    };
    const run = await runGanOn('pytorch', spec, QUICK_SCORE);
    const end = done(run);
    expect(run.of('samples')[0]).toMatchObject({ rows: 10, columns: 10 });
    const logs = run.of('epoch')[0].logs;
    expect(Number.isFinite(logs.frechet)).toBe(true);
    expect(logs.conditional_accuracy).toBeGreaterThanOrEqual(0);
    expect(logs.conditional_accuracy).toBeLessThanOrEqual(1);
    expect(end.metrics.conditional_accuracy).toBe(logs.conditional_accuracy);
  }, 240_000);

  it('pauses, resumes and stops between steps; a loss that overflows is DW501 at its step', async () => {
    let asked = false;
    // Far more steps than a stopped run takes: Python runs ahead while Node, under load, is still reading the
    // first step's event, so a short run could end before the pause, resume and stop reach it.
    const long = mlp({}, { limit: 100, batchSize: 16, epochs: 400 });
    const paused = await runGanOn('pytorch', long, undefined, (e, c) => {
      if (e.type === 'gan-batch' && !asked) {
        asked = true;
        c.pause();
      }
      if (e.type === 'paused') setTimeout(() => c.resume(), 100);
      if (e.type === 'resumed') c.stop();
    });
    const types = paused.events.map((e) => e.type);
    expect(types.indexOf('resumed')).toBeGreaterThan(types.indexOf('paused'));
    expect(done(paused)).toMatchObject({ reason: 'stopped' });
    expect(done(paused).weights).toBeDefined();

    // Initial weights that overflow float32 in the discriminator's second layer: the first step's loss is not finite.
    const spec = mlp({ loss: 'least-squares' }, { limit: 100, epochs: 5 });
    await initBackend('cpu');
    const models = compileGan(spec.graph, 'least-squares', { seed: 42, sampleShape: [28, 28, 1] });
    const dense = models.discriminator.getLayer('dense_2');
    dense.setWeights(dense.getWeights().map((w) => tf.fill(w.shape, 1e30)));
    const initialWeights = modelWeightsBlob([models.generator, models.discriminator], spec.graph);
    models.generator.dispose();
    models.discriminator.dispose();
    const nan = await runGanOn('pytorch', { ...spec, initialWeights });
    const last = nan.last as EventOf<'error'>;
    expect(last).toMatchObject({ type: 'error', code: 'DW501' });
    expect(last.message).toMatch(/^the (discriminator|generator) loss became (NaN|Infinity) at step \d+$/);
  }, 180_000);

  it('a CycleGAN: the four losses of the first step agree with TF.js; grids, held-out error, four models back', async () => {
    const base = example('cyclegan-mnist');
    const project = parsed({ ...base }, 'wasm').project;
    const spec: GanSpec = {
      ...base,
      gan: { ...project.gan, cycle: { ...project.gan!.cycle!, heldout: 50 } },
      overrides: { limit: 40, batchSize: 20, epochs: 1 },
    };
    const tfjs = await runGanOn('wasm', spec);
    const torch = await runGanOn('pytorch', { ...spec, overrides: { ...spec.overrides, epochs: 2 } });
    const end = done(torch);
    expect(end).toMatchObject({ backend: 'pytorch', reason: 'completed', epochsCompleted: 2 });
    const [first, second] = torch.of('epoch').map((e) => e.logs);
    const reference = tfjs.of('epoch')[0].logs;
    for (const k of ['d_a_loss', 'd_b_loss', 'g_loss', 'cycle_loss', 'identity_loss'] as const)
      expect(Math.abs(first[k]! - reference[k]!) / Math.abs(reference[k]!)).toBeLessThan(1e-4);
    expect(Number.isFinite(second.heldout_translation_mae)).toBe(true);
    expect(end.metrics.heldout_translation_mae_untrained).toBeCloseTo(
      done(tfjs).metrics.heldout_translation_mae_untrained!,
      6,
    );
    expect(torch.of('samples')[0]).toMatchObject({ step: 0, columns: 6 });
    expect((end.weights as { specs: unknown[] }).specs.length).toBe(
      (done(tfjs).weights as { specs: unknown[] }).specs.length,
    );
  }, 240_000);

  it('a semi-supervised GAN: the steps, its test accuracy and the supervised baseline’s agree with TF.js', async () => {
    // The whole labelled-and-unlabelled split is one batch: one step per epoch, each epoch's means one step's.
    // Dropout at rate 0: the two engines draw their dropout masks from different generators.
    const base = example('sgan-mnist');
    const graph = {
      ...base.graph,
      nodes: base.graph.nodes.map((n) => (n.kind === 'Dropout' ? { ...n, params: { ...n.params, rate: 0 } } : n)),
    };
    const spec: GanSpec = {
      ...base,
      graph,
      dataset: { ...base.dataset, source: 'idx', ...mnistSubset(300), labelledLimit: 40 },
      gan: { ...parsed(base, 'wasm').project.gan, semiSupervised: true, sampleEvery: 100 },
      overrides: { limit: 300, batchSize: 512, epochs: 6 },
    };
    const tfjs = await runGanOn('wasm', spec);
    const torch = await runGanOn('pytorch', spec);
    const [t, p] = [tfjs, torch].map((r) => r.of('epoch').map((e) => e.logs));
    expect(p).toHaveLength(6);
    for (const k of ['d_loss', 'g_loss'] as const)
      expect(
        maxRelative(
          p.map((l) => l[k]!),
          t.map((l) => l[k]!),
        ),
        k,
      ).toBeLessThan(1e-3);
    const [mt, mp] = [done(tfjs).metrics, done(torch).metrics];
    expect(done(torch)).toMatchObject({ backend: 'pytorch', reason: 'completed' });
    // Argmax over the same logits to float rounding: the same predictions but for a near tie (one of 30).
    expect(Math.abs(mp.testAccuracy! - mt.testAccuracy!)).toBeLessThanOrEqual(1 / 30 + 1e-9);
    expect(Math.abs(mp.supervised_baseline_accuracy! - mt.supervised_baseline_accuracy!)).toBeLessThanOrEqual(
      1 / 30 + 1e-9,
    );
    expect(mp.testAccuracy).toBeGreaterThan(0.1);
    const logs = torch.of('log').map((e) => e.message);
    expect(logs.some((m) => /first 40 labels/.test(m))).toBe(true);
    expect(logs.some((m) => /^Test accuracy from 40 labels: semi-supervised GAN [\d.]+%/.test(m))).toBe(true);
  }, 240_000);

  it('refuses several processes for a GAN (DW533) before starting Python', async () => {
    const two = await runGanOn('pytorch', mlp(), undefined, undefined, 2);
    expect(two.last).toMatchObject({ type: 'error', code: 'DW533' });
  }, 60_000);
});
