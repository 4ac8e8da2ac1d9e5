/**
 * What the fused recurrent ops (LSTM, GRU) share on the wasm heap: the cell
 * and gate activations in place (the pack's SIMD sigmoid/tanh), their slopes
 * as TF.js's float32 gradients compute them, and the sequence in time-major
 * rows.
 */
import { gemmKernels } from './gemm.js';
import { simdKernels } from './simd.js';
import type { WasmBackend } from './wasm-backend.js';

export type CellActivation = 'tanh' | 'sigmoid' | 'relu' | 'linear';
export type GateActivation = 'sigmoid' | 'hardSigmoid';

export const f32 = Math.fround;
const POINT2 = f32(0.2);

/** The pack's GEMM and SIMD kernels on this backend, or null (then the layer keeps TF.js's call). */
export function recurrentKernelsAvailable(backend: WasmBackend): boolean {
  return gemmKernels(backend) !== null && simdKernels(backend) !== null;
}

/** `a` applied in place to heap[p, p + n): SIMD on whole vectors, the rest as TF.js's float32 math. */
export function activate(
  backend: WasmBackend,
  heap: Float32Array,
  a: CellActivation | GateActivation,
  p: number,
  n: number,
): void {
  if (a === 'linear') return;
  if (a === 'relu') {
    for (let k = p; k < p + n; k++) if (heap[k] < 0) heap[k] = 0;
    return;
  }
  if (a === 'hardSigmoid') {
    for (let k = p; k < p + n; k++) heap[k] = Math.min(1, Math.max(0, f32(f32(POINT2 * heap[k]) + 0.5)));
    return;
  }
  const simd = simdKernels(backend)!;
  const body = n - (n % 4);
  if (body > 0) (a === 'tanh' ? simd.tanh : simd.sigmoid)(4 * p, 4 * p, 4 * body);
  for (let k = p + body; k < p + n; k++) heap[k] = a === 'tanh' ? Math.tanh(heap[k]) : 1 / (1 + Math.exp(-heap[k]));
}

/** Activation codes for the gradient's inner loop (numbers: one compare per element, no strings). */
export const TANH = 0;
export const SIGMOID = 1;
export const RELU = 2;
export const code = (a: CellActivation | GateActivation) =>
  a === 'tanh' ? TANH : a === 'sigmoid' ? SIGMOID : a === 'relu' ? RELU : a === 'hardSigmoid' ? -1 : 3;

/** d act / d z from the activation's output y (float32). */
export function slope(a: number, y: number): number {
  if (a === TANH) return f32(1 - f32(y * y));
  if (a === SIGMOID) return f32(y * f32(1 - y));
  if (a === RELU) return y > 0 ? 1 : 0;
  return 1;
}

/** d gate / d z: from the gate's output (sigmoid) or its input z (hard_sigmoid: 0.2 inside the clip, inclusive). */
export function gateSlope(a: number, y: number, z: number): number {
  if (a === SIGMOID) return f32(y * f32(1 - y));
  const s = f32(f32(POINT2 * z) + 0.5);
  return s >= 0 && s <= 1 ? POINT2 : 0;
}

/** x [B, T, I] into time-major rows [T·B, I] (time reversed when `back`), or transposed [I, T·B]. */
export function timeMajor(
  heap: Float32Array,
  x: number,
  out: number,
  B: number,
  T: number,
  I: number,
  back: boolean,
  cols: boolean,
): void {
  for (let t = 0; t < T; t++) {
    const ts = back ? T - 1 - t : t;
    for (let b = 0; b < B; b++) {
      const src = x + (b * T + ts) * I;
      const row = t * B + b;
      if (cols) for (let i = 0; i < I; i++) heap[out + i * T * B + row] = heap[src + i];
      else heap.copyWithin(out + row * I, src, src + I);
    }
  }
}

/** dst[j] += Σ_r src[r·cols + j] (float indices): the pack's SIMD column sum where rows are whole vectors. */
export function columnSums(
  backend: WasmBackend,
  heap: Float32Array,
  src: number,
  rows: number,
  cols: number,
  dst: number,
): void {
  if (cols % 4 === 0) return simdKernels(backend)!.colsum(4 * src, rows, 4 * cols, 4 * dst);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < cols; j++) heap[dst + j] = f32(heap[dst + j] + heap[src + r * cols + j]);
}
