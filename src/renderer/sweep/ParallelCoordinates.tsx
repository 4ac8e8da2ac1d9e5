/**
 * Parallel coordinates: an axis per swept parameter and one for the metric,
 * a line per trial through its values; the best trial drawn on top. Numbers
 * spanning more than a factor of 20 get a log axis; lists of words are spread
 * evenly. Pure SVG from the snapshot as main sent it.
 */
import type { SweepSnapshot, SweepValue } from '../../shared/sweep/config.js';

const WIDTH = 360;
const HEIGHT = 200;
const PAD = { top: 24, bottom: 28, side: 28 };

const short = (v: number) => String(Number(v.toPrecision(3)));

type Axis = (v: SweepValue | null) => number | null;

function axisFor(values: (SweepValue | null)[]): { at: Axis; ticks: [string, string] } {
  const present = values.filter((v): v is SweepValue => v !== null);
  const span = HEIGHT - PAD.top - PAD.bottom;
  const y = (f: number) => PAD.top + (1 - f) * span;
  if (present.length > 0 && present.every((v) => typeof v === 'number')) {
    const nums = present as number[];
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    const log = lo > 0 && hi / lo > 20;
    const t = (v: number) => (log ? Math.log(v) : v);
    const f = (v: number) => (hi === lo ? 0.5 : (t(v) - t(lo)) / (t(hi) - t(lo)));
    return { at: (v) => (typeof v === 'number' ? y(f(v)) : null), ticks: [short(lo), short(hi)] };
  }
  const words = [...new Set(present.map(String))];
  const f = (v: SweepValue) => (words.length === 1 ? 0.5 : words.indexOf(String(v)) / (words.length - 1));
  return { at: (v) => (v === null ? null : y(f(v))), ticks: [words[0] ?? '', words.at(-1) ?? ''] };
}

export function ParallelCoordinates({ snapshot }: { snapshot: SweepSnapshot }) {
  const columns = [...snapshot.paramPaths, snapshot.metric];
  const valueOf = (t: SweepSnapshot['trials'][number], c: string): SweepValue | null =>
    c === snapshot.metric && !snapshot.paramPaths.includes(c) ? t.value : (t.params[c] ?? null);
  const axes = columns.map((c) => axisFor(snapshot.trials.map((t) => valueOf(t, c))));
  const x = (i: number) => PAD.side + (i * (WIDTH - 2 * PAD.side)) / Math.max(1, columns.length - 1);
  const ordered = [...snapshot.trials].sort(
    (a, b) => Number(a.trial === snapshot.best) - Number(b.trial === snapshot.best),
  );
  return (
    <svg
      role="img"
      aria-label={`Parallel coordinates of ${snapshot.paramPaths.join(', ')} against ${snapshot.metric}`}
      data-lines={snapshot.trials.length}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="sweep-plot"
    >
      {columns.map((c, i) => (
        <g key={c}>
          <line x1={x(i)} x2={x(i)} y1={PAD.top} y2={HEIGHT - PAD.bottom} stroke="currentColor" opacity={0.4} />
          <text x={x(i)} y={12} textAnchor="middle" fontSize={9} fill="currentColor">
            {c.replace(/^training\./, '')}
          </text>
          <text
            x={x(i)}
            y={HEIGHT - PAD.bottom + 12}
            textAnchor="middle"
            fontSize={8}
            fill="currentColor"
            opacity={0.7}
          >
            {axes[i].ticks[0]}
          </text>
          <text x={x(i)} y={PAD.top - 3} textAnchor="middle" fontSize={8} fill="currentColor" opacity={0.7}>
            {axes[i].ticks[1]}
          </text>
        </g>
      ))}
      {ordered.map((t) => {
        const points = columns
          .map((c, i) => {
            const y = axes[i].at(valueOf(t, c));
            return y === null ? null : `${x(i)},${y}`;
          })
          .filter((p) => p !== null);
        const best = t.trial === snapshot.best;
        return (
          <polyline
            key={t.trial}
            points={points.join(' ')}
            fill="none"
            stroke={best ? '#4cc38a' : t.state === 'pruned' ? '#888' : '#5aa9ff'}
            strokeWidth={best ? 2.5 : 1.2}
            opacity={t.state === 'failed' ? 0.3 : 0.9}
          >
            <title>{`trial ${t.trial}: ${snapshot.metric} ${t.value ?? '–'}`}</title>
          </polyline>
        );
      })}
    </svg>
  );
}
