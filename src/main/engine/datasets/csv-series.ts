/**
 * A CSV time series: rows in time order; sample i is `lookback` consecutive
 * rows of the feature columns, its targets the target column's next `horizon`
 * values. By default every numeric column is a feature (the target's own past
 * included).
 */
import { DeepwireError } from '../../../shared/errors.js';
import { checkRows, columnIndex, featureColumns, numericColumn, numericMatrix, readCsvFile } from './csv-columns.js';
import type { RawDataset } from './types.js';

export interface CsvSeriesOptions {
  targetColumn: string;
  featureColumns?: string[];
  lookback: number;
  horizon: number;
  normalize: boolean;
}

export const windowCount = (rows: number, lookback: number, horizon: number): number =>
  Math.max(0, rows - lookback - horizon + 1);

export async function loadCsvSeries(file: string, opts: CsvSeriesOptions, name: string): Promise<RawDataset> {
  const table = await readCsvFile(file);
  const target = columnIndex(table, opts.targetColumn, file, 'target');
  const features = featureColumns(table, opts.featureColumns, [], file);
  checkRows(table, file);
  const rows = table.rows.length;
  const windows = windowCount(rows, opts.lookback, opts.horizon);
  if (windows < 3) {
    throw new DeepwireError(
      'DW409',
      `${file} has ${rows} rows: with lookback ${opts.lookback} and horizon ${opts.horizon} that makes ${windows} windows; training, validation and test need at least 3`,
      file,
    );
  }
  return {
    name,
    task: 'regression',
    x: numericMatrix(table, features.cols, file),
    y: numericColumn(table, target, file),
    count: rows,
    sampleShape: [opts.lookback, features.cols.length],
    classes: null,
    targetSize: opts.horizon,
    scaling: opts.normalize ? 'zscore' : 'none',
    series: { lookback: opts.lookback, horizon: opts.horizon, features: features.cols.length },
    notes: [
      ...(features.note ? [features.note] : []),
      'Time series: the test set is the last 10% of the windows and the validation set the windows just before it (no shuffling across time).',
    ],
  };
}
