/**
 * The Fréchet distance between two Gaussians fitted to feature rows (the FID
 * formula of Heusel et al. 2017):
 *
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁) + Tr(Σ₂) − 2·Tr √(Σ₁Σ₂)
 *
 * Σ₁Σ₂ is not symmetric, but it is similar to √Σ₁·Σ₂·√Σ₁, which is symmetric
 * PSD and has the same eigenvalues; so Tr √(Σ₁Σ₂) = Tr √(√Σ₁·Σ₂·√Σ₁), computed
 * with the Jacobi eigen-decomposition (no complex round-off, unlike scipy's
 * general sqrtm).
 */
import { type Matrix, meanAndCovariance, multiply, sqrtPsd, trace, traceSqrtPsd } from './linalg.js';

export interface Gaussian {
  mean: Float64Array;
  cov: Matrix;
}

/** Fits a Gaussian to `count` rows of `d` features. */
export function fitGaussian(rows: ArrayLike<number>, count: number, d: number): Gaussian {
  return meanAndCovariance(rows, count, d);
}

/** Makes a nearly symmetric matrix exactly symmetric (product round-off). */
function symmetrize(m: Matrix): Matrix {
  const { n, data } = m;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = (data[i * n + j] + data[j * n + i]) / 2;
      data[i * n + j] = v;
      data[j * n + i] = v;
    }
  return m;
}

export function frechetDistance(a: Gaussian, b: Gaussian): number {
  const d = a.mean.length;
  if (b.mean.length !== d) throw new Error(`Fréchet distance of ${d}- and ${b.mean.length}-dimensional features`);
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  const rootA = sqrtPsd(a.cov);
  const cross = traceSqrtPsd(symmetrize(multiply(multiply(rootA, b.cov), rootA)));
  // Round-off can make a distance between identical Gaussians a hair below 0.
  return Math.max(0, meanTerm + trace(a.cov) + trace(b.cov) - 2 * cross);
}
