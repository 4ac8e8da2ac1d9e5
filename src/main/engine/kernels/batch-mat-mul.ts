/**
 * BatchMatMul for wasm. The stock kernel hands only the plain a·b case
 * (no transposes, batch 1) to XNNPACK; with either transpose flag it falls
 * back to a scalar triple loop that is ~10× slower — and every Dense layer's
 * gradient (xᵀ·dy, dy·Wᵀ) takes that path. We transpose operands physically
 * (O(n)) and let XNNPACK do the O(n³) part, choosing between computing C
 * directly and computing Cᵀ = op(B)ᵀ·op(A)ᵀ (then transposing C back) by the
 * bytes each moves: XNNPACK re-packs its right-hand operand on every call.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, dispose, runStock, transpose, view } from './wasm-backend.js';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}

const plain = (backend: WasmBackend, a: Info, b: Info): Info =>
  runStock(backend, 'BatchMatMul', { a, b }, { transposeA: false, transposeB: false });

/** The [rows, cols] matrix, physically transposed when `flip`; the input itself otherwise. */
function oriented(backend: WasmBackend, t: Info, rows: number, cols: number, flip: boolean): Info {
  return flip ? transpose(backend, view(t, [rows, cols]), [1, 0]) : view(t, [rows, cols]);
}

export function batchMatMul(args: { inputs: { a: Info; b: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const { transposeA: tA, transposeB: tB } = attrs;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if ((!tA && !tB) || batchA !== 1 || batchB !== 1 || a.dtype !== 'float32')
    return runStock(backend, 'BatchMatMul', inputs, attrs);

  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [M, K] = tA ? [ac, ar] : [ar, ac];
  const N = tB ? br : bc;
  // Floats moved: transposes of the inputs, XNNPACK's packing of the right operand, the output transpose.
  const direct = (tA ? M * K : 0) + (tB ? K * N : 0) + K * N;
  const swapped = (tB ? 0 : K * N) + (tA ? 0 : M * K) + K * M + N * M;
  const lead = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);

  let out: Info;
  const temps: Info[] = [];
  if (direct <= swapped) {
    const left = oriented(backend, a, ar, ac, tA); // [M, K]
    const right = oriented(backend, b, br, bc, tB); // [K, N]
    out = plain(backend, view(left, [1, M, K]), view(right, [1, K, N]));
    temps.push(...[left, right].filter((t, i) => (i === 0 ? tA : tB)));
  } else {
    const left = oriented(backend, b, br, bc, !tB); // op(B)ᵀ: [N, K]
    const right = oriented(backend, a, ar, ac, !tA); // op(A)ᵀ: [K, M]
    const outT = plain(backend, view(left, [1, N, K]), view(right, [1, K, M]));
    out = transpose(backend, view(outT, [N, M]), [1, 0]);
    temps.push(...[left, right].filter((t, i) => (i === 0 ? !tB : !tA)), outT);
  }
  dispose(backend, ...temps);
  return { ...out, shape: [...lead, M, N] };
}
