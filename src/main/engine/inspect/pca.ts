/**
 * Principal components by power iteration with deflation on the covariance
 * matrix: enough for a 2-D view of a penultimate layer (a few hundred
 * dimensions), deterministic (fixed start vector), no library needed.
 */

/** The rows' mean and first principal components: what projects these rows, or one more, the same way. */
export interface PcaFit {
  mean: Float64Array;
  components: Float64Array[];
}

/** Rows (n × d, the fit's d) on the fitted components: n × k, row-major. */
export function pcaProject({ mean, components }: PcaFit, rows: Float32Array, n: number): Float32Array {
  const d = mean.length;
  const k = components.length;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (rows[i * d + j] - mean[j]) * components[c][j];
      out[i * k + c] = s;
    }
  }
  return out;
}

/** The first `k` principal components of rows (n × d). */
export function pcaFit(rows: Float32Array, n: number, d: number, k = 2, iterations = 100): PcaFit {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += rows[i * d + j] / n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = rows[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ca = centred[a];
      if (ca === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += ca * centred[b];
    }
  }
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[b * d + a] = cov[a * d + b] /= Math.max(1, n - 1);

  const components: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    let v = new Float64Array(d).map((_, j) => 1 + ((j * 7919) % 13) / 13);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      const w = new Float64Array(d);
      for (let a = 0; a < d; a++) {
        let s = 0;
        for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
        w[a] = s;
      }
      const norm = Math.hypot(...w);
      if (norm < 1e-20) break;
      lambda = norm;
      v = w.map((x) => x / norm);
    }
    components.push(v);
    // Deflate, so the next iteration finds the next component.
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) cov[a * d + b] -= lambda * v[a] * v[b];
  }
  return { mean, components };
}
