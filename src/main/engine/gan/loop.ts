/**
 * The adversarial training loop: epochs of steps, each step k discriminator
 * updates on fresh real batches and one generator update. Between steps it
 * honours pause/stop, stops on a non-finite loss (DW501), sends rate-limited
 * progress, fixed-noise grids every `sampleEvery` steps and at each epoch's
 * end, warnings, and per epoch the quality score.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { GanConfig } from '../../../shared/training/config.js';
import type { EpochLogs, TrainingEvent } from '../../../shared/training/protocol.js';
import type { QualityScorer } from '../quality/score.js';
import { type RunSignal, yieldToEvents } from '../train/control.js';
import { Progress, memoryMB } from '../train/progress.js';
import type { GanModels } from './models.js';
import { GanMonitor, StepMeans, type GanWarning } from './monitor.js';
import { sampleLatent } from './noise.js';
import type { RealBatches } from './real-batches.js';
import { FixedNoiseSamples, toUnitRange } from './samples.js';
import { conditionalAccuracy } from './conditional-quality.js';
import { evenLabels } from './conditional.js';
import type { AdversarialSteps } from './step.js';

export interface LoopContext {
  models: GanModels;
  steps: AdversarialSteps;
  real: RealBatches;
  gan: Pick<GanConfig, 'discriminatorSteps' | 'sampleEvery' | 'loss'>;
  epochs: number;
  stepsPerEpoch: number;
  seed: number;
  learningRate: number;
  scorer?: QualityScorer;
  /** Mean pairwise distance of real images (for the collapse check). */
  realDiversity: number;
  /** The dataset's image geometry, for grids. */
  image: readonly [number, number, 1 | 3];
}

export interface LoopResult {
  reason: 'completed' | 'stopped';
  epochsCompleted: number;
  steps: number;
  last?: EpochLogs;
  progress: Progress;
}

/** The fixed-noise grid's latent batch is drawn with the run's seed plus this. */
export const GRID_SEED_OFFSET = 7_919;
/** The quality score's latent batch likewise (the same z every epoch). */
export const SCORE_SEED_OFFSET = 99_991;

const finiteOr501 = (value: number, what: string, step: number): void => {
  if (!Number.isFinite(value))
    throw new DeepwireError('DW501', `the ${what} loss became ${value} at step ${step}`, `step ${step}`);
};

/**
 * Fréchet score of `count` generated images (a fixed latent batch, so epochs compare like with like); for a
 * conditional GAN the classes are requested evenly, and the feature network's accuracy on them is measured too.
 */
function scoreGenerator(ctx: LoopContext, scorer: QualityScorer): Pick<EpochLogs, 'frechet' | 'conditional_accuracy'> {
  const z = sampleLatent(ctx.models.latent, scorer.sampleSize, ctx.seed + SCORE_SEED_OFFSET);
  const classes = ctx.models.conditional?.classes;
  const labels = classes ? evenLabels(classes, scorer.sampleSize) : undefined;
  const images = tf.tidy(() =>
    toUnitRange(ctx.steps.sample(z, labels), ctx.models.range).reshape([-1, ...ctx.image]),
  ) as tf.Tensor4D;
  try {
    const frechet = scorer.score(images);
    return labels
      ? { frechet, conditional_accuracy: conditionalAccuracy(scorer.net.classifier, images, labels) }
      : { frechet };
  } finally {
    tf.dispose([z, images, ...(labels ? [labels] : [])]);
  }
}

export async function runGanLoop(
  ctx: LoopContext,
  emit: (e: TrainingEvent) => void,
  signal: RunSignal,
): Promise<LoopResult> {
  const { steps, real, gan, epochs, stepsPerEpoch } = ctx;
  const k = gan.discriminatorSteps;
  const progress = new Progress(epochs * stepsPerEpoch);
  const monitor = new GanMonitor(gan.loss, ctx.realDiversity);
  const samples = new FixedNoiseSamples(ctx.models, ctx.seed + GRID_SEED_OFFSET, ctx.image);
  const sinceEvent = new StepMeans();
  const warn = (w: GanWarning | undefined, step: number) =>
    w && emit({ type: 'gan-warning', warning: w.warning, step, message: w.message });
  const emitSamples = (epoch: number, step: number) => {
    const snap = samples.snapshot(steps);
    emit({ type: 'samples', epoch, step, grid: snap.pixels, rows: snap.rows, columns: snap.columns });
    warn(monitor.observeDiversity(step, snap.diversity), step);
  };
  let step = 0;
  let last: EpochLogs | undefined;
  let epochsCompleted = 0;
  try {
    emitSamples(1, 0);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochMeans = new StepMeans();
      const started = performance.now();
      let lastSampled = -1;
      for (let batch = 1; batch <= stepsPerEpoch; batch++) {
        await yieldToEvents();
        if (signal.pauseRequested) {
          emit({ type: 'paused', epoch, batch: batch - 1 });
          await signal.whilePaused();
          if (!signal.stopRequested) emit({ type: 'resumed' });
        }
        if (signal.stopRequested) return { reason: 'stopped', epochsCompleted, steps: step, last, progress };

        const t0 = performance.now();
        step++;
        const labelled = ctx.models.conditional ? Array.from({ length: k }, () => real.nextLabelled()) : undefined;
        const batches = labelled ? labelled.map((b) => b.x) : Array.from({ length: k }, () => real.next());
        const labels = labelled?.map((b) => b.labels);
        const { d, g } = steps.stepPair(batches, ctx.seed * 1_000_003 + step * (k + 1), labels);
        tf.dispose([...batches, ...(labels ?? [])]);
        finiteOr501(d.loss, 'discriminator', step);
        finiteOr501(g.loss, 'generator', step);
        progress.step(1, (performance.now() - t0) / 1000);
        sinceEvent.add(d, g);
        epochMeans.add(d, g);
        warn(monitor.observeStep(step, d, g), step);

        if (progress.shouldEmit(batch === stepsPerEpoch)) {
          const m = sinceEvent.take();
          emit({
            type: 'gan-batch',
            epoch,
            batch,
            batchesPerEpoch: stepsPerEpoch,
            step,
            ...m,
            stepsPerSecond: progress.samplesPerSecond(),
            etaSeconds: progress.etaSeconds(),
            memoryMB: memoryMB(),
          });
        }
        if (step % gan.sampleEvery === 0) {
          emitSamples(epoch, step);
          lastSampled = step;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      if (lastSampled !== step) emitSamples(epoch, step);
      const m = epochMeans.take();
      const logs: EpochLogs = {
        loss: m.dLoss,
        lr: ctx.learningRate,
        d_loss: m.dLoss,
        g_loss: m.gLoss,
        d_real: m.dReal,
        d_fake: m.dFake,
      };
      if (ctx.scorer) Object.assign(logs, { ...scoreGenerator(ctx, ctx.scorer), frechet_floor: ctx.scorer.realFloor });
      emit({
        type: 'epoch',
        epoch,
        epochs,
        logs,
        samplesPerSecond: (stepsPerEpoch * real.batchSize) / seconds,
        seconds,
      });
      last = logs;
      epochsCompleted = epoch;
    }
    return { reason: 'completed', epochsCompleted, steps: step, last, progress };
  } finally {
    samples.dispose();
  }
}
