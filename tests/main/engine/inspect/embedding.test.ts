/** The 2-D projections of the inside view: PCA and seeded UMAP keep clusters apart and repeat exactly. */
import { describe, expect, it } from 'vitest';
import { project2d } from '../../../../src/main/engine/inspect/embedding.js';
import { seededRandom } from '../../../../src/shared/random.js';

/** Two well separated clusters of 30 points in 16 dimensions. */
function clusters(): { rows: Float32Array; n: number; d: number; labels: number[] } {
  const n = 60;
  const d = 16;
  const rnd = seededRandom(7);
  const rows = new Float32Array(n * d);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    labels.push(label);
    for (let j = 0; j < d; j++) rows[i * d + j] = (label === 1 && j < 4 ? 10 : 0) + rnd() - 0.5;
  }
  return { rows, n, d, labels };
}

/** Mean distance between clusters over mean distance within them: far above 1 when they stay apart. */
function separation(points: Float32Array, labels: number[]): number {
  let between = 0;
  let within = 0;
  let nb = 0;
  let nw = 0;
  for (let a = 0; a < labels.length; a++) {
    for (let b = a + 1; b < labels.length; b++) {
      const dist = Math.hypot(points[a * 2] - points[b * 2], points[a * 2 + 1] - points[b * 2 + 1]);
      if (labels[a] === labels[b]) {
        within += dist;
        nw++;
      } else {
        between += dist;
        nb++;
      }
    }
  }
  return between / nb / (within / nw);
}

describe('project2d', () => {
  for (const method of ['pca', 'umap'] as const) {
    it(`${method}: two clusters stay apart, and the same seed gives the same points`, () => {
      const { rows, n, d, labels } = clusters();
      const a = project2d(rows, n, d, method, 3);
      expect(a).toHaveLength(n * 2);
      expect(a.every(Number.isFinite)).toBe(true);
      expect(separation(a, labels)).toBeGreaterThan(3);
      expect(Array.from(project2d(rows, n, d, method, 3))).toEqual(Array.from(a));
    });
  }

  it('umap with another seed lays the points out differently', () => {
    const { rows, n, d } = clusters();
    expect(Array.from(project2d(rows, n, d, 'umap', 4))).not.toEqual(Array.from(project2d(rows, n, d, 'umap', 3)));
  });
});
