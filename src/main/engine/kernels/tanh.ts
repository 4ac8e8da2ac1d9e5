/**
 * Tanh for wasm: the stock kernel calls libm's tanh per element (~10–20 ns
 * each); LeNet-5's and the GANs' tanh layers run it over every activation of
 * every step. Here four lanes at a time with Eigen's rational approximation
 * (simd.ts), the last size % 4 elements with Math.tanh. Sigmoid likewise,
 * with Cephes' exp.
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernels } from './simd.js';
import { type Info, type WasmBackend, heapF32, runStock } from './wasm-backend.js';

/** `f` over `x` into a new tensor: `simd` on the first size − size % 4 elements, `scalar` on the rest. */
export function elementwise(
  backend: WasmBackend,
  x: Info,
  stockName: string,
  simd: ((src: number, dst: number, nBytes: number) => void) | null,
  scalar: (v: number) => number,
): Info {
  if (!simd || x.dtype !== 'float32') return runStock(backend, stockName, { x });
  const out = backend.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const body = n - (n % 4);
  simd(backend.dataIdMap.get(x.dataId).memoryOffset, backend.dataIdMap.get(out.dataId).memoryOffset, body * 4);
  if (body < n) {
    const src = heapF32(backend, x);
    const dst = heapF32(backend, out);
    for (let i = body; i < n; i++) dst[i] = scalar(src[i]);
  }
  return out;
}

export function tanh(args: { inputs: { x: Info }; backend: WasmBackend }): Info {
  const { inputs, backend } = args;
  return elementwise(backend, inputs.x, 'Tanh', simdKernels(backend)?.tanh ?? null, Math.tanh);
}

/** Sigmoid the same way: the stock kernel calls libm's exp per element (MLP GAN outputs, recurrent gates). */
export function sigmoid(args: { inputs: { x: Info }; backend: WasmBackend }): Info {
  const { inputs, backend } = args;
  return elementwise(
    backend,
    inputs.x,
    'Sigmoid',
    simdKernels(backend)?.sigmoid ?? null,
    (v) => 1 / (1 + Math.exp(-v)),
  );
}
