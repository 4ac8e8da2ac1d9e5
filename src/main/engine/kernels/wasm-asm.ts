/**
 * A tiny WebAssembly assembler: just enough to write the kernel pack's
 * memory-bound SIMD loops by hand (no toolchain needed at build or run time).
 * The module imports the wasm backend's own memory, so kernels read and write
 * tensors in place on its heap; addresses are byte offsets.
 */
import type { WasmBackend } from './wasm-backend.js';

export const T = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;
export type ValType = (typeof T)[keyof typeof T];

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Instructions (scalar opcodes, and SIMD ones behind the 0xfd prefix). */
export const I = {
  get: (i: number) => [0x20, ...uleb(i)],
  set: (i: number) => [0x21, ...uleb(i)],
  tee: (i: number) => [0x22, ...uleb(i)],
  i32: (n: number) => [0x41, ...sleb(n | 0)],
  f32: (x: number) => [0x43, ...new Uint8Array(new Float32Array([x]).buffer)],
  add: [0x6a],
  sub: [0x6b],
  mul: [0x6c],
  remU: [0x70],
  geU: [0x4f],
  geS: [0x4e],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  f32load: (offset = 0) => [0x2a, 2, ...uleb(offset)],
  f32store: (offset = 0) => [0x38, 2, ...uleb(offset)],
  fadd: [0x92],
  fsub: [0x93],
  fmul: [0x94],
  fdiv: [0x95],
  fsqrt: [0x91],
  // SIMD (final spec opcode numbers).
  vload: (offset = 0) => [0xfd, ...uleb(0x00), 4, ...uleb(offset)],
  vstore: (offset = 0) => [0xfd, ...uleb(0x0b), 4, ...uleb(offset)],
  splat: [0xfd, ...uleb(0x13)],
  vgt: [0xfd, ...uleb(0x44)],
  vnot: [0xfd, ...uleb(0x4d)],
  vand: [0xfd, ...uleb(0x4e)],
  vandnot: [0xfd, ...uleb(0x4f)],
  vor: [0xfd, ...uleb(0x50)],
  bitselect: [0xfd, ...uleb(0x52)],
  vsqrt: [0xfd, ...uleb(0xe3)],
  vadd: [0xfd, ...uleb(0xe4)],
  vsub: [0xfd, ...uleb(0xe5)],
  vmul: [0xfd, ...uleb(0xe6)],
  vdiv: [0xfd, ...uleb(0xe7)],
  vmin: [0xfd, ...uleb(0xe8)],
  vmax: [0xfd, ...uleb(0xe9)],
  vneg: [0xfd, ...uleb(0xe1)],
  vnearest: [0xfd, ...uleb(0x6a)],
  /** i32x4: splat, add, shift left, and float → int (truncating, saturating). */
  isplat: [0xfd, ...uleb(0x11)],
  iadd4: [0xfd, ...uleb(0xae)],
  ishl4: [0xfd, ...uleb(0xab)],
  truncSat: [0xfd, ...uleb(0xf8)],
};

/** `for (i = from; i < end; i += step) body` with i, end and step given as code. */
export function forLoop(i: number, from: number[], end: number[], step: number[], body: number[]): number[] {
  return [
    ...from,
    ...I.set(i),
    0x02,
    0x40, // block
    0x03,
    0x40, // loop
    ...I.get(i),
    ...end,
    ...I.geS,
    ...I.brIf(1),
    ...body,
    ...I.get(i),
    ...step,
    ...I.add,
    ...I.set(i),
    ...I.br(0),
    0x0b,
    0x0b,
  ];
}

export interface FuncDef {
  name: string;
  params: ValType[];
  /** Extra locals after the params, in order. */
  locals: ValType[];
  body: number[];
}

/**
 * `funcs` assembled once (on first use) and instantiated once per backend on its heap; null where the engine
 * refuses the module (no wasm SIMD).
 */
export function heapKernels<K>(funcs: () => FuncDef[]): (backend: WasmBackend) => K | null {
  let mod: WebAssembly.Module | null | undefined;
  const instances = new WeakMap<WasmBackend, K | null>();
  return (backend) => {
    if (!instances.has(backend)) {
      if (mod === undefined) {
        const code = assemble(funcs()) as BufferSource;
        mod = WebAssembly.validate(code) ? new WebAssembly.Module(code) : null;
      }
      const inst = mod && new WebAssembly.Instance(mod, { env: { memory: backend.wasm.asm.memory } });
      instances.set(backend, inst ? (inst.exports as unknown as K) : null);
    }
    return instances.get(backend)!;
  };
}

/** A module that imports `env.memory` and exports the given functions (no results). */
export function assemble(funcs: FuncDef[]): Uint8Array {
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0]);
  const imports = vec([[...str('env'), ...str('memory'), 0x02, 0x00, 1]]);
  const code = funcs.map((f) => {
    const locals = vec(f.locals.map((t) => [1, t]));
    const body = [...locals, ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, imports),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(code)),
  ]);
}
