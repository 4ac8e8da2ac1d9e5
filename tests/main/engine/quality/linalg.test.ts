import { describe, expect, it } from 'vitest';
import {
  identity,
  matrix,
  meanAndCovariance,
  multiply,
  sqrtPsd,
  symmetricEigen,
  traceSqrtPsd,
} from '../../../../src/main/engine/quality/linalg.js';
import { fitGaussian, frechetDistance } from '../../../../src/main/engine/quality/frechet.js';

/** Deterministic pseudo-random numbers (mulberry32) and standard normals. */
function rng(seed: number) {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform() + 1e-12)) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** A random symmetric PSD matrix B·Bᵀ (rank ≤ r). */
function randomPsd(n: number, r: number, seed: number) {
  const { normal } = rng(seed);
  const b = matrix(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < r; j++) b.data[i * n + j] = normal();
  const bt = matrix(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) bt.data[j * n + i] = b.data[i * n + j];
  return multiply(b, bt);
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('symmetric eigen-decomposition (Jacobi)', () => {
  it('finds the eigenvalues of a known 2×2 and 3×3 matrix', () => {
    const two = symmetricEigen(matrix(2, [2, 1, 1, 2]));
    expect([...two.values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    // Eigenvalues of the 1-D Laplacian tridiag(-1, 2, -1): 2 - 2cos(kπ/4).
    const three = symmetricEigen(matrix(3, [2, -1, 0, -1, 2, -1, 0, -1, 2]));
    const expected = [1, 2, 3].map((k) => 2 - 2 * Math.cos((k * Math.PI) / 4));
    expect(
      [...three.values]
        .sort((x, y) => x - y)
        .map((v, i) => v - expected[i])
        .every((d) => Math.abs(d) < 1e-12),
    ).toBe(true);
  });

  it('reconstructs a random 64×64 matrix as V·Λ·Vᵀ with orthonormal V', () => {
    const a = randomPsd(64, 64, 3);
    const { values, vectors } = symmetricEigen(a);
    const n = 64;
    const vtv = matrix(n);
    const back = matrix(n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        let r = 0;
        for (let k = 0; k < n; k++) {
          s += vectors.data[k * n + i] * vectors.data[k * n + j];
          r += vectors.data[i * n + k] * values[k] * vectors.data[j * n + k];
        }
        vtv.data[i * n + j] = s;
        back.data[i * n + j] = r;
      }
    expect(maxAbsDiff(vtv.data, identity(n).data)).toBeLessThan(1e-10);
    expect(maxAbsDiff(back.data, a.data) / maxAbsDiff(a.data, new Float64Array(n * n))).toBeLessThan(1e-10);
  });
});

describe('PSD square root', () => {
  it('squares back to the matrix, also for a rank-deficient one', () => {
    for (const [n, r] of [
      [10, 10],
      [32, 5],
    ]) {
      const a = randomPsd(n, r, 7 + n);
      const root = sqrtPsd(a);
      const squared = multiply(root, root);
      const scale = maxAbsDiff(a.data, new Float64Array(n * n));
      expect(maxAbsDiff(squared.data, a.data) / scale).toBeLessThan(1e-9);
      // The principal root is symmetric.
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) expect(root.data[i * n + j]).toBeCloseTo(root.data[j * n + i], 9);
    }
  });

  it('of a diagonal matrix is the elementwise root; its trace matches traceSqrtPsd', () => {
    const a = matrix(3, [4, 0, 0, 0, 9, 0, 0, 0, 0.25]);
    expect(maxAbsDiff(sqrtPsd(a).data, [2, 0, 0, 0, 3, 0, 0, 0, 0.5])).toBeLessThan(1e-14);
    expect(traceSqrtPsd(a)).toBeCloseTo(5.5, 12);
  });
});

describe('Fréchet distance', () => {
  it('is zero for identical Gaussians and ‖μ₁−μ₂‖² for a pure shift', () => {
    const cov = randomPsd(8, 8, 11);
    const a = { mean: new Float64Array(8), cov };
    expect(frechetDistance(a, a)).toBeLessThan(1e-8);
    const shifted = { mean: Float64Array.from({ length: 8 }, (_, i) => (i === 2 ? 3 : 0)), cov };
    expect(frechetDistance(a, shifted)).toBeCloseTo(9, 6);
  });

  it('matches the closed form for commuting (diagonal) covariances: Σ (√a − √b)²', () => {
    const a = { mean: new Float64Array(3), cov: matrix(3, [1, 0, 0, 0, 4, 0, 0, 0, 9]) };
    const b = { mean: new Float64Array(3), cov: matrix(3, [4, 0, 0, 0, 4, 0, 0, 0, 1]) };
    expect(frechetDistance(a, b)).toBeCloseTo(1 + 0 + 4, 10);
  });

  it('is symmetric for non-commuting covariances', () => {
    const a = { mean: new Float64Array(16), cov: randomPsd(16, 16, 21) };
    const b = { mean: new Float64Array(16).fill(0.5), cov: randomPsd(16, 6, 22) };
    expect(frechetDistance(a, b)).toBeCloseTo(frechetDistance(b, a), 6);
  });

  it('estimates ≈ 0 between two samples of one distribution, and grows with the gap', () => {
    const { normal } = rng(5);
    const d = 4;
    const sample = (n: number, shift: number) =>
      Float64Array.from({ length: n * d }, (_, k) => normal() * (1 + (k % d) / 2) + shift);
    const a = fitGaussian(sample(4000, 0), 4000, d);
    const b = fitGaussian(sample(4000, 0), 4000, d);
    const c = fitGaussian(sample(4000, 1), 4000, d);
    expect(frechetDistance(a, b)).toBeLessThan(0.05);
    expect(frechetDistance(a, c)).toBeCloseTo(d, 0);
    const { mean, cov } = meanAndCovariance([1, 2, 3, 4, 5, 6], 3, 2);
    expect([...mean]).toEqual([3, 4]);
    expect([...cov.data]).toEqual([4, 4, 4, 4]);
  });
});
