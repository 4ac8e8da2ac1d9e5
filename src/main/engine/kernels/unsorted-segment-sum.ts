/**
 * UnsortedSegmentSum for wasm (missing upstream): the gradient of Gather, so
 * of every Embedding layer. The cpu backend builds it from one equality mask
 * per segment (O(segments × data)); this is the direct scatter-add, O(data).
 * Ids outside [0, numSegments) contribute nothing, as on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend } from './wasm-backend.js';

export function unsortedSegmentSum(args: {
  inputs: { x: Info; segmentIds: Info };
  backend: WasmBackend;
  attrs: { numSegments: number };
}): Info {
  const { inputs, backend, attrs } = args;
  const { x, segmentIds } = inputs;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array | Float32Array;
  // segmentIds may cover only the leading axes of x; each id selects a row of `inner` values.
  const inner = tf.util.sizeFromShape(x.shape.slice(segmentIds.shape.length));
  const out = backend.makeOutput([attrs.numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const ctor = x.dtype === 'int32' ? Int32Array : Float32Array;
  const heap = backend.wasm.HEAPU8.buffer as ArrayBuffer;
  const src = new ctor(heap, backend.dataIdMap.get(x.dataId).memoryOffset, tf.util.sizeFromShape(x.shape));
  const dst = new ctor(heap, backend.dataIdMap.get(out.dataId).memoryOffset, attrs.numSegments * inner);
  dst.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= attrs.numSegments) continue;
    const d = s * inner;
    const o = i * inner;
    for (let k = 0; k < inner; k++) dst[d + k] += src[o + k];
  }
  return out;
}
