/**
 * The events every adversarial run sends the same way, whether it is a GAN or a CycleGAN and whether TF.js
 * or the PyTorch runner computed its steps: the `started` fields and the run's notes, rate-limited
 * `gan-batch` progress, `epoch`, and `done` with the models' weights and the generators' output scaling.
 */
import type * as tf from '@tensorflow/tfjs';
import type { GraphDoc } from '../../../shared/graph/types.js';
import type {
  EpochLogs,
  EventOf,
  GanStepLogs,
  Preprocessing,
  TrainingEvent,
} from '../../../shared/training/protocol.js';
import { Progress, memoryMB } from '../train/progress.js';
import { modelWeightsBlob } from '../weights.js';

type Emit = (event: TrainingEvent) => void;

/** What the `started` event says of a run's models together. */
export const modelSize = (...models: tf.LayersModel[]) => ({
  params: models.reduce((n, m) => n + m.countParams(), 0),
  layers: models.reduce((n, m) => n + m.layers.length, 0),
});

/**
 * For the exported generator: z goes in unscaled, and an output y' maps to
 * pixels 0..255 as y = y'·targetStd + targetMean (255·y' for sigmoid,
 * 127.5·y' + 127.5 for tanh).
 */
export function generatorOutputScaling([lo, hi]: readonly [number, number]): Preprocessing {
  const targetStd = 255 / (hi - lo);
  return { scaling: 'none', targetMean: -lo * targetStd, targetStd };
}

export interface RunShape {
  epochs: number;
  stepsPerEpoch: number;
  /** Real images per step (for the samples/s). */
  batchSize: number;
}

/** What a run's `started` event says besides its backend: the run, its data, the models' size and its shape. */
export const startedFields = (
  runId: string,
  dataset: EventOf<'started'>['dataset'],
  models: tf.LayersModel[],
  { epochs, stepsPerEpoch, batchSize }: RunShape,
): Omit<EventOf<'started'>, 'type' | 'backend'> => ({
  runId,
  dataset,
  model: modelSize(...models),
  epochs,
  batchSize,
  batchesPerEpoch: stepsPerEpoch,
});

/** The notes of the data and the models, as info lines after `started`. */
export const logNotes = (emit: Emit, notes: readonly string[]): void => {
  for (const message of notes) emit({ type: 'log', level: 'info', message });
};

/** A run's progress over its steps, its rate-limited `gan-batch` events and its `epoch` events. */
export class StepEvents {
  readonly progress: Progress;

  constructor(
    readonly shape: RunShape,
    private readonly emit: Emit,
  ) {
    this.progress = new Progress(shape.epochs * shape.stepsPerEpoch);
  }

  /** Counts one step that took `seconds`; when an event is due, sends `logs()` (the means since the last one). */
  step(epoch: number, batch: number, step: number, seconds: number, logs: () => GanStepLogs): void {
    const { progress, shape } = this;
    progress.step(1, seconds);
    if (progress.shouldEmit(batch === shape.stepsPerEpoch)) {
      this.emit({
        type: 'gan-batch',
        epoch,
        batch,
        batchesPerEpoch: shape.stepsPerEpoch,
        step,
        logs: logs(),
        stepsPerSecond: progress.samplesPerSecond(),
        etaSeconds: progress.etaSeconds(),
        memoryMB: memoryMB(),
      });
    }
  }

  /** The epoch's event: its logs and the real images per second of its `seconds`. */
  epoch(epoch: number, seconds: number, logs: EpochLogs): EpochLogs {
    const { epochs, stepsPerEpoch, batchSize } = this.shape;
    this.emit({
      type: 'epoch',
      epoch,
      epochs,
      logs,
      samplesPerSecond: (stepsPerEpoch * batchSize) / Math.max(seconds, 1e-9),
      seconds,
    });
    return logs;
  }
}

/** The end of a run: how it ended, its metrics, its speed, and the trained models' weights in the project's layout. */
export function emitDone(
  emit: Emit,
  events: StepEvents,
  end: Pick<EventOf<'done'>, 'reason' | 'backend' | 'epochsCompleted' | 'metrics'>,
  models: readonly tf.LayersModel[],
  graph: GraphDoc,
  range: readonly [number, number],
): void {
  emit({
    type: 'done',
    ...end,
    samplesPerSecond: events.progress.samplesPerSecond() * events.shape.batchSize,
    seconds: events.progress.totalSeconds,
    weights: modelWeightsBlob(models, graph),
    preprocessing: generatorOutputScaling(range),
  });
}
