/** The History table's sort orders: a column key and a direction; rows without a value go last. */
import type { RunRow } from '../../shared/runs/table.js';

export const SORT_KEYS = [
  'index',
  'backend',
  'dataset',
  'learningRate',
  'graphRevision',
  'durationSeconds',
  'samplesPerSecond',
  'metric',
  'outcome',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

/** The final metric a row is judged by: test accuracy, else test loss, else test MAE, else the first one. */
export function primaryMetric(row: RunRow): { key: string; value: number | null } | null {
  const key = ['testAccuracy', 'testLoss', 'testMae'].find((k) => k in row.metrics) ?? Object.keys(row.metrics)[0];
  return key === undefined ? null : { key, value: row.metrics[key] };
}

function value(row: RunRow, key: SortKey): string | number | null {
  switch (key) {
    case 'backend':
      return row.device ? `${row.backend}/${row.device}` : row.backend;
    case 'learningRate': {
      const lr = row.hyperparameters['training.optimizer.learningRate'];
      return typeof lr === 'number' ? lr : null;
    }
    case 'metric':
      return primaryMetric(row)?.value ?? null;
    default:
      return row[key];
  }
}

export function sortRows(rows: readonly RunRow[], key: SortKey, direction: SortDirection): RunRow[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, key);
    const y = value(b, key);
    if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a.index - b.index : sign * c;
  });
}
