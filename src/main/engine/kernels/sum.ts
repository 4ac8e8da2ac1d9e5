/**
 * Sum for wasm, fast path for reducing every axis but the last — the bias
 * gradient of every Conv2D/Dense layer (Σ over batch and pixels of dy). The
 * stock kernel transposes first; a running column sum (wasm SIMD when the
 * channels are a multiple of 4) reads dy once.
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernels } from './simd.js';
import { type Info, type WasmBackend, heapF32, runStock } from './wasm-backend.js';

interface Attrs {
  axis: number | number[];
  keepDims: boolean;
}

export function sum(args: { inputs: { x: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  const rank = x.shape.length;
  const axes = tf.util.parseAxisParam(attrs.axis, x.shape).sort((a, b) => a - b);
  const leading = rank >= 2 && axes.length === rank - 1 && axes.every((a, i) => a === i);
  if (!leading || x.dtype !== 'float32') return runStock(backend, 'Sum', inputs, attrs);
  const C = x.shape[rank - 1];
  const N = tf.util.sizeFromShape(x.shape) / C;
  const out = backend.makeOutput(attrs.keepDims ? [...x.shape.slice(0, -1).map(() => 1), C] : [C], 'float32');
  const simd = C % 4 === 0 ? simdKernels(backend) : null;
  if (simd) {
    heapF32(backend, out).fill(0);
    simd.colsum(backend.dataIdMap.get(x.dataId).memoryOffset, N, C * 4, backend.dataIdMap.get(out.dataId).memoryOffset);
    return out;
  }
  const src = heapF32(backend, x);
  const acc = new Float32Array(C);
  for (let n = 0, i = 0; n < N; n++) for (let c = 0; c < C; c++, i++) acc[c] += src[i];
  heapF32(backend, out).set(acc);
  return out;
}
