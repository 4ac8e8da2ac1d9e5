/**
 * BatchMatMul and _FusedMatMul (a Dense layer's forward with bias and relu)
 * for wasm, on the pack's own GEMM (gemm.ts). The stock kernels hand a
 * product to XNNPACK's fully-connected operator, which re-packs its right
 * operand on every call (a Dense layer's weights change every step), and with
 * either transpose flag BatchMatMul falls back to a scalar triple loop — every
 * Dense layer's gradient (xᵀ·dy, dy·Wᵀ) takes that path. Here transposed
 * operands are transposed physically (O(n)), choosing between computing C
 * directly and computing Cᵀ = op(B)ᵀ·op(A)ᵀ (then transposing C back) by
 * the floats each moves; the bias is the accumulator's start, relu one pass.
 * Outputs narrower than 8 columns are padded to 8 where the product is big
 * (Conv2DBackpropFilter of a 6-filter layer), else swapped or left to the
 * stock kernel, as are batched products (batch > 1) and other activations.
 */
import * as tf from '@tensorflow/tfjs';
import { gemm, gemmKernels } from './gemm.js';
import { type Info, type WasmBackend, dispose, runStock, transpose, view, byteOffset } from './wasm-backend.js';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}

interface FusedAttrs extends Attrs {
  activation: string;
  leakyreluAlpha?: number;
}

/** Fewest columns the GEMM takes (below, the stock kernel is as fast). */
export const MIN_COLS = 8;
/** Least M·K for which a product with fewer than 8 columns is padded onto the GEMM. */
const NARROW_MIN = 1 << 18;

/** The [rows, cols] matrix, physically transposed when `flip`; the input itself otherwise. */
function oriented(backend: WasmBackend, t: Info, rows: number, cols: number, flip: boolean): Info {
  return flip ? transpose(backend, view(t, [rows, cols]), [1, 0]) : view(t, [rows, cols]);
}

/** out[M, N] = left[M, K]·right[K, N] (+ the bias row), all contiguous. */
function product(backend: WasmBackend, left: Info, right: Info, shape: number[], bias: Info | null): Info {
  const [M, K] = left.shape;
  const N = right.shape[1];
  if (N < MIN_COLS) return narrowProduct(backend, left, right, shape, bias);
  const out = backend.makeOutput(shape, 'float32');
  const heap = backend.wasm.HEAPF32; // after the allocation (the heap may have grown)
  const o = byteOffset(backend, out) >> 2;
  if (bias) {
    const row = byteOffset(backend, bias) >> 2;
    for (let i = 0; i < M; i++) heap.copyWithin(o + i * N, row, row + N);
  } else heap.fill(0, o, o + M * N);
  gemm(gemmKernels(backend)!, heap, byteOffset(backend, left), byteOffset(backend, right), o << 2, M, N, K);
  return out;
}

/** The same for fewer than 8 columns: right's rows padded with zeros to 8, the product's first N columns kept. */
function narrowProduct(backend: WasmBackend, left: Info, right: Info, shape: number[], bias: Info | null): Info {
  const [M, K] = left.shape;
  const N = right.shape[1];
  const padded = backend.makeOutput([K, MIN_COLS], 'float32');
  let heap = backend.wasm.HEAPF32;
  const r = byteOffset(backend, right) >> 2;
  const p = byteOffset(backend, padded) >> 2;
  heap.fill(0, p, p + K * MIN_COLS);
  for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) heap[p + k * MIN_COLS + j] = heap[r + k * N + j];
  const wide = product(backend, left, padded, [M, MIN_COLS], null);
  const out = backend.makeOutput(shape, 'float32');
  heap = backend.wasm.HEAPF32;
  const w = byteOffset(backend, wide) >> 2;
  const o = byteOffset(backend, out) >> 2;
  const b = bias ? byteOffset(backend, bias) >> 2 : -1;
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) heap[o + i * N + j] = heap[w + i * MIN_COLS + j] + (b >= 0 ? heap[b + j] : 0);
  dispose(backend, padded, wide);
  return out;
}

/** op(a)·op(b) (+ bias) on the GEMM, or null where the stock kernel should run. */
function matMul(backend: WasmBackend, a: Info, b: Info, attrs: Attrs, bias: Info | null): Info | null {
  const { transposeA: tA, transposeB: tB } = attrs;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if (batchA !== 1 || batchB !== 1 || a.dtype !== 'float32' || b.dtype !== 'float32') return null;
  if (!gemmKernels(backend)) return null;
  const [ar, ac] = a.shape.slice(-2);
  const [br, bc] = b.shape.slice(-2);
  const [M, K] = tA ? [ac, ar] : [ar, ac];
  const N = tB ? br : bc;
  if (bias && (bias.dtype !== 'float32' || tf.util.sizeFromShape(bias.shape) !== N)) return null;
  const lead = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  // Floats moved besides the product: the transposes of the inputs, and of the output when swapped.
  const direct = (tA ? M * K : 0) + (tB ? K * N : 0);
  const swapped = (tB ? 0 : K * N) + (tA ? 0 : M * K) + N * M;
  // Too narrow an output is swapped only where the transposes cost little beside the product,
  // else padded to 8 columns where the product is big enough to pay for the copies.
  const swap = !bias && M >= MIN_COLS && (N < MIN_COLS ? swapped * 16 < M * N * K : swapped < direct);
  if (!swap && N < MIN_COLS && M * K < NARROW_MIN) return null;

  const temps: Info[] = [];
  let out: Info;
  if (!swap) {
    const left = oriented(backend, a, ar, ac, tA); // [M, K]
    const right = oriented(backend, b, br, bc, tB); // [K, N]
    if (tA) temps.push(left);
    if (tB) temps.push(right);
    out = product(backend, left, right, [...lead, M, N], bias);
  } else {
    const left = oriented(backend, b, br, bc, !tB); // op(B)ᵀ: [N, K]
    const right = oriented(backend, a, ar, ac, !tA); // op(A)ᵀ: [K, M]
    if (!tB) temps.push(left);
    if (!tA) temps.push(right);
    const outT = product(backend, left, right, [N, M], null);
    temps.push(outT);
    out = { ...transpose(backend, outT, [1, 0]), shape: [...lead, M, N] };
  }
  dispose(backend, ...temps);
  return out;
}

/** a·b for the pack's own kernels: the GEMM where it applies, else the stock kernel. */
export function plainMatMul(backend: WasmBackend, a: Info, b: Info): Info {
  const attrs = { transposeA: false, transposeB: false };
  return matMul(backend, a, b, attrs, null) ?? runStock(backend, 'BatchMatMul', { a, b }, attrs);
}

export function batchMatMul(args: { inputs: { a: Info; b: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  return matMul(backend, inputs.a, inputs.b, attrs, null) ?? runStock(backend, 'BatchMatMul', inputs, attrs);
}

/** Dense's forward: op(a)·op(b) + bias, then linear or relu (other activations: the stock kernel). */
export function fusedMatMul(args: {
  inputs: { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
  backend: WasmBackend;
  attrs: FusedAttrs;
}): Info {
  const { inputs, backend, attrs } = args;
  const { a, b, bias, preluActivationWeights } = inputs;
  const ours = (attrs.activation === 'linear' || attrs.activation === 'relu') && !preluActivationWeights;
  const out = ours ? matMul(backend, a, b, attrs, bias ?? null) : null;
  if (!out) return runStock(backend, '_FusedMatMul', inputs as unknown as Record<string, Info>, attrs);
  if (attrs.activation === 'relu') {
    const heap = backend.wasm.HEAPF32;
    const o = byteOffset(backend, out) >> 2;
    const end = o + tf.util.sizeFromShape(out.shape);
    for (let i = o; i < end; i++) if (heap[i] < 0) heap[i] = 0; // NaN stays NaN, as the stock relu
  }
  return out;
}
