/**
 * The GRU cell's elementwise steps in wasm SIMD (gru-kernel.ts calls them per
 * time step, on lstm-simd.ts's row loop; the gates' sigmoid/tanh are
 * simd.ts's). Rows of the gate block z [B, 3U] are z, r, h̃, each U wide; U a
 * multiple of 4 (else the kernel's JS loops run). The same float32
 * operations, in the same order, as those loops.
 */
import { I, T, type FuncDef, heapKernels } from './wasm-asm.js';
import { gateAt, load, plus, rowKernel, rowLoop } from './lstm-simd.js';

const { i32, v128 } = T;
const g = I.get;
const one = [...I.f32(1), ...I.splat];
/** The address in a buffer laid out as z (row stride Gb) at z's position zp: base + zp − z, plus gate k. */
const sameAt = (base: number, z: number, zp: number, ub: number, k: number) => [
  ...g(base),
  ...gateAt(zp, ub, k),
  ...I.add,
  ...g(z),
  ...I.sub,
];

/** out(z, hp, h, rows, Ub, Gb): h = z·h₋₁ + (1 − z)·h̃. */
const out = rowKernel('out', [
  ...load(gateAt(8, 4, 0)),
  ...load(plus(1, 9)),
  ...I.vmul,
  ...one,
  ...load(gateAt(8, 4, 0)),
  ...I.vsub,
  ...load(gateAt(8, 4, 2)),
  ...I.vmul,
  ...I.vadd,
]);

/** resetBefore(z, hp, q, rows, Ub, Gb): q = r·h₋₁. */
const resetBefore = rowKernel('resetBefore', [...load(gateAt(8, 4, 1)), ...load(plus(1, 9)), ...I.vmul]);

/** recurrent(z, hu, q, rows, Ub, Gb), reset after: z and r += their part of hu (h₋₁·R + b'), q = its h̃ part. */
const recurrent: FuncDef = {
  name: 'recurrent',
  params: [i32, i32, i32, i32, i32, i32],
  locals: [i32, i32, i32, i32],
  body: rowLoop({ z: 0, rows: 3, ub: 4, gb: 5, first: 6 }, [
    ...[0, 1].flatMap((k) => [
      ...gateAt(8, 4, k),
      ...load(gateAt(8, 4, k)),
      ...load(sameAt(1, 0, 8, 4, k)),
      ...I.vadd,
      ...I.vstore(),
    ]),
    ...plus(2, 9),
    ...load(sameAt(1, 0, 8, 4, 2)),
    ...I.vstore(),
  ]),
};

/** candidate(z, q, _, rows, Ub, Gb), reset after: h̃'s input += r·q. */
const candidate: FuncDef = {
  name: 'candidate',
  params: [i32, i32, i32, i32, i32, i32],
  locals: [i32, i32, i32, i32],
  body: rowLoop({ z: 0, rows: 3, ub: 4, gb: 5, first: 6 }, [
    ...gateAt(8, 4, 2),
    ...load(gateAt(8, 4, 2)),
    ...load(gateAt(8, 4, 1)),
    ...load(plus(1, 9)),
    ...I.vmul,
    ...I.vadd,
    ...I.vstore(),
  ]),
};

const sigSlope = (y: number[]) => [...y, ...one, ...y, ...I.vsub, ...I.vmul]; // y·(1 − y)

/**
 * grad(z, hp, dh, d, q, du, rows, Ub, Gb), tanh with sigmoid gates: from dh, d's z and h̃ columns
 * (reset before: r's needs dq, see resetGrad); reset after also r's, du (the recurrent side's: z, r,
 * r·dh̃) and dh = dh·z, to which the step's product adds.
 */
const grad = (after: boolean): FuncDef => {
  // params z=0 hp=1 dh=2 d=3 q=4 du=5 rows=6 ub=7 gb=8 | r=9 j=10 zp=11 e=12 | gv=13 zg=14 hh=15 d0=16 d2=17 rg=18 d1=19
  const [zp, e, gv, zg, hh, d0, d2, rg, d1] = [11, 12, 13, 14, 15, 16, 17, 18, 19];
  const dAt = (base: number, k: number) => sameAt(base, 0, zp, 7, k);
  return {
    name: after ? 'gradAfter' : 'gradBefore',
    params: [i32, i32, i32, i32, i32, i32, i32, i32, i32],
    locals: [i32, i32, i32, i32, v128, v128, v128, v128, v128, v128, v128],
    body: rowLoop({ z: 0, rows: 6, ub: 7, gb: 8, first: 9 }, [
      ...load(plus(2, e)),
      ...I.set(gv),
      ...load(gateAt(zp, 7, 0)),
      ...I.set(zg),
      ...load(gateAt(zp, 7, 2)),
      ...I.set(hh),
      // d0 = (dh·h₋₁ − dh·h̃)·z(1 − z), d2 = dh·(1 − z)·(1 − h̃²)
      ...g(gv),
      ...load(plus(1, e)),
      ...I.vmul,
      ...g(gv),
      ...g(hh),
      ...I.vmul,
      ...I.vsub,
      ...sigSlope(g(zg)),
      ...I.vmul,
      ...I.set(d0),
      ...dAt(3, 0),
      ...g(d0),
      ...I.vstore(),
      ...g(gv),
      ...one,
      ...g(zg),
      ...I.vsub,
      ...I.vmul,
      ...one,
      ...g(hh),
      ...g(hh),
      ...I.vmul,
      ...I.vsub,
      ...I.vmul,
      ...I.set(d2),
      ...dAt(3, 2),
      ...g(d2),
      ...I.vstore(),
      ...(after
        ? [
            ...load(gateAt(zp, 7, 1)),
            ...I.set(rg),
            ...g(d2),
            ...load(plus(4, e)),
            ...I.vmul,
            ...sigSlope(g(rg)),
            ...I.vmul,
            ...I.set(d1),
            ...dAt(3, 1),
            ...g(d1),
            ...I.vstore(),
            ...dAt(5, 0),
            ...g(d0),
            ...I.vstore(),
            ...dAt(5, 1),
            ...g(d1),
            ...I.vstore(),
            ...dAt(5, 2),
            ...g(d2),
            ...g(rg),
            ...I.vmul,
            ...I.vstore(),
            ...plus(2, e),
            ...g(gv),
            ...g(zg),
            ...I.vmul,
            ...I.vstore(),
          ]
        : []),
    ]),
  };
};

/**
 * resetGrad(z, hp, dq, dh, d, rows, Ub, Gb), reset before with sigmoid gates: r's column of d from
 * dq = dh̃·Rhᵀ, and dh = dh·z + dq·r, to which the step's product adds.
 */
const resetGrad: FuncDef = {
  name: 'resetGrad',
  params: [i32, i32, i32, i32, i32, i32, i32, i32],
  // r=8 j=9 zp=10 e=11 | dq=12 rg=13
  locals: [i32, i32, i32, i32, v128, v128],
  body: rowLoop({ z: 0, rows: 5, ub: 6, gb: 7, first: 8 }, [
    ...load(plus(2, 11)),
    ...I.set(12),
    ...load(gateAt(10, 6, 1)),
    ...I.set(13),
    ...sameAt(4, 0, 10, 6, 1),
    ...g(12),
    ...load(plus(1, 11)),
    ...I.vmul,
    ...sigSlope(g(13)),
    ...I.vmul,
    ...I.vstore(),
    ...plus(3, 11),
    ...load(plus(3, 11)),
    ...load(gateAt(10, 6, 0)),
    ...I.vmul,
    ...g(12),
    ...g(13),
    ...I.vmul,
    ...I.vadd,
    ...I.vstore(),
  ]),
};

type Row = (z: number, a: number, b: number, rows: number, ub: number, gb: number) => void;
type Grad = (
  z: number,
  hp: number,
  dh: number,
  d: number,
  q: number,
  du: number,
  rows: number,
  ub: number,
  gb: number,
) => void;
export interface GruSimd {
  out: Row;
  resetBefore: Row;
  recurrent: Row;
  candidate: Row;
  gradBefore: Grad;
  gradAfter: Grad;
  resetGrad(z: number, hp: number, dq: number, dh: number, d: number, rows: number, ub: number, gb: number): void;
}

/** The kernels on this backend's heap, or null without wasm SIMD. */
export const gruSimd = heapKernels<GruSimd>(() => [
  out,
  resetBefore,
  recurrent,
  candidate,
  grad(false),
  grad(true),
  resetGrad,
]);
