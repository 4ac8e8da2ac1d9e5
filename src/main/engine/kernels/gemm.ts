/**
 * C = A·B in hand-written wasm SIMD on the wasm backend's heap, row-major
 * operands read in place (no packing). XNNPACK's fully-connected operator
 * re-packs its right operand on every call — a Dense layer's weights change
 * every step, so each product paid ~0.4 ms per 100k weights before any
 * multiply — and multiplies with separate f32x4.mul and add. This kernel
 * multiplies straight from B's rows with f32x4.relaxed_madd (one FMA
 * instruction where the CPU has it; a plain mul + add where the engine lacks
 * relaxed SIMD).
 *
 * Blocking: the columns in panels of 8 (two vectors), the rows in blocks of
 * MR; for each panel (K × 8 floats, in L1 for the layer sizes Deepwire
 * trains), every row block walks K once with MR × 2 accumulators in
 * registers. Edges: a 1- to 5-row kernel for the rows left over, a one-vector
 * kernel for 4 columns left over, and a scalar pass for the last 1–3 columns.
 */
import { I, T, assemble, forLoop, uleb, type FuncDef } from './wasm-asm.js';
import type { WasmBackend } from './wasm-backend.js';

const { i32, v128 } = T;
const g = I.get;

/** Rows per register block of the main kernel (MR × 2 accumulators + 2 B vectors + 1 splat fit in 16 registers). */
export const MR = 6;

const RELAXED_MADD = [0xfd, 0x85, 0x02];
/** v128.load32_splat: one broadcast load. */
const LOAD32_SPLAT = (offset: number) => [0xfd, 0x09, 2, ...uleb(offset)];
/** k steps per pass of the inner loop. */
const UNROLL = 4;
/** K per block (see gemm). */
const KC = 256;

/**
 * `name(a, b, c, rows, colBytes, K, lda, ldb, ldc)`: C[rows, cols] += A[rows, K]·B[K, cols], byte addresses and
 * row strides; rows a multiple of `mr`, colBytes a multiple of 16·nv.
 */
function tile(name: string, mr: number, nv: number, fma: boolean): FuncDef {
  // params a=0 b=1 c=2 rows=3 colBytes=4 K=5 lda=6 ldb=7 ldc=8
  // locals i=9 j=10 k=11 pb=12 | row pointers p_r = 13.. | acc (mr·nv) | bv (nv) | s
  const P = 13;
  const ACC = P + mr;
  const BV = ACC + mr * nv;
  const S = BV + nv;
  const acc = (r: number, v: number) => ACC + r * nv + v;
  const madd = (r: number, v: number) =>
    fma
      ? [...g(S), ...g(BV + v), ...g(acc(r, v)), ...RELAXED_MADD, ...I.set(acc(r, v))]
      : [...g(S), ...g(BV + v), ...I.vmul, ...g(acc(r, v)), ...I.vadd, ...I.set(acc(r, v))];
  const K4 = S + 1; // K rounded down to a multiple of UNROLL
  /** One k: B's row (nv vectors) at pb, pb += ldb, then each row's A value (at its pointer + 4u) times it. */
  const kStep = (u: number) => [
    ...Array.from({ length: nv }, (_, v) => [...g(12), ...I.vload(16 * v), ...I.set(BV + v)]).flat(),
    ...g(12),
    ...g(7),
    ...I.add,
    ...I.set(12),
    ...Array.from({ length: mr }, (_, r) => [
      ...g(P + r),
      ...LOAD32_SPLAT(4 * u),
      ...I.set(S),
      ...Array.from({ length: nv }, (_, v) => madd(r, v)).flat(),
    ]).flat(),
  ];
  const bumpRows = (bytes: number) =>
    Array.from({ length: mr }, (_, r) => [...g(P + r), ...I.i32(bytes), ...I.add, ...I.set(P + r)]).flat();
  /** The address of C[i + r, j]. */
  const cAt = (r: number) => [...g(2), ...g(9), ...I.i32(r), ...I.add, ...g(8), ...I.mul, ...I.add, ...g(10), ...I.add];
  const block = [
    // row pointers at row i, pb at column j
    ...Array.from({ length: mr }, (_, r) => [
      ...g(0),
      ...g(9),
      ...I.i32(r),
      ...I.add,
      ...g(6),
      ...I.mul,
      ...I.add,
      ...I.set(P + r),
    ]).flat(),
    // acc = C[i + r, j + 16v] (the kernel accumulates: C += A·B)
    ...Array.from({ length: mr }, (_, r) =>
      Array.from({ length: nv }, (_, v) => [...cAt(r), ...I.vload(16 * v), ...I.set(acc(r, v))]).flat(),
    ).flat(),
    ...g(1),
    ...g(10),
    ...I.add,
    ...I.set(12),
    // k in steps of UNROLL (A's values at constant offsets, one pointer bump per row), then one at a time
    ...forLoop(11, I.i32(0), g(K4), I.i32(UNROLL), [
      ...Array.from({ length: UNROLL }, (_, u) => kStep(u)).flat(),
      ...bumpRows(4 * UNROLL),
    ]),
    ...forLoop(11, g(K4), g(5), I.i32(1), [...kStep(0), ...bumpRows(4)]),
    // C[i + r, j + 16v] = acc
    ...Array.from({ length: mr }, (_, r) =>
      Array.from({ length: nv }, (_, v) => [...cAt(r), ...g(acc(r, v)), ...I.vstore(16 * v)]).flat(),
    ).flat(),
  ];
  return {
    name,
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
    locals: [
      i32,
      i32,
      i32,
      i32,
      ...Array<number>(mr).fill(i32),
      ...Array<number>(mr * nv + nv + 1).fill(v128),
      i32,
    ] as FuncDef['locals'],
    body: [
      ...g(5),
      ...g(5),
      ...I.i32(UNROLL),
      ...I.remU,
      ...I.sub,
      ...I.set(K4),
      ...forLoop(10, I.i32(0), g(4), I.i32(16 * nv), forLoop(9, I.i32(0), g(3), I.i32(mr), block)),
    ],
  };
}

type TileFn = (
  a: number,
  b: number,
  c: number,
  rows: number,
  colBytes: number,
  K: number,
  lda: number,
  ldb: number,
  ldc: number,
) => void;

export interface GemmKernels {
  main: TileFn;
  row: TileFn;
  rows2: TileFn;
  rows3: TileFn;
  rows4: TileFn;
  rows5: TileFn;
  col4: TileFn;
  one: TileFn;
}

const modules = new Map<boolean, WebAssembly.Module | null>();

/** The assembled module (with relaxed FMA when `fma`), or null where this engine refuses it. */
function gemmModule(fma: boolean): WebAssembly.Module | null {
  if (!modules.has(fma)) {
    const code = assemble([
      tile('main', MR, 2, fma),
      tile('row', 1, 2, fma),
      ...[2, 3, 4, 5].map((mr) => tile(`rows${mr}`, mr, 2, fma)),
      tile('col4', MR, 1, fma),
      tile('one', 1, 1, fma),
    ]) as BufferSource;
    modules.set(fma, WebAssembly.validate(code) ? new WebAssembly.Module(code) : null);
  }
  return modules.get(fma)!;
}

const instances = new WeakMap<WasmBackend, GemmKernels | null>();

/** The kernels on this backend's heap: relaxed FMA where the engine has it, else mul + add; null without wasm SIMD. */
export function gemmKernels(backend: WasmBackend): GemmKernels | null {
  if (!instances.has(backend)) {
    const mod = gemmModule(true) ?? gemmModule(false);
    const inst = mod && new WebAssembly.Instance(mod, { env: { memory: backend.wasm.asm.memory } });
    instances.set(backend, inst ? (inst.exports as unknown as GemmKernels) : null);
  }
  return instances.get(backend)!;
}

/** Row strides in floats (A's K, B's and C's N unless given): a block of columns of a wider matrix. */
export interface Strides {
  a?: number;
  b?: number;
  c?: number;
}

/**
 * C[M, N] += A[M, K]·B[K, N], all row-major, at byte addresses on the heap, contiguous unless `ld` says.
 * `heap` is the heap's current Float32Array (for the last 1–3 columns).
 */
export function gemm(
  k: GemmKernels,
  heap: Float32Array,
  a: number,
  b: number,
  c: number,
  M: number,
  N: number,
  K: number,
  ld: Strides = {},
): void {
  const s = { a: ld.a ?? K, b: ld.b ?? N, c: ld.c ?? N };
  // Blocks of KC along K keep each column panel of B (KC × 8 floats) in L1 while every row block uses it.
  for (let k0 = 0; k0 < K; k0 += KC) gemmBlock(k, heap, a + 4 * k0, b + 4 * k0 * s.b, c, M, N, Math.min(KC, K - k0), s);
}

/** The tile for the 1–5 rows left below the last block of MR (one pass, not a row at a time: batch 64 leaves 4). */
function edgeRows(k: GemmKernels, rows: number): TileFn {
  return [k.row, k.row, k.rows2, k.rows3, k.rows4, k.rows5][rows];
}

/** C += A[:, k0 : k0 + kc]·B[k0 : k0 + kc, :] (a and b already offset to k0; strides in floats). */
function gemmBlock(
  k: GemmKernels,
  heap: Float32Array,
  a: number,
  b: number,
  c: number,
  M: number,
  N: number,
  kc: number,
  ld: Required<Strides>,
): void {
  const lda = 4 * ld.a;
  const ldb = 4 * ld.b;
  const ldc = 4 * ld.c;
  const M6 = M - (M % MR);
  const N8 = N - (N % 8);
  const N4 = N - (N % 4);
  if (N8 > 0) {
    if (M6 > 0) k.main(a, b, c, M6, 4 * N8, kc, lda, ldb, ldc);
    if (M > M6) edgeRows(k, M - M6)(a + M6 * lda, b, c + M6 * ldc, M - M6, 4 * N8, kc, lda, ldb, ldc);
  }
  if (N4 > N8) {
    if (M6 > 0) k.col4(a, b + 4 * N8, c + 4 * N8, M6, 16, kc, lda, ldb, ldc);
    if (M > M6) k.one(a + M6 * lda, b + 4 * N8, c + M6 * ldc + 4 * N8, M - M6, 16, kc, lda, ldb, ldc);
  }
  if (N > N4) {
    const A = a >> 2;
    const B = b >> 2;
    const C = c >> 2;
    for (let i = 0; i < M; i++)
      for (let j = N4; j < N; j++) {
        let s = heap[C + i * ld.c + j];
        for (let q = 0; q < kc; q++) s += heap[A + i * ld.a + q] * heap[B + q * ld.b + j];
        heap[C + i * ld.c + j] = s;
      }
  }
}
