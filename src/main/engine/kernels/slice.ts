/**
 * Slice, SplitV and Unpack for wasm without reading the whole input. The
 * stock slice starts with backend.readSync(x), which copies the entire input
 * off the heap into a new JS buffer, for every slice: splitting [1792, 512]
 * into 28 row blocks took ~80 ms (28 copies of 3.6 MB) where the data moved is
 * 3.6 MB once. Recurrent layers split or unstack every step (LSTM gates,
 * time steps) and gradients of Concatenate slice. Here each output copies its
 * own elements straight from a heap view, in runs along the last axis.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, runStock } from './wasm-backend.js';

/** x[begin : begin + size] into a new tensor (begin/size already resolved, no −1). */
function sliceOf(backend: WasmBackend, x: Info, begin: number[], size: number[]): Info {
  const out = backend.makeOutput(size, x.dtype);
  const n = tf.util.sizeFromShape(size);
  if (n === 0) return out;
  // Views after makeOutput: allocating may grow (and move) the heap.
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const strides = tf.util.computeStrides(x.shape);
  if (tf.slice_util.isSliceContinous(x.shape, begin, size)) {
    const offset = tf.slice_util.computeFlatOffset(begin, strides);
    dst.set(src.subarray(offset, offset + n));
    return out;
  }
  const rank = x.shape.length;
  const run = size[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  for (let o = 0; o < n; o += run) {
    let offset = begin[rank - 1];
    for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
    dst.set(src.subarray(offset, offset + run), o);
    for (let d = rank - 2; d >= 0 && ++index[d] === size[d]; d--) index[d] = 0;
  }
  return out;
}

export function slice(args: {
  inputs: { x: Info };
  backend: WasmBackend;
  attrs: { begin: number[]; size: number[] };
}): Info {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x.dtype === 'string') return runStock(backend, 'Slice', inputs, attrs);
  const [begin, size] = tf.slice_util.parseSliceParams(x as unknown as tf.Tensor, attrs.begin, attrs.size);
  return sliceOf(backend, x, begin, size);
}

export function splitV(args: {
  inputs: { x: Info };
  backend: WasmBackend;
  attrs: { numOrSizeSplits: number | number[]; axis: number };
}): Info[] {
  const { inputs, backend, attrs } = args;
  const { x } = inputs;
  if (x.dtype === 'string') return runStock(backend, 'SplitV', inputs, attrs) as unknown as Info[];
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as unknown as tf.Tensor, attrs.numOrSizeSplits, axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const size = x.shape.slice();
    size[axis] = s;
    const part = sliceOf(backend, x, begin.slice(), size);
    begin[axis] += s;
    return part;
  });
}

export function unpack(args: { inputs: { value: Info }; backend: WasmBackend; attrs: { axis: number } }): Info[] {
  const { inputs, backend, attrs } = args;
  const { value } = inputs;
  if (value.dtype === 'string') return runStock(backend, 'Unpack', inputs, attrs) as unknown as Info[];
  const axis = attrs.axis < 0 ? attrs.axis + value.shape.length : attrs.axis;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const size = value.shape.slice();
  size[axis] = 1;
  return Array.from({ length: value.shape[axis] }, (_, i) => {
    const begin = new Array<number>(value.shape.length).fill(0);
    begin[axis] = i;
    // A fresh buffer of exactly the output's elements: only its shape drops the axis.
    return { ...sliceOf(backend, value, begin, size), shape: outShape };
  });
}
