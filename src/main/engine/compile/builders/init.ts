/**
 * Seeded initializers with Keras's defaults, so the same seed gives the same
 * starting weights (TF.js seeds its defaults from Math.random).
 */
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../datasets/rng.js';
import type { BuildContext } from './types.js';

export const glorot = (ctx: BuildContext) => tf.initializers.glorotUniform({ seed: ctx.nextSeed() });
export const embeddingInit = (ctx: BuildContext) =>
  tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: ctx.nextSeed() });

/** A random matrix with orthonormal columns (m ≥ n), by modified Gram–Schmidt on seeded normals. */
export function orthonormalColumns(m: number, n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const q = new Float64Array(m * n); // column-major: column j is q[j*m .. j*m+m)
  for (let i = 0; i < q.length; i++) q[i] = normal();
  for (let j = 0; j < n; j++) {
    const cj = j * m;
    for (let k = 0; k < j; k++) {
      const ck = k * m;
      let dot = 0;
      for (let i = 0; i < m; i++) dot += q[ck + i] * q[cj + i];
      for (let i = 0; i < m; i++) q[cj + i] -= dot * q[ck + i];
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += q[cj + i] * q[cj + i];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < m; i++) q[cj + i] /= norm;
  }
  return q;
}

/**
 * Keras's orthogonal recurrent initializer. TF.js's own runs a tensor QR that
 * takes tens of seconds for a 128-unit LSTM on the cpu backend; this computes
 * the same kind of matrix in plain JS in milliseconds. The object is still
 * TF.js's Orthogonal (same class name and config), so saved models load anywhere.
 */
export function orthogonal(ctx: BuildContext): ReturnType<typeof tf.initializers.orthogonal> {
  const seed = ctx.nextSeed();
  const init = tf.initializers.orthogonal({ seed, gain: 1 });
  (init as unknown as { apply: (shape: number[]) => tf.Tensor }).apply = (shape: number[]) => {
    const rows = shape.slice(0, -1).reduce((a, d) => a * d, 1);
    const cols = shape[shape.length - 1];
    const m = Math.max(rows, cols);
    const n = Math.min(rows, cols);
    const q = orthonormalColumns(m, n, seed);
    const out = new Float32Array(rows * cols);
    // q is m×n column-major; the weight is rows×cols row-major: Q itself when rows ≥ cols, else Qᵀ.
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) out[r * cols + c] = rows >= cols ? q[c * m + r] : q[r * m + c];
    return tf.tensor(out, shape, 'float32');
  };
  return init;
}
