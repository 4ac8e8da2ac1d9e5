/**
 * The epoch/batch loop: a custom loop over model.trainOnBatch so pause,
 * resume and stop act between batches. Shuffles each epoch (seeded), applies
 * the learning-rate schedule, rate-limits batch events, validates after each
 * epoch, stops on a NaN/Inf loss (DW501) and on early stopping.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { TrainingConfig } from '../../../shared/training/config.js';
import type { EpochLogs, TrainingEvent } from '../../../shared/training/protocol.js';
import { gather } from '../datasets/prepare.js';
import { seededRandom, shuffleInPlace, range } from '../datasets/rng.js';
import { stopBetweenSteps, type RunSignal } from './control.js';
import { evaluateSplit, type EvalContext } from './evaluate.js';
import { labelTensor } from './losses.js';
import { scheduledRate, setLearningRate } from './optimizers.js';
import { Progress, memoryMB } from './progress.js';
import type { Stepper } from './stepper.js';
import { inputTensor } from './tensors.js';

export interface LoopOptions extends EvalContext {
  training: TrainingConfig;
  optimizer: tf.Optimizer;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Names of trainOnBatch's outputs after the loss, e.g. ['acc']. */
  metricNames: string[];
  /** How a step runs (one thread or data-parallel on two); model.trainOnBatch when absent. */
  stepper?: Stepper;
}

export interface LoopResult {
  reason: 'completed' | 'stopped' | 'early-stopping';
  epochsCompleted: number;
  last: EpochLogs | null;
  progress: Progress;
}

type Emit = (e: TrainingEvent) => void;

/** Keras's rule: stop once `patience` epochs in a row have not improved on the best so far. */
export function shouldStopEarly(cfg: TrainingConfig['earlyStopping'], history: readonly EpochLogs[]): boolean {
  if (!cfg) return false;
  const values = history.map((h) => h[cfg.monitor]);
  let bestAt = -1;
  values.forEach((v, i) => {
    if (v === undefined) return;
    const best = bestAt >= 0 ? values[bestAt]! : undefined;
    if (best === undefined || (cfg.monitor === 'val_loss' ? v < best : v > best)) bestAt = i;
  });
  return bestAt >= 0 && values.length - 1 - bestAt >= cfg.patience;
}

/** Said when the adaptive two-thread schedule switches (measured at the start, then every few hundred steps). */
export function threadsMessage(threads: number): string {
  return threads > 1
    ? 'training on 2 threads: splitting each batch measured faster'
    : 'training on 1 thread: splitting batches over 2 threads measured slower here (the other core is busy)';
}

export async function runLoop(o: LoopOptions, emit: Emit, signal: RunSignal): Promise<LoopResult> {
  const { ds, model } = o;
  const trainCount = ds.train.index.length;
  const batchesPerEpoch = Math.ceil(trainCount / o.batchSize);
  const progress = new Progress(trainCount * o.epochs);
  const random = seededRandom(o.training.seed);
  const history: EpochLogs[] = [];
  const result = (reason: LoopResult['reason'], epochsCompleted: number): LoopResult => ({
    reason,
    epochsCompleted,
    last: history.at(-1) ?? null,
    progress,
  });
  const step = o.stepper ?? null;
  let threadsInUse = step?.threads ?? 1;

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const lr = scheduledRate(o.training.schedule, o.learningRate, epoch, o.epochs);
    setLearningRate(o.optimizer, lr);
    const order = shuffleInPlace(range(trainCount), random);
    const epochStart = progress.totalSeconds;
    let lossSum = 0;
    let accSum = 0;
    let maeSum = 0;
    let seen = 0;
    for (let b = 0; b < batchesPerEpoch; b++) {
      if (await stopBetweenSteps(signal, emit, epoch, b)) return result('stopped', epoch - 1);

      const from = b * o.batchSize;
      const to = Math.min(trainCount, from + o.batchSize);
      const batch = gather(ds, ds.train, order, from, to);
      const started = performance.now();
      const x = inputTensor(ds, batch, o.inputDtype);
      const y = labelTensor(o.loss, batch.y, batch.count, o.classes, ds.ySize);
      let outs: number | number[];
      try {
        outs = step ? await step.trainOnBatch(x, y) : await model.trainOnBatch(x, y);
      } finally {
        tf.dispose([x, y]);
      }
      if (step && step.threadsInUse !== threadsInUse) {
        threadsInUse = step.threadsInUse;
        emit({ type: 'log', level: 'info', message: threadsMessage(threadsInUse) });
      }
      progress.step(batch.count, (performance.now() - started) / 1000);
      const [loss, ...metrics] = Array.isArray(outs) ? outs : [outs];
      if (!Number.isFinite(loss)) {
        throw new DeepwireError(
          'DW501',
          `the loss became ${loss} at epoch ${epoch}, batch ${b + 1} (learning rate ${lr})`,
          `epoch ${epoch}, batch ${b + 1}`,
        );
      }
      const accuracy = metrics[o.metricNames.indexOf('acc')];
      const mae = metrics[o.metricNames.indexOf('mae')];
      lossSum += loss * batch.count;
      accSum += (accuracy ?? 0) * batch.count;
      maeSum += (mae ?? 0) * batch.count;
      seen += batch.count;
      const last = b === batchesPerEpoch - 1;
      if (progress.shouldEmit(last)) {
        emit({
          type: 'batch',
          epoch,
          batch: b + 1,
          batchesPerEpoch,
          loss,
          ...(accuracy !== undefined ? { accuracy } : {}),
          samplesPerSecond: progress.samplesPerSecond(),
          etaSeconds: progress.etaSeconds(),
          memoryMB: memoryMB(),
        });
      }
    }
    const trainSeconds = progress.totalSeconds - epochStart;
    const logs: EpochLogs = { loss: lossSum / seen, lr };
    if (o.metricNames.includes('acc')) logs.accuracy = accSum / seen;
    if (o.metricNames.includes('mae')) logs.mae = maeSum / seen;
    if (ds.validation.index.length > 0) {
      const val = await evaluateSplit(o, ds.validation);
      logs.val_loss = val.loss;
      if (val.accuracy !== undefined) logs.val_accuracy = val.accuracy;
      if (val.mae !== undefined && o.metricNames.includes('mae')) logs.val_mae = val.mae;
    }
    history.push(logs);
    emit({
      type: 'epoch',
      epoch,
      epochs: o.epochs,
      logs,
      samplesPerSecond: trainSeconds > 0 ? seen / trainSeconds : 0,
      seconds: trainSeconds,
    });
    if (shouldStopEarly(o.training.earlyStopping, history)) return result('early-stopping', epoch);
  }
  return result('completed', o.epochs);
}
