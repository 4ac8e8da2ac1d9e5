/**
 * How a GAN run takes one step pair: on the engine thread
 * (AdversarialSteps.stepPair), or split over two threads
 * (backend/parallel/gan-trainer.ts) when the backend offers two and the run
 * allows it; the same choices as classifier runs (train/stepper.ts).
 */
import type * as tf from '@tensorflow/tfjs';
import type { GraphDoc } from '../../../shared/graph/types.js';
import type { BackendReport } from '../../../shared/training/backend.js';
import type { GanConfig } from '../../../shared/training/config.js';
import { GanDataParallel } from '../backend/parallel/gan-trainer.js';
import { MIN_SPLIT_MULTIPLY_ADDS, multiplyAddsPerSample } from '../train/stepper.js';
import type { CompileGanOptions, GanModels } from './models.js';
import type { AdversarialSteps, DiscriminatorStats, GeneratorStats } from './step.js';

export interface PairStepper {
  stepPair(
    real: readonly tf.Tensor[],
    seed: number,
    labels?: readonly tf.Tensor[],
  ): Promise<{ d: DiscriminatorStats; g: GeneratorStats }>;
  /** Threads the run holds (2 = a helper thread with replicas exists). */
  readonly threads: number;
  /** Threads the pairs use right now (the adaptive schedule may fall back to 1). */
  readonly threadsInUse: number;
  /** Why the run holds fewer threads than the backend offered, if it does. */
  readonly note: string | null;
  close(): Promise<void>;
}

/**
 * Forward multiply-adds of one step pair per image of the batch: k D updates
 * (G once for the fakes, D on real and fake) and the G update (D once more on
 * the fakes; it reuses the last D update's G forward pass).
 */
export function pairMultiplyAdds(models: Pick<GanModels, 'generator' | 'discriminator'>, k: number): number {
  return k * multiplyAddsPerSample(models.generator) + (2 * k + 1) * multiplyAddsPerSample(models.discriminator);
}

export interface PairRun {
  models: GanModels;
  steps: AdversarialSteps;
  graph: GraphDoc;
  settings: GanConfig;
  compile: CompileGanOptions;
}

function singleThread(steps: AdversarialSteps, note: string | null): PairStepper {
  return {
    stepPair: async (real, seed, labels) => steps.stepPair(real, seed, labels),
    threads: 1,
    threadsInUse: 1,
    note,
    close: async () => {},
  };
}

/**
 * A pair stepper for `run` on the backend of `report`: 'auto' splits only
 * pairs big enough to gain, and only while splitting measures faster; a
 * forced 2 splits every pair. Semi-supervised GANs stay on one thread (their
 * discriminator head also trains on a labelled batch).
 */
export async function startPairStepper(
  run: PairRun,
  report: BackendReport,
  wanted: number | 'auto',
  batchSize: number,
): Promise<PairStepper> {
  const { steps } = run;
  if (report.threads < 2) return singleThread(steps, null);
  if (run.settings.semiSupervised)
    return singleThread(steps, 'training on one thread: semi-supervised GAN steps are not split across threads');
  const perBatch = pairMultiplyAdds(run.models, run.settings.discriminatorSteps) * batchSize;
  if (wanted === 'auto' && perBatch < MIN_SPLIT_MULTIPLY_ADDS)
    return singleThread(steps, 'training on one thread: the models are too small per batch for a second thread to pay');
  const parallel = await GanDataParallel.start(run, report.chosen, wanted === 'auto' ? 'adaptive' : 'always-split');
  return {
    stepPair: (real, seed, labels) => parallel.stepPair(real, seed, labels),
    threads: 2,
    get threadsInUse() {
      return parallel.threadsInUse;
    },
    note: null,
    close: () => parallel.close(),
  };
}
