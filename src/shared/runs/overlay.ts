/**
 * Several runs' curves of one metric on shared axes (the History panel's
 * overlay): per-epoch curves by epoch number, per-batch curves by global
 * batch step. Per-batch series are cut to a chart's worth of points first
 * (LTTB, downsample.ts), then aligned on the union of their steps with null
 * where a run has no point, which is the form uPlot draws directly.
 */
import type { RunRecord } from '../project/runs-schema.js';
import { downsampleSeries } from './downsample.js';

export const OVERLAY_SCALES = ['epoch', 'batch'] as const;
export type OverlayScale = (typeof OVERLAY_SCALES)[number];

/** Points per run and series a chart needs (about its width in pixels). */
export const OVERLAY_POINTS = 600;

export interface OverlaySeries {
  id: string;
  /** The run's number in the table. */
  index: number;
  label: string;
  values: (number | null)[];
}

export interface Overlay {
  scale: OverlayScale;
  /** The metric drawn; null when none of the runs has a curve on this scale. */
  metric: string | null;
  /** Every metric at least one of the runs has on this scale, the usual ones first. */
  metrics: string[];
  x: number[];
  series: OverlaySeries[];
}

export interface NumberedRun {
  run: RunRecord;
  index: number;
}

/** Losses first, then accuracies, then the rest by name. */
const PREFERRED = ['loss', 'val_loss', 'accuracy', 'val_accuracy', 'd_loss', 'g_loss', 'd_real', 'd_fake', 'frechet'];

function rank(key: string): number {
  const i = PREFERRED.indexOf(key);
  return i === -1 ? PREFERRED.length : i;
}

function keysOf(run: RunRecord, scale: OverlayScale): string[] {
  return Object.keys((scale === 'epoch' ? run.history : run.batchHistory) ?? {});
}

export function overlayMetrics(runs: readonly NumberedRun[], scale: OverlayScale): string[] {
  const keys = new Set(runs.flatMap((r) => keysOf(r.run, scale)));
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The series of `metric` (the first listed when not given or not recorded) for each run, aligned on one x axis. */
export function overlayCurves(
  runs: readonly NumberedRun[],
  scale: OverlayScale,
  metric?: string,
  points: number = OVERLAY_POINTS,
): Overlay {
  const metrics = overlayMetrics(runs, scale);
  const chosen = metric !== undefined && metrics.includes(metric) ? metric : (metrics[0] ?? null);
  const empty: Overlay = { scale, metric: chosen, metrics, x: [], series: [] };
  if (chosen === null) return empty;
  const curves = runs.map(({ run }) => {
    if (scale === 'epoch') {
      const values = run.history[chosen] ?? [];
      return { step: values.map((_, i) => i + 1), value: values };
    }
    const s = run.batchHistory?.[chosen];
    return s ? downsampleSeries(s, points) : { step: [], value: [] };
  });
  const x = [...new Set(curves.flatMap((c) => c.step))].sort((a, b) => a - b);
  const column = new Map(x.map((step, i) => [step, i]));
  const series = runs.map(({ run, index }, r) => {
    const values: (number | null)[] = new Array<number | null>(x.length).fill(null);
    curves[r].step.forEach((step, i) => (values[column.get(step)!] = curves[r].value[i]));
    return { id: run.id, index, label: `Run ${index}`, values };
  });
  return { ...empty, x, series };
}
