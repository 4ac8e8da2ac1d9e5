/**
 * Hand-written WebAssembly SIMD kernels for the memory-bound parts of a
 * training step, where JS loops are 10–40× slower than the wasm heap allows:
 * bias gradients (column sums), 2×2 max-pool gradients and the fused Adam
 * update. They run on the wasm backend's own memory (byte addresses).
 */
import { I, T, assemble, forLoop, type FuncDef } from './wasm-asm.js';
import type { WasmBackend } from './wasm-backend.js';

const { i32, f32, v128 } = T;
const g = I.get;

/** colsum(src, rows, rowBytes, dst): dst[j] += Σ_r src[r][j]; rowBytes a multiple of 16. */
const colsum: FuncDef = {
  name: 'colsum',
  params: [i32, i32, i32, i32],
  locals: [i32, i32, i32], // r=4, j=5, s=6
  body: [
    ...g(0),
    ...I.set(6),
    ...forLoop(4, I.i32(0), g(1), I.i32(1), [
      ...forLoop(5, I.i32(0), g(2), I.i32(16), [
        ...g(3),
        ...g(5),
        ...I.add,
        ...g(3),
        ...g(5),
        ...I.add,
        ...I.vload(),
        ...g(6),
        ...g(5),
        ...I.add,
        ...I.vload(),
        ...I.vadd,
        ...I.vstore(),
      ]),
      ...g(6),
      ...g(2),
      ...I.add,
      ...I.set(6),
    ]),
  ],
};

/**
 * pool2x2grad(x, dy, dxMinusX, B, H, OH, OW, rowBytes, pixBytes): the 2×2/2
 * max-pool gradient, dy routed to the first maximum of each window (window
 * order 00, 01, 10, 11, like the cpu backend); pixBytes a multiple of 16.
 */
const pool2x2grad: FuncDef = {
  name: 'pool2x2grad',
  params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
  // b=9 oy=10 ox=11 c=12 p=13 dyp=14 r0=15 | v00=16 v01=17 v10=18 v11=19 m=20 k01=21 k10=22 k11=23 gr=24
  locals: [i32, i32, i32, i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128, v128, v128],
  body: (() => {
    const at = (extra: number[]) => [...g(13), ...extra, ...I.add]; // p + extra
    const store = (addr: number[], value: number[]) => [...addr, ...g(2), ...I.add, ...value, ...I.vstore()];
    const inner = [
      // p = r0 + 2·ox·pixBytes + c
      ...g(15),
      ...g(11),
      ...I.i32(2),
      ...I.mul,
      ...g(8),
      ...I.mul,
      ...I.add,
      ...g(12),
      ...I.add,
      ...I.set(13),
      ...g(13),
      ...I.vload(),
      ...I.set(16),
      ...at(g(8)),
      ...I.vload(),
      ...I.set(17),
      ...at(g(7)),
      ...I.vload(),
      ...I.set(18),
      ...g(13),
      ...g(7),
      ...I.add,
      ...g(8),
      ...I.add,
      ...I.vload(),
      ...I.set(19),
      ...g(14),
      ...I.vload(),
      ...I.set(24),
      ...g(14),
      ...I.i32(16),
      ...I.add,
      ...I.set(14),
      // k01 = v01 > v00; m = max so far; k10 = v10 > m; k11 = v11 > m
      ...g(17),
      ...g(16),
      ...I.vgt,
      ...I.tee(21),
      ...g(17),
      ...g(16),
      ...g(21),
      ...I.bitselect,
      ...I.set(20),
      ...I.set(21),
      ...g(18),
      ...g(20),
      ...I.vgt,
      ...I.set(22),
      ...g(18),
      ...g(20),
      ...g(22),
      ...I.bitselect,
      ...I.set(20),
      ...g(19),
      ...g(20),
      ...I.vgt,
      ...I.set(23),
      // winners: 11 if k11; else 10 if k10; else 01 if k01; else 00
      ...store(g(13), [...g(24), ...g(21), ...g(22), ...I.vor, ...g(23), ...I.vor, ...I.vandnot]),
      ...store(at(g(8)), [...g(24), ...g(21), ...g(22), ...g(23), ...I.vor, ...I.vandnot, ...I.vand]),
      ...store(at(g(7)), [...g(24), ...g(22), ...g(23), ...I.vandnot, ...I.vand]),
      ...store([...g(13), ...g(7), ...I.add, ...g(8), ...I.add], [...g(24), ...g(23), ...I.vand]),
    ];
    return [
      ...g(1),
      ...I.set(14),
      ...forLoop(9, I.i32(0), g(3), I.i32(1), [
        ...forLoop(10, I.i32(0), g(5), I.i32(1), [
          // r0 = x + (b·H + 2·oy)·rowBytes
          ...g(0),
          ...g(9),
          ...g(4),
          ...I.mul,
          ...g(10),
          ...I.i32(2),
          ...I.mul,
          ...I.add,
          ...g(7),
          ...I.mul,
          ...I.add,
          ...I.set(15),
          ...forLoop(11, I.i32(0), g(6), I.i32(1), forLoop(12, I.i32(0), g(8), I.i32(16), inner)),
        ]),
      ]),
    ];
  })(),
};

/**
 * adam(w, g, m, v, wOut, mOut, vOut, nBytes, β1, β2, 1−β1, 1−β2, 1−β1ᵗ, 1−β2ᵗ, −lr, ε):
 * TF.js's Adam step, op for op in float32, fused into one pass; nBytes a multiple of 16.
 */
const adam: FuncDef = {
  name: 'adam',
  params: [i32, i32, i32, i32, i32, i32, i32, i32, f32, f32, f32, f32, f32, f32, f32, f32],
  // i=16 | M=17 V=18 G=19 | splats of params 8..15 at 20..27
  locals: [i32, v128, v128, v128, v128, v128, v128, v128, v128, v128, v128, v128],
  body: [
    ...[8, 9, 10, 11, 12, 13, 14, 15].flatMap((p) => [...g(p), ...I.splat, ...I.set(p + 12)]),
    ...forLoop(16, I.i32(0), g(7), I.i32(16), [
      ...g(1),
      ...g(16),
      ...I.add,
      ...I.vload(),
      ...I.set(19),
      ...g(2),
      ...g(16),
      ...I.add,
      ...I.vload(),
      ...g(20),
      ...I.vmul,
      ...g(19),
      ...g(22),
      ...I.vmul,
      ...I.vadd,
      ...I.set(17),
      ...g(3),
      ...g(16),
      ...I.add,
      ...I.vload(),
      ...g(21),
      ...I.vmul,
      ...g(19),
      ...g(19),
      ...I.vmul,
      ...g(23),
      ...I.vmul,
      ...I.vadd,
      ...I.set(18),
      ...g(5),
      ...g(16),
      ...I.add,
      ...g(17),
      ...I.vstore(),
      ...g(6),
      ...g(16),
      ...I.add,
      ...g(18),
      ...I.vstore(),
      ...g(4),
      ...g(16),
      ...I.add,
      ...g(17),
      ...g(24),
      ...I.vdiv,
      ...g(18),
      ...g(25),
      ...I.vdiv,
      ...I.vsqrt,
      ...g(27),
      ...I.vadd,
      ...I.vdiv,
      ...g(26),
      ...I.vmul,
      ...g(0),
      ...g(16),
      ...I.add,
      ...I.vload(),
      ...I.vadd,
      ...I.vstore(),
    ]),
  ],
};

/**
 * Eigen's rational tanh for float32 (generic_fast_tanh_float): x clamped to
 * ±7.9053, then x·P(x²)/Q(x²) with odd degree 13 over even degree 6; within a
 * few ulp of tanh. The stock wasm Tanh calls libm's tanh one element at a time.
 */
const TANH_CLAMP = 7.90531110763549805;
const TANH_P = [
  -2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8, 1.48572235717979e-5,
  6.37261928875436e-4, 4.89352455891786e-3,
];
const TANH_Q = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];

/** tanh(src, dst, nBytes): dst[i] = tanh(src[i]); nBytes a multiple of 16. */
const tanh: FuncDef = {
  name: 'tanh',
  params: [i32, i32, i32],
  // i=3 x=4 x2=5 p=6 q=7 | splats: clamp=8 −clamp=9 P=10..16 Q=17..20
  locals: [i32, v128, v128, v128, v128, ...Array<number>(13).fill(v128)] as FuncDef['locals'],
  body: (() => {
    const consts = [TANH_CLAMP, -TANH_CLAMP, ...TANH_P, ...TANH_Q];
    const horner = (acc: number, first: number, count: number) => [
      ...g(first),
      ...I.set(acc),
      ...Array.from({ length: count - 1 }, (_, k) => [
        ...g(acc),
        ...g(5),
        ...I.vmul,
        ...g(first + k + 1),
        ...I.vadd,
        ...I.set(acc),
      ]).flat(),
    ];
    return [
      ...consts.flatMap((c, k) => [...I.f32(c), ...I.splat, ...I.set(8 + k)]),
      ...forLoop(3, I.i32(0), g(2), I.i32(16), [
        ...g(0),
        ...g(3),
        ...I.add,
        ...I.vload(),
        ...g(9),
        ...I.vmax,
        ...g(8),
        ...I.vmin,
        ...I.set(4),
        ...g(4),
        ...g(4),
        ...I.vmul,
        ...I.set(5),
        ...horner(6, 10, TANH_P.length),
        ...horner(7, 17, TANH_Q.length),
        ...g(1),
        ...g(3),
        ...I.add,
        ...g(6),
        ...g(4),
        ...I.vmul,
        ...g(7),
        ...I.vdiv,
        ...I.vstore(),
      ]),
    ];
  })(),
};

/** Cephes' expf: e^t = 2^n · e^r, n = round(t·log2 e), |r| ≤ ln2/2, e^r by a degree-7 polynomial. */
const LOG2E = Math.LOG2E;
const LN2_HI = 0.693359375;
const LN2_LO = -2.1219444e-4;
const EXP_P = [1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
/** e^t stays a normal float32 (2^n with n in [−126, 127]). */
const EXP_LO = -87;
const EXP_HI = 88;

/**
 * sigmoid(src, dst, nBytes): dst[i] = 1 / (1 + e^(−src[i])), e^t as Cephes' expf (a few ulp), so
 * the result keeps its relative precision in both tails (log σ stays finite). nBytes a multiple of 16.
 */
const sigmoid: FuncDef = {
  name: 'sigmoid',
  params: [i32, i32, i32],
  // i=3 t=4 n=5 r=6 p=7 e=8 | splats: lo=9 hi=10 log2e=11 ln2hi=12 ln2lo=13 P=14..19 one=20 | 127 (i32x4)=21
  locals: [i32, ...Array<number>(18).fill(v128)] as FuncDef['locals'],
  body: (() => {
    const consts = [EXP_LO, EXP_HI, LOG2E, LN2_HI, LN2_LO, ...EXP_P, 1];
    return [
      ...consts.flatMap((c, k) => [...I.f32(c), ...I.splat, ...I.set(9 + k)]),
      ...I.i32(127),
      ...I.isplat,
      ...I.set(21),
      ...forLoop(3, I.i32(0), g(2), I.i32(16), [
        // t = clamp(−x)
        ...g(0),
        ...g(3),
        ...I.add,
        ...I.vload(),
        ...I.vneg,
        ...g(9),
        ...I.vmax,
        ...g(10),
        ...I.vmin,
        ...I.set(4),
        // n = round(t·log2 e); r = t − n·ln2 (in two parts)
        ...g(4),
        ...g(11),
        ...I.vmul,
        ...I.vnearest,
        ...I.set(5),
        ...g(4),
        ...g(5),
        ...g(12),
        ...I.vmul,
        ...I.vsub,
        ...g(5),
        ...g(13),
        ...I.vmul,
        ...I.vsub,
        ...I.set(6),
        // p = P(r); e^r = p·r² + r + 1
        ...g(14),
        ...I.set(7),
        ...[15, 16, 17, 18, 19].flatMap((k) => [...g(7), ...g(6), ...I.vmul, ...g(k), ...I.vadd, ...I.set(7)]),
        ...g(7),
        ...g(6),
        ...I.vmul,
        ...g(6),
        ...I.vmul,
        ...g(6),
        ...I.vadd,
        ...g(20),
        ...I.vadd,
        // · 2^n, built in the exponent bits: (n + 127) << 23
        ...g(5),
        ...I.truncSat,
        ...g(21),
        ...I.iadd4,
        ...I.i32(23),
        ...I.ishl4,
        ...I.vmul,
        ...I.set(8),
        // 1 / (1 + e^t)
        ...g(1),
        ...g(3),
        ...I.add,
        ...g(20),
        ...g(20),
        ...g(8),
        ...I.vadd,
        ...I.vdiv,
        ...I.vstore(),
      ]),
    ];
  })(),
};

/**
 * addrow(src, bias, dst, rows, rowBytes): dst[r][j] = src[r][j] + bias[j] (float32, any row length):
 * a layer's bias added to each of its outputs where the bias is not fused into the product.
 */
const addrow: FuncDef = {
  name: 'addrow',
  params: [i32, i32, i32, i32, i32],
  locals: [i32, i32, i32], // r=5, j=6, base=7
  body: forLoop(5, I.i32(0), g(3), I.i32(1), [
    ...g(5),
    ...g(4),
    ...I.mul,
    ...I.set(7),
    ...forLoop(6, I.i32(0), g(4), I.i32(4), [
      ...g(2),
      ...g(7),
      ...I.add,
      ...g(6),
      ...I.add,
      ...g(0),
      ...g(7),
      ...I.add,
      ...g(6),
      ...I.add,
      ...I.f32load(),
      ...g(1),
      ...g(6),
      ...I.add,
      ...I.f32load(),
      ...I.fadd,
      ...I.f32store(),
    ]),
  ]),
};

export interface SimdKernels {
  addrow(src: number, bias: number, dst: number, rows: number, rowBytes: number): void;
  tanh(src: number, dst: number, nBytes: number): void;
  sigmoid(src: number, dst: number, nBytes: number): void;
  colsum(src: number, rows: number, rowBytes: number, dst: number): void;
  pool2x2grad(
    x: number,
    dy: number,
    dxMinusX: number,
    B: number,
    H: number,
    OH: number,
    OW: number,
    rowBytes: number,
    pixBytes: number,
  ): void;
  adam(
    w: number,
    g: number,
    m: number,
    v: number,
    wOut: number,
    mOut: number,
    vOut: number,
    nBytes: number,
    ...scalars: number[]
  ): void;
}

let bytes: Uint8Array | null = null;
const instances = new WeakMap<WasmBackend, SimdKernels>();

/** The module's bytes (assembled once per process). */
export function simdModuleBytes(): Uint8Array {
  return (bytes ??= assemble([colsum, pool2x2grad, adam, tanh, sigmoid, addrow]));
}

/** The kernels bound to this backend's heap, or null where wasm SIMD is unavailable. */
export function simdKernels(backend: WasmBackend): SimdKernels | null {
  const have = instances.get(backend);
  if (have) return have;
  const code = simdModuleBytes();
  if (!WebAssembly.validate(code as BufferSource)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(code as BufferSource), {
    env: { memory: backend.wasm.asm.memory },
  });
  const kernels = instance.exports as unknown as SimdKernels;
  instances.set(backend, kernels);
  return kernels;
}
