/**
 * The little dense linear algebra the Fréchet distance needs, in float64:
 * means and covariances of feature rows, products, and the eigen-decomposition
 * of a symmetric matrix by cyclic Jacobi rotations (robust, simple, and exact
 * enough for the 64–128-dimensional feature spaces used here). The square root
 * of a symmetric positive semi-definite matrix follows from it: V·√Λ·Vᵀ, with
 * tiny negative eigenvalues (round-off) clamped to zero.
 */

/** A square matrix, row-major. */
export interface Matrix {
  n: number;
  data: Float64Array;
}

export const matrix = (n: number, data?: ArrayLike<number>): Matrix => ({
  n,
  data: data ? Float64Array.from(data) : new Float64Array(n * n),
});

export function identity(n: number): Matrix {
  const m = matrix(n);
  for (let i = 0; i < n; i++) m.data[i * n + i] = 1;
  return m;
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const { n } = a;
  const out = matrix(n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a.data[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out.data[i * n + j] += aik * b.data[k * n + j];
    }
  return out;
}

export function trace(a: Matrix): number {
  let t = 0;
  for (let i = 0; i < a.n; i++) t += a.data[i * a.n + i];
  return t;
}

/** Mean (length d) and unbiased covariance (d × d) of `count` rows of `d` features. */
export function meanAndCovariance(
  rows: ArrayLike<number>,
  count: number,
  d: number,
): { mean: Float64Array; cov: Matrix } {
  const mean = new Float64Array(d);
  for (let r = 0; r < count; r++) for (let j = 0; j < d; j++) mean[j] += rows[r * d + j];
  for (let j = 0; j < d; j++) mean[j] /= count;
  const cov = matrix(d);
  const centred = new Float64Array(d);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < d; j++) centred[j] = rows[r * d + j] - mean[j];
    for (let i = 0; i < d; i++) {
      const ci = centred[i];
      if (ci === 0) continue;
      for (let j = i; j < d; j++) cov.data[i * d + j] += ci * centred[j];
    }
  }
  const denom = Math.max(1, count - 1);
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      const v = cov.data[i * d + j] / denom;
      cov.data[i * d + j] = v;
      cov.data[j * d + i] = v;
    }
  return { mean, cov };
}

/**
 * Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix by
 * cyclic Jacobi: each rotation zeroes one off-diagonal pair; sweeps repeat
 * until the off-diagonal mass is negligible relative to the whole matrix.
 */
export function symmetricEigen(a: Matrix, maxSweeps = 100): { values: Float64Array; vectors: Matrix } {
  const { n } = a;
  const m = Float64Array.from(a.data);
  const v = identity(n).data;
  let total = 0;
  for (let k = 0; k < n * n; k++) total += m[k] * m[k];
  const tolerance = 1e-30 * Math.max(total, 1e-300);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off <= tolerance) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotate(m, v, n, p, q, c, s);
      }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: { n, data: v } };
}

/** Applies the Jacobi rotation J(p, q, θ): m ← Jᵀ m J, v ← v J. */
function rotate(m: Float64Array, v: Float64Array, n: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < n; k++) {
    const mkp = m[k * n + p];
    const mkq = m[k * n + q];
    m[k * n + p] = c * mkp - s * mkq;
    m[k * n + q] = s * mkp + c * mkq;
  }
  for (let k = 0; k < n; k++) {
    const mpk = m[p * n + k];
    const mqk = m[q * n + k];
    m[p * n + k] = c * mpk - s * mqk;
    m[q * n + k] = s * mpk + c * mqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p];
    const vkq = v[k * n + q];
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

/** V · diag(f(λ)) · Vᵀ for a symmetric matrix. */
function spectralMap(a: Matrix, f: (lambda: number) => number): Matrix {
  const { values, vectors } = symmetricEigen(a);
  const { n } = a;
  const out = matrix(n);
  for (let k = 0; k < n; k++) {
    const fk = f(values[k]);
    if (fk === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = vectors.data[i * n + k] * fk;
      if (vik === 0) continue;
      for (let j = 0; j < n; j++) out.data[i * n + j] += vik * vectors.data[j * n + k];
    }
  }
  return out;
}

/** The principal square root of a symmetric PSD matrix (round-off negatives clamped to 0). */
export const sqrtPsd = (a: Matrix): Matrix => spectralMap(a, (l) => Math.sqrt(Math.max(l, 0)));

/** Tr √A for a symmetric PSD matrix: the sum of the square roots of its eigenvalues. */
export function traceSqrtPsd(a: Matrix): number {
  return symmetricEigen(a).values.reduce((s, l) => s + Math.sqrt(Math.max(l, 0)), 0);
}
