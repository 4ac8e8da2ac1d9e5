/** The best trial so far: its metric per epoch, as an SVG line (from the snapshot as sent). */
import type { SweepSnapshot } from '../../shared/sweep/config.js';

const WIDTH = 360;
const HEIGHT = 120;
const PAD = 20;

export function BestCurve({ snapshot }: { snapshot: SweepSnapshot }) {
  const best = snapshot.best === null ? null : snapshot.trials.find((t) => t.trial === snapshot.best);
  const curve = (best?.curve ?? [])
    .map((v, i) => [i + 1, v] as const)
    .filter((p): p is [number, number] => p[1] !== null);
  const label = best
    ? `Best curve so far: trial ${best.trial}, ${snapshot.metric} per epoch`
    : 'Best curve so far: none yet';
  const values = curve.map(([, v]) => v);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (epoch: number) => PAD + ((epoch - 1) * (WIDTH - 2 * PAD)) / Math.max(1, curve.length - 1);
  const y = (v: number) => PAD + (hi === lo ? 0.5 : 1 - (v - lo) / (hi - lo)) * (HEIGHT - 2 * PAD);
  return (
    <svg
      role="img"
      aria-label={label}
      data-points={curve.length}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="sweep-plot"
    >
      <text x={PAD} y={12} fontSize={9} fill="currentColor">
        {best
          ? `trial ${best.trial}: ${snapshot.metric} ${values.at(-1)?.toPrecision(4) ?? '–'}`
          : 'no finished trial yet'}
      </text>
      {curve.length > 0 && (
        <polyline
          points={curve.map(([e, v]) => `${x(e)},${y(v)}`).join(' ')}
          fill="none"
          stroke="#4cc38a"
          strokeWidth={2}
        />
      )}
      {curve.map(([e, v]) => (
        <circle key={e} cx={x(e)} cy={y(v)} r={2.5} fill="#4cc38a" />
      ))}
    </svg>
  );
}
