/**
 * AvgPoolGrad for wasm (the AveragePooling2D gradient): the stock kernel is a
 * gather loop nest (~9 ms for a [64,14,14,64] input). This scatters each dy
 * over its window with channels innermost. Like TF.js's cpu and wasm kernels,
 * every window position gets dy / (filter height × width), padding included.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, f32Index } from './wasm-backend.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function avgPoolGrad(args: { inputs: { dy: Info; input: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const x4 = inputs.input.shape as [number, number, number, number];
  const g = tf.backend_util.computePool2DInfo(x4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = g;
  const mult = 1 / (FH * FW);
  const dx = backend.makeOutput(x4, 'float32');
  const heap = backend.wasm.HEAPF32;
  const d0 = f32Index(backend, dx);
  let s = f32Index(backend, inputs.dy);
  heap.fill(0, d0, d0 + B * H * W * C);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < OH; oy++) {
      const y0 = oy * SH - g.padInfo.top;
      for (let ox = 0; ox < OW; ox++, s += C) {
        const x0 = ox * SW - g.padInfo.left;
        for (let ky = Math.max(0, -y0); ky < Math.min(FH, H - y0); ky++)
          for (let kx = Math.max(0, -x0); kx < Math.min(FW, W - x0); kx++) {
            const d = d0 + ((b * H + y0 + ky) * W + x0 + kx) * C;
            for (let c = 0; c < C; c++) heap[d + c] += heap[s + c] * mult;
          }
      }
    }
  return dx;
}
