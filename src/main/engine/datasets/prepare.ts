/**
 * From a parsed dataset to training, validation and test splits: a seeded
 * shuffle (time series keep their order), a held-out test part where the
 * source has none, `limit`, and normalisation whose statistics come from the
 * training part only. Samples are normalised as batches are gathered, so
 * pixels stay bytes in memory.
 */
import { DeepwireError } from '../../../shared/errors.js';
import { permutation, range } from './rng.js';
import type { RawDataset, SampleArrays } from './types.js';

/** Fraction of a source without its own test part that is held out for testing. */
export const HELD_OUT_TEST = 0.1;

export interface Split {
  /** Sample indices into the source arrays, in split order. */
  index: Int32Array;
  /** Reads from the source's own test arrays instead of the training arrays. */
  fromTest: boolean;
}

export interface Normalization {
  /** Pixels: multiply by this (1/255). */
  scale: number;
  /** Per-feature z-score (the last axis of a sample); absent = none. */
  mean?: Float32Array;
  std?: Float32Array;
  /** Regression targets z-scored; predictions are mapped back for metrics. */
  targetMean: number;
  targetStd: number;
}

export interface PreparedDataset {
  raw: RawDataset;
  train: Split;
  validation: Split;
  test: Split;
  /** Values per sample and targets per sample. */
  xSize: number;
  ySize: number;
  norm: Normalization;
}

export interface PrepareOptions {
  validationSplit: number;
  seed: number;
  limit?: number;
}

export const sampleSize = (raw: RawDataset): number => raw.sampleShape.reduce((a, d) => a * d, 1);

/** Number of samples (windows for a series) in the training arrays. */
export function sampleCount(raw: RawDataset): number {
  return raw.series ? Math.max(0, raw.count - raw.series.lookback - raw.series.horizon + 1) : raw.count;
}

function arraysOf(raw: RawDataset, split: Split): SampleArrays {
  return split.fromTest && raw.test ? raw.test : raw;
}

/** Copies sample `i`'s raw values into `out` at `offset`. */
function readX(
  raw: RawDataset,
  arrays: SampleArrays,
  i: number,
  size: number,
  out: Float32Array,
  offset: number,
): void {
  const start = raw.series ? i * raw.series.features : i * size;
  for (let k = 0; k < size; k++) out[offset + k] = arrays.x[start + k];
}

function readY(raw: RawDataset, arrays: SampleArrays, i: number, out: Float32Array | Int32Array, offset: number): void {
  if (raw.series) {
    const first = i + raw.series.lookback;
    for (let h = 0; h < raw.series.horizon; h++) out[offset + h] = arrays.y[first + h];
  } else if (raw.targetSize === 1) out[offset] = arrays.y[i];
  else for (let t = 0; t < raw.targetSize; t++) out[offset + t] = arrays.y[i * raw.targetSize + t];
}

export interface Batch {
  x: Float32Array;
  /** Variable-length sequences: the time steps of this batch (its longest sample); `x` is count × length. */
  length?: number;
  /** Class indices (classification) or normalised targets (regression). */
  y: Int32Array | Float32Array;
  count: number;
}

/**
 * Right-padded sequences (0 = padding) cut to the longest sample of the batch: each batch is padded only as
 * far as it needs (issue #14). A sample's length is up to its last non-zero id.
 */
function toLongestInBatch(x: Float32Array, count: number, stored: number): { x: Float32Array; length: number } {
  let length = 1;
  for (let b = 0; b < count; b++) {
    let end = stored;
    while (end > length && x[b * stored + end - 1] === 0) end--;
    length = Math.max(length, end);
  }
  if (length === stored) return { x, length };
  const out = new Float32Array(count * length);
  for (let b = 0; b < count; b++) out.set(x.subarray(b * stored, b * stored + length), b * length);
  return { x: out, length };
}

/**
 * Raw sample values (pixels 0..255, features) normalised as training saw them: pixels × 1/255, or the
 * training part's per-feature z-score. Also for samples from outside the dataset (an inspected image file).
 */
export function normalizeInPlace(norm: Normalization, x: Float32Array): void {
  const { scale, mean, std } = norm;
  const features = mean ? mean.length : 1;
  if (mean && std) for (let k = 0; k < x.length; k++) x[k] = (x[k] - mean[k % features]) / std[k % features];
  else if (scale !== 1) for (let k = 0; k < x.length; k++) x[k] *= scale;
}

/** Gathers `positions[from..to)` of a split, normalised. */
export function gather(
  ds: PreparedDataset,
  split: Split,
  positions: ArrayLike<number> | null,
  from: number,
  to: number,
): Batch {
  const count = to - from;
  const arrays = arraysOf(ds.raw, split);
  const x = new Float32Array(count * ds.xSize);
  const y = ds.raw.task === 'classification' ? new Int32Array(count * ds.ySize) : new Float32Array(count * ds.ySize);
  const { targetMean, targetStd } = ds.norm;
  for (let b = 0; b < count; b++) {
    const i = split.index[positions ? positions[from + b] : from + b];
    readX(ds.raw, arrays, i, ds.xSize, x, b * ds.xSize);
    readY(ds.raw, arrays, i, y, b * ds.ySize);
  }
  if (ds.raw.variableLength) return { ...toLongestInBatch(x, count, ds.xSize), y, count };
  normalizeInPlace(ds.norm, x);
  if (y instanceof Float32Array && (targetMean !== 0 || targetStd !== 1))
    for (let k = 0; k < y.length; k++) y[k] = (y[k] - targetMean) / targetStd;
  return { x, y, count };
}

/** Raw (un-normalised) targets of one sample, for reporting in data units. */
export const denormalizeTarget = (ds: PreparedDataset, v: number): number => v * ds.norm.targetStd + ds.norm.targetMean;

function statistics(ds: PreparedDataset): void {
  const { raw, train } = ds;
  if (raw.scaling === 'pixels') {
    ds.norm.scale = 1 / 255;
    return;
  }
  if (raw.scaling !== 'zscore' || train.index.length === 0) return;
  const features = raw.sampleShape[raw.sampleShape.length - 1];
  const sum = new Float64Array(features);
  const sq = new Float64Array(features);
  const buf = new Float32Array(ds.xSize);
  let n = 0;
  let tSum = 0;
  let tSq = 0;
  const yBuf = new Float32Array(ds.ySize);
  for (const i of train.index) {
    readX(raw, raw, i, ds.xSize, buf, 0);
    for (let k = 0; k < buf.length; k++) {
      sum[k % features] += buf[k];
      sq[k % features] += buf[k] * buf[k];
    }
    n += ds.xSize / features;
    if (raw.task === 'regression') {
      readY(raw, raw, i, yBuf, 0);
      for (const v of yBuf) {
        tSum += v;
        tSq += v * v;
      }
    }
  }
  const sd = (s: number, q: number, m: number) => {
    const v = q / m - (s / m) ** 2;
    return v > 1e-12 ? Math.sqrt(v) : 1;
  };
  ds.norm.mean = Float32Array.from(sum, (s) => s / n);
  ds.norm.std = Float32Array.from(sum, (s, f) => sd(s, sq[f], n));
  if (raw.task === 'regression') {
    const m = train.index.length * ds.ySize;
    ds.norm.targetMean = tSum / m;
    ds.norm.targetStd = sd(tSum, tSq, m);
  }
}

export function prepareDataset(raw: RawDataset, opts: PrepareOptions): PreparedDataset {
  const total = sampleCount(raw);
  // Series keep time order (validation and test come after training); the rest is shuffled.
  const order = raw.series ? range(total) : permutation(total, opts.seed);
  let test: Split;
  let rest: Int32Array;
  if (raw.test) {
    test = { index: range(raw.test.count), fromTest: true };
    rest = order;
  } else {
    const n = Math.max(1, Math.round(total * HELD_OUT_TEST));
    test = { index: raw.series ? order.slice(total - n) : order.slice(0, n), fromTest: false };
    rest = raw.series ? order.slice(0, total - n) : order.slice(n);
  }
  const split = opts.validationSplit;
  // With a limit, validation is sized for the samples actually trained on, not the whole source.
  const pool = opts.limit ? Math.min(rest.length, Math.ceil(opts.limit / (1 - split))) : rest.length;
  const valCount = split > 0 ? Math.min(rest.length - 1, Math.max(1, Math.round(pool * split))) : 0;
  const trainPool = raw.series ? rest.slice(0, rest.length - valCount) : rest.slice(valCount);
  const validation: Split = {
    index: raw.series ? rest.slice(rest.length - valCount) : rest.slice(0, valCount),
    fromTest: false,
  };
  const train: Split = { index: opts.limit ? trainPool.slice(0, opts.limit) : trainPool, fromTest: false };
  if (train.index.length < 1 || valCount < 0) {
    throw new DeepwireError(
      'DW409',
      `${raw.name} has ${total} samples: too few for training, validation and test`,
      raw.name,
    );
  }
  const ds: PreparedDataset = {
    raw,
    train,
    validation,
    test,
    xSize: sampleSize(raw),
    ySize: raw.task === 'classification' ? 1 : raw.targetSize,
    norm: { scale: 1, targetMean: 0, targetStd: 1 },
  };
  statistics(ds);
  return ds;
}
