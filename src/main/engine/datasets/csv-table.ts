/**
 * A CSV table: feature columns plus a label column (classifier: its distinct
 * values are the classes) or a numeric target column (regressor).
 */
import type { DatasetTask } from '../../../shared/training/protocol.js';
import { toNumber, type CsvTable } from './csv-parse.js';
import { checkRows, columnIndex, featureColumns, numericColumn, numericMatrix, readCsvFile } from './csv-columns.js';
import { DeepwireError } from '../../../shared/errors.js';
import { MAX_CLASSES, type RawDataset } from './types.js';

export interface CsvTableOptions {
  labelColumn: string;
  featureColumns?: string[];
  normalize: boolean;
  task: DatasetTask;
}

/** Distinct labels, numerically sorted when all are numbers, else by text. */
export function classNames(values: string[]): string[] {
  const distinct = [...new Set(values)];
  const numeric = distinct.every((v) => toNumber(v) !== null);
  return distinct.sort(numeric ? (a, b) => Number(a) - Number(b) : undefined);
}

/** The label column as class indices (classification, at most MAX_CLASSES names: DW414) or numbers (regression). */
export function readTargets(
  table: CsvTable,
  label: number,
  opts: { task: DatasetTask; labelColumn: string },
  file: string,
): { y: Int32Array | Float32Array; classes: string[] | null } {
  if (opts.task !== 'classification') return { y: numericColumn(table, label, file), classes: null };
  const values = table.rows.map((r) => r.cells[label].trim());
  const classes = classNames(values);
  if (classes.length > MAX_CLASSES) {
    throw new DeepwireError(
      'DW414',
      `${file}: the label column '${opts.labelColumn}' has ${classes.length} distinct values; a classifier takes at most ${MAX_CLASSES}`,
      file,
    );
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  return { y: Int32Array.from(values.map((v) => index.get(v)!)), classes };
}

export async function loadCsvTable(file: string, opts: CsvTableOptions, name: string): Promise<RawDataset> {
  const table = await readCsvFile(file);
  const label = columnIndex(table, opts.labelColumn, file, opts.task === 'classification' ? 'label' : 'target');
  const features = featureColumns(table, opts.featureColumns, [label], file);
  checkRows(table, file);
  const x = numericMatrix(table, features.cols, file);
  const { y, classes } = readTargets(table, label, opts, file);
  const notes = features.note ? [features.note] : [];
  notes.push('The CSV has no separate test set: 10% of the rows (seeded) are held out for testing.');
  return {
    name,
    task: opts.task,
    x,
    y,
    count: table.rows.length,
    sampleShape: [features.cols.length],
    classes,
    targetSize: 1,
    scaling: opts.normalize ? 'zscore' : 'none',
    notes,
  };
}
