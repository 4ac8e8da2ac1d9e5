/**
 * A CSV of token-id sequences of different lengths (issue #14): a label (classifier) or numeric target
 * (regressor) column and a tokens column whose cell holds the ids separated by spaces, e.g.
 * `label,tokens` / `pos,4 12 7 9` / `neg,5 3`. Samples are stored right-padded with 0 to the longest row;
 * batches are cut to the longest sample in each batch (prepare.ts), so a model whose Input has a time
 * dimension of None sees (batch, longest in batch) token ids. Id 0 is the padding: it is Keras's
 * `mask_zero` convention, so real tokens start at 1 (docs/datasets.md).
 */
import { DeepwireError } from '../../../shared/errors.js';
import type { DatasetTask } from '../../../shared/training/protocol.js';
import { checkRows, columnIndex, readCsvFile } from './csv-columns.js';
import { readTargets } from './csv-table.js';
import type { RawDataset } from './types.js';

/** The longest sequence a tokens cell may hold (longer rows are a data mistake, and padded memory grows with it). */
export const MAX_TOKENS = 100_000;

export interface CsvTokensOptions {
  labelColumn: string;
  tokensColumn: string;
  task: DatasetTask;
}

/** The ids of one tokens cell, or DW415 naming the line and the cell. */
function tokenIds(cell: string, where: string): number[] {
  const parts = cell.trim().split(/\s+/).filter(Boolean);
  const bad = parts.find((p) => !/^\d+$/.test(p) || Number(p) > 2 ** 31 - 1);
  if (parts.length === 0 || bad !== undefined || parts.length > MAX_TOKENS) {
    const why =
      parts.length === 0
        ? 'is empty'
        : bad !== undefined
          ? `holds '${bad.slice(0, 40)}', not a token id (a whole number ≥ 0)`
          : `holds ${parts.length} ids, more than ${MAX_TOKENS}`;
    throw new DeepwireError('DW415', `${where}: the tokens cell ${why}`, where);
  }
  return parts.map(Number);
}

export async function loadCsvTokens(file: string, opts: CsvTokensOptions, name: string): Promise<RawDataset> {
  const table = await readCsvFile(file);
  const label = columnIndex(table, opts.labelColumn, file, opts.task === 'classification' ? 'label' : 'target');
  const tokens = columnIndex(table, opts.tokensColumn, file, 'feature');
  checkRows(table, file);
  const rows = table.rows.map((r) => tokenIds(r.cells[tokens], `${file}:${r.line}`));
  // A loop, not Math.max(...rows): spreading a large file's rows would overflow the call stack.
  const longest = rows.reduce((m, r) => Math.max(m, r.length), 0);
  const x = new Float32Array(rows.length * longest);
  rows.forEach((ids, i) => x.set(ids, i * longest));
  const { y, classes } = readTargets(table, label, opts, file);
  const shortest = rows.reduce((m, r) => Math.min(m, r.length), Infinity);
  return {
    name,
    task: opts.task,
    x,
    y,
    count: rows.length,
    sampleShape: [longest],
    variableLength: true,
    classes,
    targetSize: 1,
    scaling: 'none',
    notes: [
      `Sequences of ${shortest} to ${longest} tokens: each batch is padded with 0 to its longest sample (token id 0 is the padding).`,
      'The CSV has no separate test set: 10% of the rows (seeded) are held out for testing.',
    ],
  };
}
