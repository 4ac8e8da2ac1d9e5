/** Seeded randomness for shuffles and splits: the same seed gives the same run. */

import { seededRandom } from '../../../shared/random.js';

export { seededRandom };

/** Fisher–Yates in place. */
export function shuffleInPlace(values: Int32Array, random: () => number): Int32Array {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
  return values;
}

export function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

export const permutation = (n: number, seed: number): Int32Array => shuffleInPlace(range(n), seededRandom(seed));
