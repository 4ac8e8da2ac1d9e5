/**
 * A layer's activations for many samples, projected to 2-D: PCA (linear,
 * our own power iteration) or UMAP (umap-js, PAIR's implementation, with our
 * seeded generator so the same model and samples give the same picture).
 */
import { UMAP } from 'umap-js';
import type { EmbeddingMethod } from '../../../shared/api/inspect.js';
import { seededRandom } from '../../../shared/random.js';
import { pca } from './pca.js';

export { EMBEDDING_METHODS, type EmbeddingMethod } from '../../../shared/api/inspect.js';

/** UMAP's optimisation epochs: fewer than its default (500 below 10 000 points) keeps a request under a second. */
const UMAP_EPOCHS = 200;

/** Rows (n × d, row-major) as n × 2 points, row-major. */
export function project2d(rows: Float32Array, n: number, d: number, method: EmbeddingMethod, seed = 1): Float32Array {
  if (method === 'pca') return pca(rows, n, d, 2);
  const data = Array.from({ length: n }, (_, i) => Array.from(rows.subarray(i * d, (i + 1) * d)));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.max(2, Math.min(15, n - 1)),
    nEpochs: UMAP_EPOCHS,
    random: seededRandom(seed),
  });
  return Float32Array.from(umap.fit(data).flat());
}
