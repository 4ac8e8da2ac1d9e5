/**
 * What the fused recurrent ops (LSTM, GRU) share on the wasm heap: the cell
 * and gate activations in place (the pack's SIMD sigmoid/tanh), their slopes
 * as TF.js's float32 gradients compute them, and the sequence in time-major
 * rows.
 */
import { simdKernels } from './simd.js';
import { gemm, type GemmKernels, gemmKernels } from './gemm.js';
import { type Info, type WasmBackend, byteOffset, transpose } from './wasm-backend.js';

export type CellActivation = 'tanh' | 'sigmoid' | 'relu' | 'linear';
export type GateActivation = 'sigmoid' | 'hardSigmoid';

/** The attrs of every fused recurrent op's kernels. */
export interface SequenceAttrs {
  activation: CellActivation;
  gate: GateActivation;
  returnSequences: boolean;
  goBackwards: boolean;
  /** Keep every step's internals for the gradient (false: inference, two steps' worth). */
  save: boolean;
}

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
function timeMajor(
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

/** x [B, T, I] as time-major rows [T·B, I], or columns [I, T·B] when `cols`: a transpose, or by hand when `back`. */
export function timeMajorCopy(backend: WasmBackend, x: Info, back: boolean, cols: boolean): Info {
  const [B, T, I] = x.shape;
  if (!back) return transpose(backend, x, cols ? [2, 1, 0] : [1, 0, 2]);
  const out = backend.makeOutput(cols ? [I, T * B] : [T * B, I], 'float32');
  const at = (t: Info) => byteOffset(backend, t) >> 2;
  timeMajor(backend.wasm.HEAPF32, at(x), at(out), B, T, I, true, cols);
  return out;
}

/** Z [rows, G] = bias + X [rows, I]·W (float indices, W a byte address): the input side of every step at once. */
export function inputProduct(
  k: GemmKernels,
  heap: Float32Array,
  X: number,
  W: number,
  Z: number,
  bias: number,
  rows: number,
  G: number,
  I: number,
): void {
  for (let r = 0; r < rows; r++) heap.copyWithin(Z + r * G, bias, bias + G);
  gemm(k, heap, 4 * X, W, 4 * Z, rows, G, I);
}

/** Step t's output h [B, U] into y [B, T, U] (every step returned). */
export function storeStep(heap: Float32Array, Y: number, h: number, t: number, B: number, T: number, U: number): void {
  for (let b = 0; b < B; b++) heap.copyWithin(Y + (b * T + t) * U, h + b * U, h + (b + 1) * U);
}

/** dh [B, U] += dy's step t (dy [B, T, U]: every step returned). */
export function addStepGrad(
  heap: Float32Array,
  DH: number,
  DY: number,
  t: number,
  B: number,
  T: number,
  U: number,
): void {
  for (let b = 0; b < B; b++)
    for (let j = 0; j < U; j++) heap[DH + b * U + j] = f32(heap[DH + b * U + j] + heap[DY + (b * T + t) * U + j]);
}

/** What every backpropagation-through-time kernel starts from (Infos; the caller disposes all but dW, dR, dz). */
export interface GradStart {
  dW: Info;
  dR: Info;
  /** [(T + 1)·B, G]: every step's gates' gradients, time-major, then a block of zeros (dR pairs h_t with dz_{t+1}). */
  dz: Info;
  /** [B, U]: the output's gradient for the last step (every step: zeros; each step adds its own). */
  dh: Info;
  rT: Info;
  hT: Info;
  /** x as time-major columns [I, T·B]. */
  xT: Info;
  /** [B, U] zeros: the state before the first step. */
  zero: Info;
}

export function gradStart(
  backend: WasmBackend,
  inputs: { x: Info; recurrentKernel: Info; hs: Info; dy: Info },
  G: number,
  attrs: { returnSequences: boolean; goBackwards: boolean },
): GradStart {
  const [B, T, I] = inputs.x.shape;
  const U = inputs.recurrentKernel.shape[0];
  const s: GradStart = {
    dW: backend.makeOutput([I, G], 'float32'),
    dR: backend.makeOutput([U, G], 'float32'),
    dz: backend.makeOutput([(T + 1) * B, G], 'float32'),
    dh: backend.makeOutput([B, U], 'float32'),
    rT: transpose(backend, inputs.recurrentKernel, [1, 0]),
    hT: transpose(backend, inputs.hs, [1, 0]),
    xT: timeMajorCopy(backend, inputs.x, attrs.goBackwards, true),
    zero: backend.makeOutput([B, U], 'float32'),
  };
  const heap = backend.wasm.HEAPF32; // the values stay where they are if later allocations grow the heap
  const [DZ, DH, DY, H0] = [s.dz, s.dh, inputs.dy, s.zero].map((t) => byteOffset(backend, t) >> 2);
  heap.fill(0, H0, H0 + B * U);
  heap.fill(0, DZ + T * B * G, DZ + (T + 1) * B * G);
  if (attrs.returnSequences) heap.fill(0, DH, DH + B * U);
  else heap.copyWithin(DH, DY, DY + B * U);
  return s;
}
