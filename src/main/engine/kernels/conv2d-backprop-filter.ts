/**
 * Conv2DBackpropFilter for wasm (missing upstream, tfjs issue 8474).
 *
 * dW[i,j,c,o] = Σ_{b,y,x} x[b, y·s + i − pt, x·s + j − pl, c] · dy[b, y, x, o]
 * is itself a convolution: treat x's channels as a batch and its batch as
 * channels (xᵀ: [ci, H, W, B]) and dy as a filter (dyᵀ: [oh, ow, B, co]);
 * the forward stride becomes the dilation. XNNPACK then does all the work.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, conv2d, dispose, runStock, transpose, view } from './wasm-backend.js';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

export function conv2DBackpropFilter(args: { inputs: { x: Info; dy: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const ci = tf.backend_util.computeConv2DInfo(
    inputs.x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outChannels: O, outHeight: OH, outWidth: OW } = ci;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = ci;
  const top = ci.padInfo.top;
  const left = ci.padInfo.left;
  // Bottom/right padding that makes the output exactly KH×KW; negative = rows the forward never read.
  const bottom = (OH - 1) * SH + KH - H - top;
  const right = (OW - 1) * SW + KW - W - left;

  let x = inputs.x;
  const temps: Info[] = [];
  if (bottom < 0 || right < 0) {
    x = runStock(backend, 'Slice', { x }, { begin: [0, 0, 0, 0], size: [B, H + Math.min(bottom, 0), W + Math.min(right, 0), C] });
    temps.push(x);
  }
  // Transpose returns a new reference even when it only drops size-1 axes, so both are always disposed.
  const xT = transpose(backend, x, [3, 1, 2, 0]);
  const dyT = transpose(backend, inputs.dy, [1, 2, 0, 3]);
  const out = conv2d(backend, xT, dyT, [1, 1], [top, Math.max(bottom, 0), left, Math.max(right, 0)], [SH, SW]);
  dispose(backend, ...temps, xT, dyT);
  if (C === 1) return view(out, [KH, KW, 1, O]);
  const dW = transpose(backend, out, [1, 2, 0, 3]);
  dispose(backend, out);
  return dW;
}
