/**
 * Tanh for wasm: the stock kernel calls libm's tanh per element (~10–20 ns
 * each); LeNet-5's and the GANs' tanh layers run it over every activation of
 * every step. Here four lanes at a time with Eigen's rational approximation
 * (simd.ts), the last size % 4 elements with Math.tanh.
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernels } from './simd.js';
import { type Info, type WasmBackend, heapF32, runStock } from './wasm-backend.js';

export function tanh(args: { inputs: { x: Info }; backend: WasmBackend }): Info {
  const { inputs, backend } = args;
  const { x } = inputs;
  const simd = x.dtype === 'float32' ? simdKernels(backend) : null;
  if (!simd) return runStock(backend, 'Tanh', inputs);
  const out = backend.makeOutput(x.shape, 'float32');
  const n = tf.util.sizeFromShape(x.shape);
  const body = n - (n % 4);
  simd.tanh(backend.dataIdMap.get(x.dataId).memoryOffset, backend.dataIdMap.get(out.dataId).memoryOffset, body * 4);
  if (body < n) {
    const src = heapF32(backend, x);
    const dst = heapF32(backend, out);
    for (let i = body; i < n; i++) dst[i] = Math.tanh(src[i]);
  }
  return out;
}
