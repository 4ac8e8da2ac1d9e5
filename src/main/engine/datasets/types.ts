/**
 * A parsed dataset before splitting: what a source (built-in, images, CSV,
 * IDX) produces and what the binary cache stores. Splitting, limits and
 * normalisation happen afterwards (prepare.ts), so they never invalidate the
 * cache.
 */
import type { DatasetTask } from '../../../shared/training/protocol.js';

/** Most classes a classifier dataset may have (DW414): more is a mistaken label column, and a class list that big. */
export const MAX_CLASSES = 65_536;

export interface SampleArrays {
  /** Sample-major features; pixels stay bytes (0..255). Series: the row table (rows × features). */
  x: Uint8Array | Float32Array;
  /** Classification: class index per sample. Regression: targets (per sample, or per row for series). */
  y: Int32Array | Float32Array;
  /** Samples (series: rows). */
  count: number;
}

/** Sliding windows over a table of rows: sample i is rows i .. i+lookback-1, its targets the next `horizon` rows. */
export interface SeriesLayout {
  lookback: number;
  horizon: number;
  /** Features per row. */
  features: number;
}

export interface RawDataset extends SampleArrays {
  name: string;
  task: DatasetTask;
  /** One sample without the batch axis. */
  sampleShape: number[];
  classes: string[] | null;
  /** Targets per sample (1 for classification). */
  targetSize: number;
  /** The source's own test part, when it has one; otherwise prepare() holds one out. */
  test?: SampleArrays;
  /** Pixels: scaled by 1/255. Otherwise z-scored per feature when `zscore`. */
  scaling: 'pixels' | 'zscore' | 'none';
  /** Image geometry (height, width, channels), for previews of samples. */
  image?: [number, number, 1 | 3];
  series?: SeriesLayout;
  /**
   * Token-id sequences of different lengths (csv-tokens.ts): stored right-padded with 0 to `sampleShape[0]`,
   * the longest; each batch is cut to its own longest sample, and the model's Input takes a time of None.
   */
  variableLength?: true;
  /** Things the user should know (skipped columns, held-out test split…). */
  notes: string[];
}
