/**
 * MaxPoolGrad for wasm: the stock kernel spends ~20 ms on one 2×2 pool of a
 * [64,26,26,32] activation. This one walks each window once with channels
 * innermost (contiguous in NHWC) and routes dy to the first maximum, exactly
 * like the cpu backend (ties — e.g. ReLU zeros — go to the first position).
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, heapF32 } from './wasm-backend.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function maxPoolGrad(args: { inputs: { dy: Info; input: Info; output: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const x4 = inputs.input.shape as [number, number, number, number];
  const info = tf.backend_util.computePool2DInfo(x4, attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = info;
  const { top, left } = info.padInfo;
  const dxInfo = backend.makeOutput(x4, 'float32');
  const x = heapF32(backend, inputs.input);
  const dy = heapF32(backend, inputs.dy);
  const dx = heapF32(backend, dxInfo);
  dx.fill(0);
  const best = new Float32Array(C);
  const arg = new Int32Array(C);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < OH; oy++) {
      const y0 = oy * SH - top;
      const ky0 = Math.max(0, -y0);
      const ky1 = Math.min(FH, H - y0);
      for (let ox = 0; ox < OW; ox++) {
        const x0 = ox * SW - left;
        const kx0 = Math.max(0, -x0);
        const kx1 = Math.min(FW, W - x0);
        best.fill(-Infinity);
        arg.fill(-1);
        for (let ky = ky0; ky < ky1; ky++)
          for (let kx = kx0; kx < kx1; kx++) {
            const base = ((b * H + y0 + ky) * W + x0 + kx) * C;
            for (let c = 0; c < C; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                arg[c] = base + c;
              }
            }
          }
        const o = ((b * OH + oy) * OW + ox) * C;
        for (let c = 0; c < C; c++) if (arg[c] >= 0) dx[arg[c]] += dy[o + c];
      }
    }
  return dxInfo;
}
