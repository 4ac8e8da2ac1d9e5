/**
 * The LSTM cell's elementwise steps in wasm SIMD (lstm-kernel.ts calls them
 * per time step; the gates' sigmoid/tanh are simd.ts's). Rows of the gate
 * block z [B, 4U] are i, f, c, o, each U wide; U a multiple of 4 (else the
 * kernel's JS loops run). The same float32 operations, in the same order, as
 * the JS loops and TF.js's own cell: c = f·c₋₁ + i·g, h = o·act(c), and the
 * gradient for tanh with sigmoid gates.
 */
import { I, T, forLoop, type FuncDef, heapKernels } from './wasm-asm.js';

const { i32, v128 } = T;
const g = I.get;

// Shared locals after the params: r, j, zp (z's row + j), e (r·Ub + j), then v128 values.
export const rowLoop = (p: { z: number; rows: number; ub: number; gb: number; first: number }, body: number[]) => {
  const [r, j, zp, e] = [p.first, p.first + 1, p.first + 2, p.first + 3];
  return forLoop(
    r,
    I.i32(0),
    g(p.rows),
    I.i32(1),
    forLoop(j, I.i32(0), g(p.ub), I.i32(16), [
      ...g(p.z),
      ...g(r),
      ...g(p.gb),
      ...I.mul,
      ...I.add,
      ...g(j),
      ...I.add,
      ...I.set(zp),
      ...g(r),
      ...g(p.ub),
      ...I.mul,
      ...g(j),
      ...I.add,
      ...I.set(e),
      ...body,
    ]),
  );
};
/** The address zp + k·Ub (gate k of the row). */
export const gateAt = (zp: number, ub: number, k: number) =>
  k === 0 ? g(zp) : [...g(zp), ...g(ub), ...I.i32(k), ...I.mul, ...I.add];
export const plus = (base: number, e: number) => [...g(base), ...g(e), ...I.add];
export const load = (addr: number[]) => [...addr, ...I.vload()];

/** name(z, src, dst, rows, Ub, Gb): dst[r, j] = `value` (from the row's gates at zp and src + e) over rows × U. */
export const rowKernel = (name: string, value: number[]): FuncDef => ({
  name,
  params: [i32, i32, i32, i32, i32, i32],
  locals: [i32, i32, i32, i32],
  body: rowLoop({ z: 0, rows: 3, ub: 4, gb: 5, first: 6 }, [...plus(2, 9), ...value, ...I.vstore()]),
});

/** cell(z, cPrev, c, rows, Ub, Gb): c = f·cPrev + i·g (Ub = 4U bytes, Gb = 16U). */
const cell = rowKernel('cell', [
  ...load(gateAt(8, 4, 1)),
  ...load(plus(1, 9)),
  ...I.vmul,
  ...load(gateAt(8, 4, 0)),
  ...load(gateAt(8, 4, 2)),
  ...I.vmul,
  ...I.vadd,
]);

/** out(z, a, h, rows, Ub, Gb): h = o·a (a = act(c)). */
const out = rowKernel('out', [...load(gateAt(8, 4, 3)), ...load(plus(1, 9)), ...I.vmul]);

/**
 * cellgrad(z, a, cPrev, dh, dc, d, rows, Ub, Gb), tanh with sigmoid gates: from dh and dc (the cell's
 * gradient from the step after), d = dz [rows, 4U]; dc becomes the gradient for the step before.
 */
const cellgrad: FuncDef = {
  name: 'cellgrad',
  params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
  // r=9 j=10 zp=11 e=12 | dp=13 | one=14 dh=15 o=16 ac=17 dcell=18 i=19 f=20 cg=21
  locals: [i32, i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128, v128],
  body: (() => {
    const [zp, e, dp, one, dh, o, ac, dcell, ig, fg, cg] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
    const sigSlope = (y: number) => [...g(y), ...g(one), ...g(y), ...I.vsub, ...I.vmul]; // y·(1 − y)
    const tanhSlope = (y: number) => [...g(one), ...g(y), ...g(y), ...I.vmul, ...I.vsub]; // 1 − y²
    /** d[gate k] = a·b·slope. */
    const grad = (k: number, a: number[], b: number[], slope: number[]) => [
      ...gateAt(dp, 7, k),
      ...a,
      ...b,
      ...I.vmul,
      ...slope,
      ...I.vmul,
      ...I.vstore(),
    ];
    return [
      ...I.f32(1),
      ...I.splat,
      ...I.set(one),
      ...rowLoop({ z: 0, rows: 6, ub: 7, gb: 8, first: 9 }, [
        ...g(5),
        ...g(zp),
        ...I.add,
        ...g(0),
        ...I.sub,
        ...I.set(dp),
        ...load(plus(3, e)),
        ...I.set(dh),
        ...load(gateAt(zp, 7, 3)),
        ...I.set(o),
        ...load(plus(1, e)),
        ...I.set(ac),
        ...load(gateAt(zp, 7, 0)),
        ...I.set(ig),
        ...load(gateAt(zp, 7, 1)),
        ...I.set(fg),
        ...load(gateAt(zp, 7, 2)),
        ...I.set(cg),
        // dcell = dh·o·(1 − ac²) + dc
        ...g(dh),
        ...g(o),
        ...I.vmul,
        ...tanhSlope(ac),
        ...I.vmul,
        ...load(plus(4, e)),
        ...I.vadd,
        ...I.set(dcell),
        ...grad(0, g(dcell), g(cg), sigSlope(ig)),
        ...grad(1, g(dcell), load(plus(2, e)), sigSlope(fg)),
        ...grad(2, g(dcell), g(ig), tanhSlope(cg)),
        ...grad(3, g(dh), g(ac), sigSlope(o)),
        ...plus(4, e),
        ...g(dcell),
        ...g(fg),
        ...I.vmul,
        ...I.vstore(),
      ]),
    ];
  })(),
};

export interface LstmSimd {
  cell(z: number, cPrev: number, c: number, rows: number, ub: number, gb: number): void;
  out(z: number, a: number, h: number, rows: number, ub: number, gb: number): void;
  cellgrad(
    z: number,
    a: number,
    cPrev: number,
    dh: number,
    dc: number,
    d: number,
    rows: number,
    ub: number,
    gb: number,
  ): void;
}

/** The kernels on this backend's heap, or null without wasm SIMD. */
export const lstmSimd = heapKernels<LstmSimd>(() => [cell, out, cellgrad]);
