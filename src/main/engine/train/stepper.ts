/**
 * How a classifier or sequence run takes one training step: on the engine
 * thread (model.trainOnBatch), or data-parallel over two threads
 * (backend/parallel/trainer.ts) when the backend offers two and the model
 * allows it. The parallel trainer's adaptive schedule splits a batch only
 * while splitting measures faster, so `threadsInUse` can change during a run.
 */
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { BackendReport } from '../../../shared/training/backend.js';
import type { TrainingThreads } from '../../../shared/training/config.js';
import { DataParallelTrainer } from '../backend/parallel/trainer.js';

export interface Stepper {
  /** [loss, ...metrics] over the whole batch, as LayersModel.trainOnBatch. */
  trainOnBatch(x: tf.Tensor, y: tf.Tensor): Promise<number[]>;
  /** Threads the run holds (2 = a helper thread with a replica exists). */
  readonly threads: number;
  /** Threads the steps use right now (the adaptive schedule may fall back to 1). */
  readonly threadsInUse: number;
  /** Why the run holds fewer threads than the backend offered, if it does. */
  readonly note: string | null;
  close(): Promise<void>;
}

/**
 * Training threads wanted: DEEPWIRE_THREADS (for users who share a machine,
 * and for comparisons) over the project's `training.threads`, else 'auto'.
 */
export function wantedThreads(
  configured: TrainingThreads | undefined,
  env = process.env.DEEPWIRE_THREADS,
): number | 'auto' {
  if (env !== undefined && env !== '') {
    const v = env.trim();
    if (v === 'auto') return 'auto';
    if (/^[1-9][0-9]*$/.test(v)) return Number(v);
    throw new DeepwireError(
      'DW801',
      `DEEPWIRE_THREADS is '${v}': it must be 'auto' or a whole number of threads ≥ 1`,
      'DEEPWIRE_THREADS',
    );
  }
  return configured ?? 'auto';
}

function singleThread(model: tf.LayersModel, note: string | null): Stepper {
  return {
    trainOnBatch: async (x, y) => {
      const outs = await model.trainOnBatch(x, y);
      return Array.isArray(outs) ? outs : [outs];
    },
    threads: 1,
    threadsInUse: 1,
    note,
    close: async () => {},
  };
}

/**
 * Forward multiply-adds of one sample, roughly: each layer's parameters times
 * the positions they slide over (a convolution's output pixels, a recurrent
 * layer's time steps). Enough to tell a model whose step takes microseconds
 * from one whose step takes milliseconds.
 */
export function multiplyAddsPerSample(model: tf.LayersModel): number {
  let total = 0;
  for (const layer of model.layers) {
    const params = layer.countParams();
    if (params === 0) continue;
    const recurrent = /LSTM|GRU|RNN|Bidirectional/.test(layer.getClassName());
    const input = layer.input;
    const shape = recurrent ? (Array.isArray(input) ? input[0] : input).shape : layer.outputShape;
    const first = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
    const positions = recurrent ? [first[1]] : first.slice(1, -1);
    total += params * positions.reduce<number>((n, d) => n * (d ?? 1), 1);
  }
  return total;
}

/**
 * Below this many forward multiply-adds per batch a step takes a few
 * milliseconds and the two threads' exchange (about 2 ms per step) eats what
 * splitting saves, so 'auto' does not even start the helper.
 */
export const MIN_SPLIT_MULTIPLY_ADDS = 20e6;

/**
 * A stepper for a compiled `model` on the backend of `report` (report.threads
 * = threads the backend offers for what was `wanted`). 'auto' splits only big
 * enough batches and only while splitting measures faster; a forced 2 splits
 * every step.
 */
export async function startStepper(
  model: tf.LayersModel,
  report: BackendReport,
  wanted: number | 'auto',
  batchSize: number,
): Promise<Stepper> {
  if (report.threads < 2) return singleThread(model, null);
  const why = DataParallelTrainer.unsuitable(model);
  if (why) return singleThread(model, `training on one thread: ${why}`);
  if (wanted === 'auto' && multiplyAddsPerSample(model) * batchSize < MIN_SPLIT_MULTIPLY_ADDS) {
    return singleThread(model, 'training on one thread: the model is too small per batch for a second thread to pay');
  }
  const trainer = await DataParallelTrainer.start(
    model,
    report.chosen,
    wanted === 'auto' ? 'adaptive' : 'always-split',
  );
  return {
    trainOnBatch: (x, y) => trainer.trainOnBatch(x, y),
    threads: 2,
    get threadsInUse() {
      return trainer.threadsInUse;
    },
    note: null,
    close: () => trainer.close(),
  };
}
