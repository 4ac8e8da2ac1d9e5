/**
 * Where trials come from: every point of a grid, seeded random samples, or a
 * small Bayesian search in the style of TPE (Bergstra et al., 2011).
 *
 * TPE here: after a few random trials, the finished ones are split into the
 * best quarter ("good") and the rest ("bad"); each parameter gets a Parzen
 * density per group (Gaussian kernels over the range, log-scaled where the
 * range is log, plus a uniform prior; smoothed counts for lists). Of 24
 * random candidates, the one with the highest good/bad density ratio is tried
 * next. No npm library for this is installed, and this is enough to steer a
 * dozen trials toward the better region.
 */
import type { SweepValue, TrialParams } from '../../../shared/sweep/config.js';
import type { ResolvedParam } from '../../../shared/sweep/params.js';

export type Random = () => number;

const tidy = (v: number) => Number(v.toPrecision(4));

/** [0,1] → a value of the param's domain. */
function fromUnit(p: ResolvedParam, u: number): SweepValue {
  const d = p.domain;
  if (d.kind === 'choice') return d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))];
  const x =
    d.scale === 'log'
      ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
      : d.min + u * (d.max - d.min);
  if (p.type === 'int') return Math.min(d.max, Math.max(d.min, Math.round(x)));
  return Math.min(d.max, Math.max(d.min, tidy(x)));
}

/** A range value → [0,1] (the inverse of fromUnit). */
function toUnit(p: ResolvedParam, v: number): number {
  const d = p.domain;
  if (d.kind !== 'range') return 0;
  return d.scale === 'log'
    ? (Math.log(v) - Math.log(d.min)) / (Math.log(d.max) - Math.log(d.min))
    : (v - d.min) / (d.max - d.min);
}

/** The values a grid takes for one param: its list, or `gridPoints` evenly spaced (log-spaced) points. */
export function gridValues(p: ResolvedParam): SweepValue[] {
  const d = p.domain;
  if (d.kind === 'choice') return d.values;
  const n = d.gridPoints;
  const points = Array.from({ length: n }, (_, i) => fromUnit(p, i / (n - 1)));
  return [...new Set(points)];
}

/** Every combination, the last param varying fastest. */
export function gridPoints(params: readonly ResolvedParam[]): TrialParams[] {
  let out: TrialParams[] = [{}];
  for (const p of params) {
    const values = gridValues(p);
    out = out.flatMap((partial) => values.map((v) => ({ ...partial, [p.path]: v })));
  }
  return out;
}

export function randomPoint(params: readonly ResolvedParam[], random: Random): TrialParams {
  const out: TrialParams = {};
  for (const p of params) out[p.path] = fromUnit(p, random());
  return out;
}

export interface Observation {
  params: TrialParams;
  /** Lower is better (maximised metrics are negated by the caller). */
  loss: number;
}

const GOOD_FRACTION = 0.25;
const CANDIDATES = 24;

function density(p: ResolvedParam, v: SweepValue, group: readonly TrialParams[]): number {
  const d = p.domain;
  if (d.kind === 'choice') {
    const hits = group.filter((g) => g[p.path] === v).length;
    return (hits + 1) / (group.length + d.values.length);
  }
  const x = toUnit(p, v as number);
  const sigma = Math.max(0.05, 0.5 * Math.pow(group.length + 1, -0.2));
  let sum = 1; // the uniform prior over [0,1]
  for (const g of group) {
    const z = (x - toUnit(p, g[p.path] as number)) / sigma;
    sum += Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
  }
  return sum / (group.length + 1);
}

/** The next point: random until `startup` trials finished, then the best of random candidates by l(x)/g(x). */
export function tpePoint(
  params: readonly ResolvedParam[],
  observed: readonly Observation[],
  random: Random,
  startup: number,
): TrialParams {
  if (observed.length < startup) return randomPoint(params, random);
  const sorted = [...observed].sort((a, b) => a.loss - b.loss);
  const cut = Math.max(1, Math.ceil(sorted.length * GOOD_FRACTION));
  const good = sorted.slice(0, cut).map((o) => o.params);
  const bad = sorted.slice(cut).map((o) => o.params);
  let best: TrialParams | null = null;
  let bestScore = -Infinity;
  for (let i = 0; i < CANDIDATES; i++) {
    const candidate = randomPoint(params, random);
    let score = 0;
    for (const p of params)
      score += Math.log(density(p, candidate[p.path], good)) - Math.log(density(p, candidate[p.path], bad));
    if (score > bestScore) [best, bestScore] = [candidate, score];
  }
  return best!;
}
