/**
 * A layer's activations for many samples, projected to 2-D: PCA (linear,
 * our own power iteration) or UMAP (umap-js, PAIR's implementation, with our
 * seeded generator so the same model and samples give the same picture).
 */
import { UMAP } from 'umap-js';
import type { EmbeddingMethod } from '../../../shared/api/inspect.js';
import { seededRandom } from '../../../shared/random.js';
import { pcaFit, pcaProject } from './pca.js';

export { EMBEDDING_METHODS, type EmbeddingMethod } from '../../../shared/api/inspect.js';

/** UMAP's optimisation epochs: fewer than its default (500 below 10 000 points) keeps a request under a second. */
const UMAP_EPOCHS = 200;

/** Rows (n × d, row-major) as n × 2 points, row-major. */
export function project2d(rows: Float32Array, n: number, d: number, method: EmbeddingMethod, seed = 1): Float32Array {
  return embed2d(rows, n, d, method, seed).points;
}

export interface Embedded2d {
  /** n × 2, row-major. */
  points: Float32Array;
  /** Places one more row (d values) in the same plane: PCA only (UMAP's layout is fitted to its points). */
  place?: (row: Float32Array) => [number, number];
}

export function embed2d(rows: Float32Array, n: number, d: number, method: EmbeddingMethod, seed = 1): Embedded2d {
  if (method === 'pca') {
    const fit = pcaFit(rows, n, d, 2);
    return {
      points: pcaProject(fit, rows, n),
      place: (row) => {
        const [x, y] = pcaProject(fit, row, 1);
        return [x, y];
      },
    };
  }
  const data = Array.from({ length: n }, (_, i) => Array.from(rows.subarray(i * d, (i + 1) * d)));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(15, n - 1)),
    nEpochs: UMAP_EPOCHS,
    random: seededRandom(seed),
  });
  return { points: Float32Array.from(umap.fit(data).flat()) };
}
