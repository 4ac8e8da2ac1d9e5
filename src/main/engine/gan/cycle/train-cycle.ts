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
import type {
  EpochLogs,
  FinalMetrics,
  GanStepLogs,
  ParsedRunRequest,
  TrainingEvent,
} from '../../../../shared/training/protocol.js';
import { chooseBackend } from '../../train/backend.js';
import { stopBetweenSteps, type RunSignal } from '../../train/control.js';
import { applyWeightsBlob } from '../../weights.js';
import { emitDone, logNotes, startedFields, StepEvents, type RunShape } from '../run-events.js';
import { DomainBatches } from './batches.js';
import { loadCycleDomains, type CycleDomainData } from './domains.js';
import { compileCycle, cycleModelList } from './models.js';
import { CycleSteps, type CycleLosses } from './step.js';
import { heldoutTranslationMae, TranslationGrid } from './translations.js';

export type Emit = (event: TrainingEvent) => void;

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

/** The four losses (and D's outputs) named as the logs name them; d_loss is the two discriminators' mean. */
const stepLogs = (m: CycleLosses): GanStepLogs => ({
  d_loss: (m.dA + m.dB) / 2,
  g_loss: m.g,
  d_real: m.dReal,
  d_fake: m.dFake,
  d_a_loss: m.dA,
  d_b_loss: m.dB,
  cycle_loss: m.cycle,
  identity_loss: m.identity,
});

const checkFinite = (l: CycleLosses, step: number): void => {
  for (const [k, v] of Object.entries(l)) {
    if (!Number.isFinite(v))
      throw new DeepwireError('DW501', `the CycleGAN ${k} loss became ${v} at step ${step}`, `step ${step}`);
  }
};

/**
 * The events of a CycleGAN run's steps and epochs, whichever engine computed them (this trainer, or the
 * PyTorch runner through src/main/engine/pytorch): DW501 on a non-finite loss, rate-limited `gan-batch`
 * events with the four losses, and `epoch`.
 */
export class CycleReporter {
  readonly events: StepEvents;
  private readonly sinceEvent = new LossMeans();
  private epochMeans = new LossMeans();

  constructor(shape: RunShape, emit: Emit) {
    this.events = new StepEvents(shape, emit);
  }

  step(epoch: number, batch: number, step: number, losses: CycleLosses, seconds: number): void {
    checkFinite(losses, step);
    this.sinceEvent.add(losses);
    this.epochMeans.add(losses);
    this.events.step(epoch, batch, step, seconds, () => stepLogs(this.sinceEvent.take()));
  }

  /** Emits the epoch's means with the learning rate and the held-out translation error; starts the next epoch. */
  endEpoch(epoch: number, seconds: number, lr: number, mae: number | undefined): EpochLogs {
    const m = stepLogs(this.epochMeans.take());
    this.epochMeans = new LossMeans();
    return this.events.epoch(epoch, seconds, {
      loss: m.d_loss,
      lr,
      ...m,
      ...(mae !== undefined ? { heldout_translation_mae: mae } : {}),
    });
  }
}

/** The final metrics of a CycleGAN run: the last loss and the held-out translation errors before and after. */
export function cycleMetrics(
  last: EpochLogs | undefined,
  mae: number | undefined,
  untrained: number | undefined,
): FinalMetrics {
  return {
    ...(last ? { loss: last.loss } : {}),
    ...(mae !== undefined ? { heldout_translation_mae: mae } : {}),
    ...(untrained !== undefined ? { heldout_translation_mae_untrained: untrained } : {}),
  };
}

/** What the `started` event says of a CycleGAN's data. */
export function cycleDatasetSummary(data: CycleDomainData, loadSeconds: number) {
  return {
    name: data.name,
    task: 'classification' as const,
    sampleShape: [...data.image],
    classes: null,
    trainSize: data.a.count + data.b.count,
    validationSize: 0,
    testSize: data.heldout?.a.count ?? 0,
    fromCache: false,
    loadSeconds,
  };
}

/** After `started`: the notes of the data and the models, and the held-out translation error before training. */
export function cycleNotes(
  emit: Emit,
  data: CycleDomainData,
  models: { notes: readonly string[] },
  untrained: number | undefined,
): void {
  logNotes(emit, [...data.notes, ...models.notes]);
  if (untrained !== undefined)
    emit({
      type: 'log',
      level: 'info',
      message: `Held-out translation error before training: mean |G(a) − T(a)| = ${untrained.toFixed(4)}.`,
    });
}

/**
 * What a CycleGAN run starts from on either engine (this trainer, or the PyTorch runner): its settings, both
 * domains (timed), the four models with the run's initial weights, the learning rates and the epoch's steps.
 * Call it once a TF.js backend is ready; the caller disposes `all`.
 */
export async function prepareCycleRun(req: ParsedRunRequest) {
  const { project, overrides } = req;
  const gan = ganConfigSchema.parse(project.gan ?? {});
  const cycle = cycleConfigSchema.parse(gan.cycle ?? {});
  const t0 = performance.now();
  // A run's limit overrides the project's (the studio sets the project's, the CLI's --limit the run's).
  const data = await loadCycleDomains(cycle, overrides.limit ?? project.dataset.limit);
  const loadSeconds = (performance.now() - t0) / 1000;
  const seed = project.training.seed;
  const models = compileCycle(project.graph, { seed, sampleShape: data.image });
  const all = cycleModelList(models);
  try {
    if (req.initialWeights) applyWeightsBlob(all, req.initialWeights, project.graph);
  } catch (e) {
    for (const m of all) m.dispose();
    throw e;
  }
  const rates = {
    generator: overrides.learningRate ?? gan.generatorOptimizer.learningRate,
    discriminator: overrides.learningRate ?? gan.discriminatorOptimizer.learningRate,
  };
  const epochs = overrides.epochs ?? project.training.epochs;
  const batchSize = overrides.batchSize ?? project.training.batchSize;
  const stepsPerEpoch = Math.max(1, Math.floor(Math.min(data.a.count, data.b.count) / batchSize));
  return { gan, cycle, data, loadSeconds, seed, models, all, rates, epochs, batchSize, stepsPerEpoch };
}

export async function runCycleGan(req: ParsedRunRequest, emit: Emit, signal: RunSignal): Promise<void> {
  const { project } = req;
  const backend = await chooseBackend(req.backend);
  const { gan, cycle, data, loadSeconds, seed, models, all, rates, epochs, batchSize, stepsPerEpoch } =
    await prepareCycleRun(req);
  const steps = new CycleSteps(models, cycle, rates, seededRandom(seed + 50_021));
  const grid = new TranslationGrid(data, models.range);
  try {
    const batchesA = new DomainBatches(data.a, data.image, models.range, batchSize, seed);
    const batchesB = new DomainBatches(data.b, data.image, models.range, batchSize, seed + 1);
    const total = epochs * stepsPerEpoch;
    const shape = { epochs, stepsPerEpoch, batchSize };
    emit({ type: 'started', ...startedFields(req.runId, cycleDatasetSummary(data, loadSeconds), all, shape), backend });
    const untrained = heldoutTranslationMae(models, data, models.range);
    cycleNotes(emit, data, models, untrained);
    const emitGrid = (epoch: number, step: number) => {
      const g = grid.snapshot(models);
      emit({ type: 'samples', epoch, step, grid: g.pixels, rows: g.rows, columns: g.columns });
    };

    const reporter = new CycleReporter(shape, emit);
    let step = 0;
    let epochsCompleted = 0;
    let last: EpochLogs | undefined;
    let reason: 'completed' | 'stopped' = 'completed';
    emitGrid(1, 0);
    run: for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      let lastSampled = -1;
      for (let batch = 1; batch <= stepsPerEpoch; batch++) {
        if (await stopBetweenSteps(signal, emit, epoch, batch - 1)) {
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
        reporter.step(epoch, batch, step, losses, (performance.now() - ts) / 1000);
        if (step % gan.sampleEvery === 0) {
          emitGrid(epoch, step);
          lastSampled = step;
        }
      }
      if (lastSampled !== step) emitGrid(epoch, step);
      const mae = heldoutTranslationMae(models, data, models.range);
      const seconds = (performance.now() - started) / 1000;
      last = reporter.endEpoch(epoch, seconds, decayedRate(rates.generator, step, total, cycle.decayStart), mae);
      epochsCompleted = epoch;
    }
    const mae = heldoutTranslationMae(models, data, models.range);
    const end = { reason, backend: backend.chosen, epochsCompleted, metrics: cycleMetrics(last, mae, untrained) };
    emitDone(emit, reporter.events, end, all, project.graph, models.range);
  } finally {
    grid.dispose();
    steps.dispose();
    for (const m of all) m.dispose();
  }
}
