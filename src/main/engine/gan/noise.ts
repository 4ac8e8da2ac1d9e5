/** Latent vectors z for the generator, drawn as its Noise layer says, seeded. */
import * as tf from '@tensorflow/tfjs';
import type { Latent } from './models.js';

/** z ~ N(0, 1) or U(−1, 1), shape [batch, size]; the same seed gives the same batch. */
export function sampleLatent(latent: Latent, batch: number, seed: number): tf.Tensor2D {
  const shape: [number, number] = [batch, latent.size];
  return latent.distribution === 'uniform'
    ? tf.randomUniform(shape, -1, 1, 'float32', seed)
    : tf.randomNormal(shape, 0, 1, 'float32', seed);
}

/**
 * A thread's share of a batch split over two threads: rows start…start+count
 * of a whole batch of `total` (backend/parallel/gan-trainer.ts).
 */
export interface Rows {
  start: number;
  count: number;
  total: number;
}

export const wholeBatch = (count: number): Rows => ({ start: 0, count, total: count });

/**
 * This share's rows of a seeded draw for the whole batch: `draw(total)` is
 * drawn in full and cut, so a split step sees exactly the noise, labels and
 * mixing weights the one-thread step of the same seed sees.
 */
export function rowsOf<T extends tf.Tensor>(rows: Rows, draw: (batch: number) => T): T {
  if (rows.count === rows.total) return draw(rows.total);
  return tf.tidy(() => {
    const all = draw(rows.total);
    return all.slice(rows.start, rows.count) as T;
  });
}
