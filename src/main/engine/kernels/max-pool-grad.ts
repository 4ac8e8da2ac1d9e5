/**
 * MaxPoolGrad for wasm: the stock kernel spends ~20 ms on one 2×2 pool of a
 * [64,26,26,32] activation. This one walks each window once with channels
 * innermost (contiguous in NHWC) and routes dy to the first maximum, exactly
 * like the cpu backend (ties — e.g. ReLU zeros — go to the first position).
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernels } from './simd.js';
import { type Info, type WasmBackend, heapF32 } from './wasm-backend.js';

interface Attrs {
  filterSize: [number, number] | number;
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export function maxPoolGrad(args: {
  inputs: { dy: Info; input: Info; output: Info };
  backend: WasmBackend;
  attrs: Attrs;
}): Info {
  const { inputs, backend, attrs } = args;
  const x4 = inputs.input.shape as [number, number, number, number];
  const info = tf.backend_util.computePool2DInfo(
    x4,
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: FH, filterWidth: FW, strideHeight: SH, strideWidth: SW } = info;
  const { top, left } = info.padInfo;
  const dxInfo = backend.makeOutput(x4, 'float32');
  const x = heapF32(backend, inputs.input);
  const dy = heapF32(backend, inputs.dy);
  const dx = heapF32(backend, dxInfo);
  if (FH === 2 && FW === 2 && SH === 2 && SW === 2 && top === 0 && left === 0 && 2 * OH <= H && 2 * OW <= W) {
    const simd = C % 4 === 0 ? simdKernels(backend) : null;
    if (simd) {
      const at = (t: Info) => backend.dataIdMap.get(t.dataId).memoryOffset;
      simd.pool2x2grad(at(inputs.input), at(inputs.dy), at(dxInfo) - at(inputs.input), B, H, OH, OW, W * C * 4, C * 4);
      zeroUncovered(dx, B, H, W, C, OH, OW);
    } else {
      pool2x2Grad(x, dy, dx, B, H, W, C, OH, OW);
    }
    return dxInfo;
  }
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

/**
 * The common 2×2/2 'valid' pool: windows tile the input, so every dx element
 * is written exactly once (no zero pass) and the four candidates are compared
 * in registers.
 */
function pool2x2Grad(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  B: number,
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
): void {
  const rowStride = W * C;
  for (let b = 0; b < B; b++) {
    for (let oy = 0; oy < OH; oy++) {
      const row0 = (b * H + 2 * oy) * rowStride;
      const row1 = row0 + rowStride;
      let o = (b * OH + oy) * OW * C;
      for (let ox = 0; ox < OW; ox++) {
        const p00 = row0 + 2 * ox * C;
        const p01 = p00 + C;
        const p10 = row1 + 2 * ox * C;
        const p11 = p10 + C;
        for (let c = 0; c < C; c++) {
          const v00 = x[p00 + c];
          const v01 = x[p01 + c];
          const v10 = x[p10 + c];
          const v11 = x[p11 + c];
          const g = dy[o + c];
          // First maximum in window order (00, 01, 10, 11), as the cpu backend does.
          let m = v00;
          let k = 0;
          if (v01 > m) {
            m = v01;
            k = 1;
          }
          if (v10 > m) {
            m = v10;
            k = 2;
          }
          if (v11 > m) k = 3;
          dx[p00 + c] = k === 0 ? g : 0;
          dx[p01 + c] = k === 1 ? g : 0;
          dx[p10 + c] = k === 2 ? g : 0;
          dx[p11 + c] = k === 3 ? g : 0;
        }
        o += C;
      }
    }
  }
  zeroUncovered(dx, B, H, W, C, OH, OW);
}

/** Odd sizes: the last row/column belongs to no window, so gets no gradient. */
function zeroUncovered(dx: Float32Array, B: number, H: number, W: number, C: number, OH: number, OW: number): void {
  const rowStride = W * C;
  for (let b = 0; b < B; b++) {
    if (H > 2 * OH) dx.fill(0, (b * H + 2 * OH) * rowStride, (b * H + H) * rowStride);
    if (W > 2 * OW)
      for (let y = 0; y < 2 * OH; y++) dx.fill(0, ((b * H + y) * W + 2 * OW) * C, ((b * H + y) * W + W) * C);
  }
}
