/**
 * Long per-batch curves are kept compact: Largest-Triangle-Three-Buckets
 * (Steinarsson 2013) keeps the first and last point and, per bucket, the
 * point that best preserves the curve's shape, so spikes survive while a
 * 100,000-batch run stores at most 1,000 points per series.
 */
import type { BatchSeries, RunRecord } from '../project/runs-schema.js';

/** The most points a stored per-batch series holds. */
export const MAX_CURVE_POINTS = 1000;

/** Indices of the points LTTB keeps out of `ys` (x = `xs`), ascending; all of them when there are ≤ `max`. */
export function lttbIndices(xs: readonly number[], ys: readonly number[], max: number = MAX_CURVE_POINTS): number[] {
  const n = ys.length;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  if (max < 3) return max <= 1 ? [0].slice(0, max) : [0, n - 1];
  const kept = [0];
  const bucket = (n - 2) / (max - 2);
  let a = 0;
  for (let b = 0; b < max - 2; b++) {
    const start = Math.floor(b * bucket) + 1;
    const end = Math.floor((b + 1) * bucket) + 1;
    // The average of the next bucket is the third corner of the triangle.
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * bucket) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      avgX += xs[i];
      avgY += ys[i];
    }
    const m = Math.max(nextEnd - nextStart, 1);
    avgX /= m;
    avgY /= m;
    let best = start;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const area = Math.abs((xs[a] - avgX) * (ys[i] - ys[a]) - (xs[a] - xs[i]) * (avgY - ys[a]));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    kept.push(best);
    a = best;
  }
  kept.push(n - 1);
  return kept;
}

/** A series with at most `max` points; points without a value (diverged: null) are always kept, within the cap. */
export function downsampleSeries(series: BatchSeries, max: number = MAX_CURVE_POINTS): BatchSeries {
  if (series.value.length <= max) return series;
  const finite: number[] = [];
  series.value.forEach((v, i) => {
    if (v !== null) finite.push(i);
  });
  const gaps = series.value.length - finite.length;
  const budget = Math.max(max - Math.min(gaps, Math.max(1, Math.floor(max / 10))), 3);
  const chosen = lttbIndices(
    finite.map((i) => series.step[i]),
    finite.map((i) => series.value[i] as number),
    budget,
  ).map((k) => finite[k]);
  const nulls = series.value.flatMap((v, i) => (v === null ? [i] : [])).slice(0, max - chosen.length);
  const keep = [...chosen, ...nulls].sort((x, y) => x - y);
  return { step: keep.map((i) => series.step[i]), value: keep.map((i) => series.value[i]) };
}

/** Stored values keep 6 significant digits (float32 has about 7): half the JSON of full doubles, nothing a chart shows. */
const stored = (v: number | null): number | null =>
  v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(6));

/** The record as stored: every per-batch curve downsampled, values rounded, non-finite ones null. Idempotent. */
export function compactRun(record: RunRecord, max: number = MAX_CURVE_POINTS): RunRecord {
  if (!record.batchHistory) return record;
  const batchHistory = Object.fromEntries(
    Object.entries(record.batchHistory).map(([k, s]) => {
      const d = downsampleSeries(
        { step: s.step, value: s.value.map((v) => (v === null || Number.isFinite(v) ? v : null)) },
        max,
      );
      return [k, { step: d.step, value: d.value.map(stored) }];
    }),
  );
  return { ...record, batchHistory };
}
