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
import { stopBetweenSteps, type RunSignal } from '../train/control.js';
import type { GanModels, ValueRange } from './models.js';
import { StepEvents, type RunShape } from './run-events.js';
import { GanMonitor, StepMeans, type GanWarning } from './monitor.js';
import { sampleLatent } from './noise.js';
import type { RealBatches } from './real-batches.js';
import { FixedNoiseSamples, toUnitRange, type SampleSnapshot } from './samples.js';
import { conditionalAccuracy } from './conditional-quality.js';
import { evenLabels } from './conditional.js';
import type { AdversarialSteps, DiscriminatorStats, GeneratorStats } from './step.js';
import type { PairStepper } from './pair-stepper.js';
import { threadsMessage } from '../train/loop.js';

export interface LoopContext {
  models: GanModels;
  steps: AdversarialSteps;
  /** How the step pairs run (one thread or two, pair-stepper.ts); `steps.stepPair` on this thread when absent. */
  pairs?: PairStepper;
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
  events: StepEvents;
}

/** The fixed-noise grid's latent batch is drawn with the run's seed plus this. */
export const GRID_SEED_OFFSET = 7_919;
/** The quality score's latent batch likewise (the same z every epoch). */
export const SCORE_SEED_OFFSET = 99_991;

/** The seed of step `step`'s latent batches (k discriminator updates, one generator update). */
export const stepSeed = (seed: number, step: number, k: number): number => seed * 1_000_003 + step * (k + 1);

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
  const labels = scoreLabels(ctx.models, scorer);
  try {
    return tf.tidy(() => scoreGenerated(scorer, ctx.steps.sample(z, labels), ctx.models.range, ctx.image, labels));
  } finally {
    tf.dispose([z, ...(labels ? [labels] : [])]);
  }
}

/** The classes a conditional GAN's score asks for: each class equally often (undefined when unconditional). */
export function scoreLabels(models: Pick<GanModels, 'conditional'>, scorer: QualityScorer): tf.Tensor2D | undefined {
  const classes = models.conditional?.classes;
  return classes ? evenLabels(classes, scorer.sampleSize) : undefined;
}

/** The score of generated images (in the generator's range), whichever engine made them. */
export function scoreGenerated(
  scorer: QualityScorer,
  generated: tf.Tensor,
  range: ValueRange,
  image: readonly [number, number, 1 | 3],
  labels?: tf.Tensor,
): Pick<EpochLogs, 'frechet' | 'conditional_accuracy'> {
  const images = tf.tidy(() => toUnitRange(generated, range).reshape([-1, ...image])) as tf.Tensor4D;
  try {
    const frechet = scorer.score(images);
    return labels
      ? { frechet, conditional_accuracy: conditionalAccuracy(scorer.net.classifier, images, labels) }
      : { frechet };
  } finally {
    images.dispose();
  }
}

export interface ReporterOptions extends RunShape {
  loss: GanConfig['loss'];
  learningRate: number;
  realDiversity: number;
}

/**
 * The events of a GAN run's steps, grids and epochs, whichever engine computed them (this loop, or the
 * PyTorch runner through src/main/engine/pytorch): DW501 on a non-finite loss, rate-limited `gan-batch`
 * events, the monitor's warnings, `samples` and `epoch`.
 */
export class GanReporter {
  readonly events: StepEvents;
  private readonly monitor: GanMonitor;
  private readonly sinceEvent = new StepMeans();
  private epochMeans = new StepMeans();

  constructor(
    private readonly opts: ReporterOptions,
    private readonly emit: (e: TrainingEvent) => void,
  ) {
    this.events = new StepEvents(opts, emit);
    this.monitor = new GanMonitor(opts.loss, opts.realDiversity);
  }

  private warn(w: GanWarning | undefined, step: number): void {
    if (w) this.emit({ type: 'gan-warning', warning: w.warning, step, message: w.message });
  }

  /** One step pair that took `seconds`. */
  step(epoch: number, batch: number, step: number, d: DiscriminatorStats, g: GeneratorStats, seconds: number): void {
    finiteOr501(d.loss, 'discriminator', step);
    finiteOr501(g.loss, 'generator', step);
    this.sinceEvent.add(d, g);
    this.epochMeans.add(d, g);
    this.warn(this.monitor.observeStep(step, d, g), step);
    this.events.step(epoch, batch, step, seconds, () => this.sinceEvent.take());
  }

  samples(epoch: number, step: number, snap: SampleSnapshot): void {
    this.emit({ type: 'samples', epoch, step, grid: snap.pixels, rows: snap.rows, columns: snap.columns });
    this.warn(this.monitor.observeDiversity(step, snap.diversity), step);
  }

  /** Emits the epoch's means (plus the quality score, when there is one) and starts the next epoch's. */
  endEpoch(epoch: number, seconds: number, quality: Partial<EpochLogs> = {}): EpochLogs {
    const m = this.epochMeans.take();
    this.epochMeans = new StepMeans();
    return this.events.epoch(epoch, seconds, { loss: m.d_loss, lr: this.opts.learningRate, ...m, ...quality });
  }
}

export async function runGanLoop(
  ctx: LoopContext,
  emit: (e: TrainingEvent) => void,
  signal: RunSignal,
): Promise<LoopResult> {
  const { steps, pairs, real, gan, epochs, stepsPerEpoch } = ctx;
  let threadsInUse = pairs?.threads ?? 1;
  const k = gan.discriminatorSteps;
  const reporter = new GanReporter(
    {
      loss: gan.loss,
      epochs,
      stepsPerEpoch,
      batchSize: real.batchSize,
      learningRate: ctx.learningRate,
      realDiversity: ctx.realDiversity,
    },
    emit,
  );
  const events = reporter.events;
  const samples = new FixedNoiseSamples(ctx.models, ctx.seed + GRID_SEED_OFFSET, ctx.image);
  const emitSamples = (epoch: number, step: number) => reporter.samples(epoch, step, samples.snapshot(steps));
  let step = 0;
  let last: EpochLogs | undefined;
  let epochsCompleted = 0;
  try {
    emitSamples(1, 0);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const started = performance.now();
      let lastSampled = -1;
      for (let batch = 1; batch <= stepsPerEpoch; batch++) {
        if (await stopBetweenSteps(signal, emit, epoch, batch - 1))
          return { reason: 'stopped', epochsCompleted, steps: step, last, events };

        const t0 = performance.now();
        step++;
        const labelled = ctx.models.conditional ? Array.from({ length: k }, () => real.nextLabelled()) : undefined;
        const batches = labelled ? labelled.map((b) => b.x) : Array.from({ length: k }, () => real.next());
        const labels = labelled?.map((b) => b.labels);
        const seed = stepSeed(ctx.seed, step, k);
        let pair: { d: DiscriminatorStats; g: GeneratorStats };
        try {
          pair = pairs ? await pairs.stepPair(batches, seed, labels) : steps.stepPair(batches, seed, labels);
        } finally {
          tf.dispose([...batches, ...(labels ?? [])]);
        }
        const { d, g } = pair;
        if (pairs && pairs.threadsInUse !== threadsInUse) {
          threadsInUse = pairs.threadsInUse;
          emit({ type: 'log', level: 'info', message: threadsMessage(threadsInUse) });
        }
        reporter.step(epoch, batch, step, d, g, (performance.now() - t0) / 1000);
        if (step % gan.sampleEvery === 0) {
          emitSamples(epoch, step);
          lastSampled = step;
        }
      }
      const seconds = (performance.now() - started) / 1000;
      if (lastSampled !== step) emitSamples(epoch, step);
      const quality = ctx.scorer ? { ...scoreGenerator(ctx, ctx.scorer), frechet_floor: ctx.scorer.realFloor } : {};
      last = reporter.endEpoch(epoch, seconds, quality);
      epochsCompleted = epoch;
    }
    return { reason: 'completed', epochsCompleted, steps: step, last, events };
  } finally {
    samples.dispose();
  }
}
