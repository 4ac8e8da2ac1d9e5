/**
 * CycleGAN runs (Zhu et al. 2017): the GAN trainer hands a document with the
 * four CycleGAN groups here. Loads the two domains, compiles G, F, D_A and
 * D_B, measures the untrained held-out translation error, trains epochs of
 * steps (each: one generator update of both G and F, then one update of each
 * discriminator on history-buffered fakes), with the learning rates constant
 * for the first `decayStart` of the run and then falling linearly to 0, and
 * ends with `done` carrying all four models' weights and both translation
 * errors.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../../shared/errors.js';
import { seededRandom } from '../../../../shared/random.js';
import { ganConfigSchema } from '../../../../shared/training/config.js';
import { cycleConfigSchema } from '../../../../shared/training/cycle.js';
import type { EpochLogs, FinalMetrics, ParsedRunRequest, TrainingEvent } from '../../../../shared/training/protocol.js';
import { chooseBackend } from '../../train/backend.js';
import { type RunSignal, yieldToEvents } from '../../train/control.js';
import { Progress, memoryMB } from '../../train/progress.js';
import { applyWeightsBlob, modelWeightsBlob } from '../../weights.js';
import { generatorOutputScaling } from '../train-gan.js';
import { DomainBatches } from './batches.js';
import { loadCycleDomains } from './domains.js';
import { compileCycle, cycleModelList } from './models.js';
import { CycleSteps, type CycleLosses } from './step.js';
import { heldoutTranslationMae, TranslationGrid } from './translations.js';

type Emit = (event: TrainingEvent) => void;

/** Linear decay to 0 over the part of the run after `start` (a fraction of `total` steps). */
export function decayedRate(base: number, step: number, total: number, start: number): number {
  const from = Math.floor(total * start);
  if (step <= from || total <= from) return base;
  return base * Math.max(0, (total - step) / (total - from));
}

class LossMeans {
  private sums: Record<keyof CycleLosses, number> = { dA: 0, dB: 0, g: 0, cycle: 0, identity: 0, dReal: 0, dFake: 0 };
  private n = 0;

  add(l: CycleLosses): void {
    for (const k of Object.keys(this.sums) as (keyof CycleLosses)[]) this.sums[k] += l[k];
    this.n++;
  }

  take(): CycleLosses {
    const n = Math.max(1, this.n);
    const out = Object.fromEntries(Object.entries(this.sums).map(([k, v]) => [k, v / n])) as unknown as CycleLosses;
    for (const k of Object.keys(this.sums) as (keyof CycleLosses)[]) this.sums[k] = 0;
    this.n = 0;
    return out;
  }
}

const checkFinite = (l: CycleLosses, step: number): void => {
  for (const [k, v] of Object.entries(l)) {
    if (!Number.isFinite(v))
      throw new DeepwireError('DW501', `the CycleGAN ${k} loss became ${v} at step ${step}`, `step ${step}`);
  }
};

export async function runCycleGan(req: ParsedRunRequest, emit: Emit, signal: RunSignal): Promise<void> {
  const { project, overrides } = req;
  const gan = ganConfigSchema.parse(project.gan ?? {});
  const cycle = cycleConfigSchema.parse(gan.cycle ?? {});
  const backend = await chooseBackend(req.backend);
  const t0 = performance.now();
  // A run's limit overrides the project's (the studio sets the project's, the CLI's --limit the run's).
  const data = await loadCycleDomains(cycle, overrides.limit ?? project.dataset.limit);
  const loadSeconds = (performance.now() - t0) / 1000;
  const seed = project.training.seed;
  const models = compileCycle(project.graph, { seed, sampleShape: data.image });
  const all = cycleModelList(models);
  const rates = {
    generator: overrides.learningRate ?? gan.generatorOptimizer.learningRate,
    discriminator: overrides.learningRate ?? gan.discriminatorOptimizer.learningRate,
  };
  const steps = new CycleSteps(models, cycle, rates, seededRandom(seed + 50_021));
  const grid = new TranslationGrid(data, models.range);
  try {
    if (req.initialWeights) applyWeightsBlob(all, req.initialWeights, project.graph);
    const epochs = overrides.epochs ?? project.training.epochs;
    const batchSize = overrides.batchSize ?? project.training.batchSize;
    const batchesA = new DomainBatches(data.a, data.image, models.range, batchSize, seed);
    const batchesB = new DomainBatches(data.b, data.image, models.range, batchSize, seed + 1);
    const stepsPerEpoch = Math.max(1, Math.floor(Math.min(data.a.count, data.b.count) / batchSize));
    const total = epochs * stepsPerEpoch;
    emit({
      type: 'started',
      runId: req.runId,
      backend,
      dataset: {
        name: data.name,
        task: 'classification',
        sampleShape: [...data.image],
        classes: null,
        trainSize: data.a.count + data.b.count,
        validationSize: 0,
        testSize: data.heldout?.a.count ?? 0,
        fromCache: false,
        loadSeconds,
      },
      model: {
        params: all.reduce((s, m) => s + m.countParams(), 0),
        layers: all.reduce((s, m) => s + m.layers.length, 0),
      },
      epochs,
      batchSize,
      batchesPerEpoch: stepsPerEpoch,
    });
    for (const message of [...data.notes, ...models.notes]) emit({ type: 'log', level: 'info', message });
    const untrained = heldoutTranslationMae(models, data, models.range);
    if (untrained !== undefined) {
      emit({
        type: 'log',
        level: 'info',
        message: `Held-out translation error before training: mean |G(a) − T(a)| = ${untrained.toFixed(4)}.`,
      });
    }
    const emitGrid = (epoch: number, step: number) => {
      const g = grid.snapshot(models);
      emit({ type: 'samples', epoch, step, grid: g.pixels, rows: g.rows, columns: g.columns });
    };

    const progress = new Progress(total);
    const sinceEvent = new LossMeans();
    let step = 0;
    let epochsCompleted = 0;
    let last: EpochLogs | undefined;
    let reason: 'completed' | 'stopped' = 'completed';
    emitGrid(1, 0);
    run: for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochMeans = new LossMeans();
      const started = performance.now();
      let lastSampled = -1;
      for (let batch = 1; batch <= stepsPerEpoch; batch++) {
        await yieldToEvents();
        if (signal.pauseRequested) {
          emit({ type: 'paused', epoch, batch: batch - 1 });
          await signal.whilePaused();
          if (!signal.stopRequested) emit({ type: 'resumed' });
        }
        if (signal.stopRequested) {
          reason = 'stopped';
          break run;
        }
        const ts = performance.now();
        step++;
        steps.setRates(
          decayedRate(rates.generator, step, total, cycle.decayStart),
          decayedRate(rates.discriminator, step, total, cycle.decayStart),
        );
        const a = batchesA.next();
        const b = batchesB.next();
        const losses = steps.step(a, b);
        tf.dispose([a, b]);
        checkFinite(losses, step);
        progress.step(1, (performance.now() - ts) / 1000);
        sinceEvent.add(losses);
        epochMeans.add(losses);
        if (progress.shouldEmit(batch === stepsPerEpoch)) {
          const m = sinceEvent.take();
          emit({
            type: 'gan-batch',
            epoch,
            batch,
            batchesPerEpoch: stepsPerEpoch,
            step,
            dLoss: (m.dA + m.dB) / 2,
            gLoss: m.g,
            dReal: m.dReal,
            dFake: m.dFake,
            dALoss: m.dA,
            dBLoss: m.dB,
            cycleLoss: m.cycle,
            identityLoss: m.identity,
            stepsPerSecond: progress.samplesPerSecond(),
            etaSeconds: progress.etaSeconds(),
            memoryMB: memoryMB(),
          });
        }
        if (step % gan.sampleEvery === 0) {
          emitGrid(epoch, step);
          lastSampled = step;
        }
      }
      if (lastSampled !== step) emitGrid(epoch, step);
      const m = epochMeans.take();
      const mae = heldoutTranslationMae(models, data, models.range);
      last = {
        loss: (m.dA + m.dB) / 2,
        lr: decayedRate(rates.generator, step, total, cycle.decayStart),
        d_loss: (m.dA + m.dB) / 2,
        g_loss: m.g,
        d_real: m.dReal,
        d_fake: m.dFake,
        d_a_loss: m.dA,
        d_b_loss: m.dB,
        cycle_loss: m.cycle,
        identity_loss: m.identity,
        ...(mae !== undefined ? { heldout_translation_mae: mae } : {}),
      };
      epochsCompleted = epoch;
      const seconds = (performance.now() - started) / 1000;
      emit({
        type: 'epoch',
        epoch,
        epochs,
        logs: last,
        samplesPerSecond: (stepsPerEpoch * batchSize) / Math.max(seconds, 1e-9),
        seconds,
      });
    }
    const mae = heldoutTranslationMae(models, data, models.range);
    const metrics: FinalMetrics = {
      ...(last ? { loss: last.loss } : {}),
      ...(mae !== undefined ? { heldout_translation_mae: mae } : {}),
      ...(untrained !== undefined ? { heldout_translation_mae_untrained: untrained } : {}),
    };
    emit({
      type: 'done',
      reason,
      backend: backend.chosen,
      epochsCompleted,
      metrics,
      samplesPerSecond: progress.samplesPerSecond() * batchSize,
      seconds: progress.totalSeconds,
      weights: modelWeightsBlob(all, project.graph),
      preprocessing: generatorOutputScaling(models.range),
    });
  } finally {
    grid.dispose();
    steps.dispose();
    for (const m of all) m.dispose();
  }
}
