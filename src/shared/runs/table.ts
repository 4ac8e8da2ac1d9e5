/**
 * The run history as table rows (History panel, `deepwire runs`): one row per
 * run, oldest first, numbered from 1 so a run can be named by its index.
 */
import type { Project } from '../project/schema.js';
import type { RunOutcome, RunRecord } from '../project/runs-schema.js';
import { hyperparameterSummary, runHyperparameters, type HyperValue } from './hyperparameters.js';

export interface RunRow {
  /** 1-based position in the project's run list. */
  index: number;
  id: string;
  startedAt: string;
  backend: string;
  device: string | null;
  dataset: string;
  /** Training samples as loaded (after a limit), when the record knows. */
  datasetSize: number | null;
  hyperparameters: Record<string, HyperValue>;
  /** Optimizer, learning rate, batch size, epochs, limit: the usual suspects in one line. */
  summary: string;
  graphRevision: string | null;
  durationSeconds: number | null;
  samplesPerSecond: number | null;
  epochsCompleted: number;
  /** Final metrics (test loss/accuracy…), without the speed. */
  metrics: Record<string, number | null>;
  outcome: RunOutcome;
}

export function durationSeconds(r: Pick<RunRecord, 'startedAt' | 'endedAt'>): number | null {
  if (!r.endedAt) return null;
  const s = (Date.parse(r.endedAt) - Date.parse(r.startedAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : null;
}

export function runRow(r: RunRecord, index: number): RunRow {
  const { samplesPerSecond, ...metrics } = r.metrics;
  return {
    index,
    id: r.id,
    startedAt: r.startedAt,
    backend: r.backend,
    device: r.device ?? null,
    dataset: r.config.dataset.source,
    datasetSize: r.datasetSizes?.train ?? r.config.dataset.limit ?? null,
    hyperparameters: runHyperparameters(r),
    summary: hyperparameterSummary(r),
    graphRevision: r.graphRevision ?? null,
    durationSeconds: durationSeconds(r),
    samplesPerSecond: samplesPerSecond ?? null,
    epochsCompleted: r.epochsCompleted,
    metrics,
    outcome: r.status,
  };
}

export function runTable(project: Pick<Project, 'runs'>): RunRow[] {
  return project.runs.map((r, i) => runRow(r, i + 1));
}

const num = (v: number | null, digits = 4) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(digits));

/** Short forms for the text table: `ab12cd34` (of `sha256:ab12cd34…`), `2026-12-05 21:53`. */
export const shortRevision = (rev: string | null) => (rev ? rev.replace(/^sha256:/, '').slice(0, 8) : '–');
const shortDate = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function metricCell(m: Record<string, number | null>): string {
  const shown = ['testAccuracy', 'testLoss', 'testMae'].filter((k) => k in m);
  const keys = shown.length > 0 ? shown : Object.keys(m).slice(0, 2);
  return keys.map((k) => `${k}=${num(m[k])}`).join(' ') || '–';
}

/** A fixed-width text table of the rows (the CLI's default output). */
export function formatRunTable(rows: readonly RunRow[]): string {
  if (rows.length === 0) return 'No runs recorded yet: train the project (deepwire train) to add one.';
  const head = [
    '#',
    'id',
    'date',
    'backend/device',
    'dataset',
    'settings',
    'graph',
    'time',
    'samples/s',
    'final',
    'outcome',
  ];
  const body = rows.map((r) => [
    String(r.index),
    r.id.slice(0, 8),
    shortDate(r.startedAt),
    r.device ? `${r.backend}/${r.device}` : r.backend,
    r.datasetSize === null ? r.dataset : `${r.dataset} (${r.datasetSize})`,
    r.summary,
    shortRevision(r.graphRevision),
    r.durationSeconds === null ? '–' : `${r.durationSeconds.toFixed(1)}s`,
    r.samplesPerSecond === null ? '–' : String(Math.round(r.samplesPerSecond)),
    metricCell(r.metrics),
    r.outcome,
  ]);
  return textTable(head, body).join('\n');
}

/** Left-aligned columns two spaces apart, a dashed rule under the head (run tables, sweep tables). */
export function textTable(head: readonly string[], body: readonly (readonly string[])[]): string[] {
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
}
