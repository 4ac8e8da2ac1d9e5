/**
 * A run's settings as flat `path = value` pairs (`training.optimizer.learningRate`),
 * the form run tables, diffs and TensorBoard's hparams use.
 */
import type { RunRecord } from '../project/runs-schema.js';

export type HyperValue = string | number | boolean | null;

function flatten(value: unknown, path: string, out: Record<string, HyperValue>): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    out[path] = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(',');
  } else if (value !== null && typeof value === 'object') {
    for (const k of Object.keys(value).sort())
      flatten((value as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out);
  } else out[path] = value as HyperValue;
}

/** Every setting of the run: `dataset.*`, `training.*`, `gan.*`, keys sorted. */
export function runHyperparameters(record: Pick<RunRecord, 'config'>): Record<string, HyperValue> {
  const out: Record<string, HyperValue> = {};
  flatten(record.config, '', out);
  return out;
}

/** The handful of settings a run table shows in one cell. */
export function hyperparameterSummary(record: Pick<RunRecord, 'config'>): string {
  const t = record.config.training;
  const parts = [`${t.optimizer.name} lr=${t.optimizer.learningRate}`, `batch=${t.batchSize}`, `epochs=${t.epochs}`];
  if (record.config.dataset.limit !== undefined) parts.push(`limit=${record.config.dataset.limit}`);
  return parts.join(' ');
}
