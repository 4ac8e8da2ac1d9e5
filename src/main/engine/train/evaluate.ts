/**
 * Evaluation over a whole split in chunks: mean loss, accuracy or MAE, and the
 * predictions; then the end-of-run report — test accuracy, confusion matrix,
 * per-class accuracy and a few misclassified samples, or MAE/RMSE and
 * predicted-vs-actual in data units.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../../../shared/training/config.js';
import type { Evaluation, Misclassified } from '../../../shared/training/protocol.js';
import { denormalizeTarget, gather, type PreparedDataset, type Split } from '../datasets/prepare.js';
import { samplePixels } from '../datasets/load.js';
import { labelTensor, perSampleLoss } from './losses.js';
import { inputTensor } from './tensors.js';

const CHUNK = 512;
const MISCLASSIFIED_SHOWN = 8;
const SERIES_SHOWN = 200;

export interface SplitResult {
  count: number;
  loss: number;
  /** Classification only. */
  accuracy?: number;
  /** Regression only, in normalised units (like the training metric). */
  mae?: number;
  /** count × units predictions. */
  predictions: Float32Array;
  units: number;
  /** Labels (class ids) or normalised targets, as gathered. */
  labels: Int32Array | Float32Array;
}

export interface EvalContext {
  model: tf.LayersModel;
  ds: PreparedDataset;
  loss: LossName;
  classes: number;
  inputDtype: tf.DataType;
}

const predictedClass = (p: Float32Array, i: number, units: number): number => {
  if (units === 1) return p[i] >= 0.5 ? 1 : 0;
  let best = 0;
  for (let k = 1; k < units; k++) if (p[i * units + k] > p[i * units + best]) best = k;
  return best;
};

export async function evaluateSplit(ctx: EvalContext, split: Split): Promise<SplitResult> {
  const { model, ds, loss } = ctx;
  const count = split.index.length;
  const units = (model.outputs[0].shape[1] as number) ?? 1;
  const predictions = new Float32Array(count * units);
  const labels =
    ds.raw.task === 'classification' ? new Int32Array(count * ds.ySize) : new Float32Array(count * ds.ySize);
  let lossSum = 0;
  const lossFn = perSampleLoss(loss);
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    const batch = gather(ds, split, null, from, to);
    const [pred, lossTotal] = tf.tidy(() => {
      const x = inputTensor(ds, batch, ctx.inputDtype);
      const p = model.predict(x) as tf.Tensor;
      const y = labelTensor(loss, batch.y, batch.count, ctx.classes, ds.ySize, false);
      return [p, tf.sum(lossFn(y, p))];
    });
    predictions.set((await pred.data()) as Float32Array, from * units);
    lossSum += (await lossTotal.data())[0];
    labels.set(batch.y, from * ds.ySize);
    tf.dispose([pred, lossTotal]);
  }
  return withMetrics(ds, { count, loss: count ? lossSum / count : 0, predictions, units, labels });
}

/**
 * A split's result from predictions another engine made (the PyTorch backend):
 * the same loss, accuracy or MAE as evaluateSplit, computed here from them.
 */
export function scorePredictions(
  ds: PreparedDataset,
  split: Split,
  predictions: Float32Array,
  units: number,
  loss: LossName,
  classes: number,
): SplitResult {
  const count = split.index.length;
  const labels =
    ds.raw.task === 'classification' ? new Int32Array(count * ds.ySize) : new Float32Array(count * ds.ySize);
  const lossFn = perSampleLoss(loss);
  let lossSum = 0;
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK);
    const batch = gather(ds, split, null, from, to);
    const total = tf.tidy(() => {
      const p = tf.tensor2d(predictions.subarray(from * units, to * units), [batch.count, units]);
      return tf.sum(lossFn(labelTensor(loss, batch.y, batch.count, classes, ds.ySize, false), p));
    });
    lossSum += total.dataSync()[0];
    total.dispose();
    labels.set(batch.y, from * ds.ySize);
  }
  return withMetrics(ds, { count, loss: count ? lossSum / count : 0, predictions, units, labels });
}

/** Adds accuracy (classification) or MAE (regression) to a split's result. */
function withMetrics(ds: PreparedDataset, result: SplitResult): SplitResult {
  const { count, predictions, units, labels } = result;
  if (ds.raw.task === 'classification') {
    let right = 0;
    for (let i = 0; i < count; i++) if (predictedClass(predictions, i, units) === labels[i]) right++;
    result.accuracy = count ? right / count : 0;
  } else {
    let abs = 0;
    for (let k = 0; k < predictions.length; k++) abs += Math.abs(predictions[k] - labels[k]);
    result.mae = predictions.length ? abs / predictions.length : 0;
  }
  return result;
}

/** The end-of-run report on the test split. */
export async function evaluateTest(ctx: EvalContext): Promise<Evaluation> {
  return testReport(ctx.ds, await evaluateSplit(ctx, ctx.ds.test));
}

/** The report from the test split's result, whichever engine predicted it. */
export function testReport(ds: PreparedDataset, r: SplitResult): Evaluation {
  if (ds.raw.task === 'classification') {
    const classes = ds.raw.classes ?? [];
    const n = classes.length;
    const confusion = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const misclassified: Misclassified[] = [];
    for (let i = 0; i < r.count; i++) {
      const truth = r.labels[i];
      const pred = predictedClass(r.predictions, i, r.units);
      confusion[truth][pred]++;
      if (truth !== pred && misclassified.length < MISCLASSIFIED_SHOWN) {
        const confidence =
          r.units === 1 ? (pred === 1 ? r.predictions[i] : 1 - r.predictions[i]) : r.predictions[i * r.units + pred];
        const image = samplePixels(ds, ds.test, i);
        misclassified.push({
          index: i,
          trueLabel: truth,
          predictedLabel: pred,
          confidence,
          ...(image ? { image } : {}),
        });
      }
    }
    const perClassAccuracy = confusion.map((row, k) => {
      const total = row.reduce((a, v) => a + v, 0);
      return total ? row[k] / total : 0;
    });
    return {
      task: 'classification',
      testLoss: r.loss,
      testAccuracy: r.accuracy ?? 0,
      classes,
      confusion,
      perClassAccuracy,
      misclassified,
    };
  }
  let abs = 0;
  let sq = 0;
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let k = 0; k < r.predictions.length; k++) {
    const p = denormalizeTarget(ds, r.predictions[k]);
    const a = denormalizeTarget(ds, r.labels[k]);
    abs += Math.abs(p - a);
    sq += (p - a) ** 2;
    // The series shows the first output of each sample.
    if (k % r.units === 0 && actual.length < SERIES_SHOWN) {
      actual.push(a);
      predicted.push(p);
    }
  }
  const m = r.predictions.length || 1;
  return { task: 'regression', testLoss: r.loss, mae: abs / m, rmse: Math.sqrt(sq / m), series: { actual, predicted } };
}
