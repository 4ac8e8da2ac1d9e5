/**
 * Training history from the project's runs: `history.json` (every run with
 * its settings, per-epoch curves and final metrics) and `history.csv` (one
 * row per run and epoch, a column per metric, empty where a run did not
 * record it or the value diverged).
 */
import type { Project } from '../../../shared/project/schema.js';
import type { RunRecord } from '../../../shared/project/runs-schema.js';
import { csvCell } from './escape.js';
import type { ExportFile } from './files.js';

/** Metric names over all runs: loss first, then accuracy, then the rest, each followed by its val_ twin. */
export function metricColumns(runs: readonly RunRecord[]): string[] {
  const names = new Set(runs.flatMap((r) => Object.keys(r.history)));
  const base = [...names].filter((n) => !n.startsWith('val_'));
  const rank = (n: string) => (n === 'loss' ? 0 : n === 'accuracy' ? 1 : 2);
  base.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const ordered = base.flatMap((n) => (names.has(`val_${n}`) ? [n, `val_${n}`] : [n]));
  return [...ordered, ...[...names].filter((n) => !ordered.includes(n)).sort()];
}

export function historyCsv(runs: readonly RunRecord[]): string {
  const metrics = metricColumns(runs);
  const lines = [['run', 'started_at', 'status', 'epoch', ...metrics].map(csvCell).join(',')];
  for (const run of runs) {
    const epochs = Math.max(0, ...Object.values(run.history).map((v) => v.length));
    for (let e = 0; e < epochs; e++) {
      lines.push(
        [run.id, run.startedAt, run.status, e + 1, ...metrics.map((m) => run.history[m]?.[e])].map(csvCell).join(','),
      );
    }
  }
  return lines.join('\n') + '\n';
}

export function historyJson(project: Project): string {
  return (
    JSON.stringify(
      { format: 'deepwire-history', version: 1, project: project.name, kind: project.kind, runs: project.runs },
      null,
      2,
    ) + '\n'
  );
}

export function historyFiles(project: Project): ExportFile[] {
  return [
    { path: 'history.json', data: historyJson(project) },
    { path: 'history.csv', data: historyCsv(project.runs) },
  ];
}
