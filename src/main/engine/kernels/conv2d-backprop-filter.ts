/**
 * Conv2DBackpropFilter for wasm (missing upstream, tfjs issue 8474).
 *
 * dW[i,j,c,o] = Σ_{b,y,x} x[b, y·s + i − pt, x·s + j − pl, c] · dy[b, y, x, o]
 * is one matrix product over the N = B·OH·OW output pixels, done by the pack's
 * GEMM (gemm.ts) or, for fewer than 8 output columns, XNNPACK's
 * fully-connected operator. That operator packs its right-hand operand on
 * every call (the gradients are new each step), so we put the smaller of the
 * two N-row matrices there:
 *  - K = KH·KW·C ≥ O, or 8+ outputs (the GEMM, which packs nothing):
 *    dW[K,O] = colsᵀ[K,N] · dyᵀ[N,O], with pixels ordered
 *    (y, x, b) so both sides come from one cheap transpose each and colsᵀ is
 *    gathered in long contiguous runs of xᵀ ([C, H, W, B]);
 *  - otherwise (K < O < 8): dWᵀ[O,K] = dyᵀ[O,N] · cols[N,K].
 * (Expressing dW as a convolution of xᵀ with dyᵀ also works, but XNNPACK then
 * re-packs the whole of dy as a filter, which costs more than the product.)
 */
import * as tf from '@tensorflow/tfjs';
import { MIN_COLS, plainMatMul as matMul } from './batch-mat-mul.js';
import { type Info, type WasmBackend, dispose, transpose, view, type ConvGradAttrs, f32Index } from './wasm-backend.js';

interface Attrs extends ConvGradAttrs {
  filterShape: [number, number, number, number];
}

type Geometry = tf.backend_util.Conv2DInfo;

/** colsᵀ[(i,j,c), (y,x,b)] = xᵀ[c, y·sh+i−pt, x·sw+j−pl, b] (0 outside), from xᵀ [C,H,W,B]. */
function gatherColsT(backend: WasmBackend, xT: Info, g: Geometry): Info {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = g;
  const { top, left } = g.padInfo;
  const N = OH * OW * B;
  const out = backend.makeOutput([KH * KW * C, N], 'float32');
  const heap = backend.wasm.HEAPF32;
  const src = f32Index(backend, xT);
  let row = f32Index(backend, out);
  for (let i = 0; i < KH; i++)
    for (let j = 0; j < KW; j++)
      for (let c = 0; c < C; c++, row += N)
        for (let y = 0; y < OH; y++) {
          const dst = row + y * OW * B;
          const Y = y * SH + i - top;
          if (Y < 0 || Y >= H) {
            heap.fill(0, dst, dst + OW * B);
            continue;
          }
          const srcRow = src + (c * H + Y) * W * B;
          if (SW === 1) {
            // One contiguous run of whole pixels (B floats each), zeros where it leaves the image.
            const x0 = Math.min(OW, Math.max(0, left - j));
            const x1 = Math.max(x0, Math.min(OW, W - j + left));
            if (x0 > 0) heap.fill(0, dst, dst + x0 * B);
            heap.copyWithin(dst + x0 * B, srcRow + (x0 + j - left) * B, srcRow + (x1 + j - left) * B);
            if (x1 < OW) heap.fill(0, dst + x1 * B, dst + OW * B);
          } else {
            for (let x = 0; x < OW; x++) {
              const X = x * SW + j - left;
              const d = dst + x * B;
              if (X < 0 || X >= W) heap.fill(0, d, d + B);
              else heap.copyWithin(d, srcRow + X * B, srcRow + (X + 1) * B);
            }
          }
        }
  return out;
}

/** cols[(b,y,x), (i,j,c)] from x [B,H,W,C] — for small K, where rows are short. */
function gatherCols(backend: WasmBackend, x: Info, g: Geometry): Info {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: SH, strideWidth: SW } = g;
  const { top, left } = g.padInfo;
  const K = KH * KW * C;
  const out = backend.makeOutput([B * OH * OW, K], 'float32');
  const heap = backend.wasm.HEAPF32;
  const src = f32Index(backend, x);
  let d = f32Index(backend, out);
  for (let b = 0; b < B; b++)
    for (let y = 0; y < OH; y++)
      for (let xo = 0; xo < OW; xo++)
        for (let i = 0; i < KH; i++) {
          const Y = y * SH + i - top;
          for (let j = 0; j < KW; j++) {
            const X = xo * SW + j - left;
            if (Y < 0 || Y >= H || X < 0 || X >= W) {
              for (let c = 0; c < C; c++) heap[d++] = 0;
            } else {
              const s = src + ((b * H + Y) * W + X) * C;
              for (let c = 0; c < C; c++) heap[d++] = heap[s + c];
            }
          }
        }
  return out;
}

export function conv2DBackpropFilter(args: {
  inputs: { x: Info; dy: Info };
  backend: WasmBackend;
  attrs: Attrs;
}): Info {
  const { inputs, backend, attrs } = args;
  if (attrs.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const x4 = inputs.x.shape as [number, number, number, number];
  const g = tf.backend_util.computeConv2DInfo(
    x4,
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { outChannels: O } = g;
  const K = g.filterHeight * g.filterWidth * g.inChannels;
  const N = g.batchSize * g.outHeight * g.outWidth;

  if (K >= O || O >= MIN_COLS) {
    // Transpose returns a new buffer (or reference), so every intermediate is disposed.
    const xT = transpose(backend, inputs.x, [3, 1, 2, 0]);
    const dyT = transpose(backend, inputs.dy, [1, 2, 0, 3]);
    const colsT = gatherColsT(backend, xT, g);
    const dW = matMul(backend, view(colsT, [1, K, N]), view(dyT, [1, N, O]));
    dispose(backend, xT, dyT, colsT);
    return view(dW, attrs.filterShape);
  }
  const cols = gatherCols(backend, inputs.x, g);
  const dyT = transpose(backend, view(inputs.dy, [N, O]), [1, 0]);
  const dWT = matMul(backend, view(dyT, [1, O, N]), view(cols, [1, N, K]));
  const dW = transpose(backend, view(dWT, [O, K]), [1, 0]);
  dispose(backend, cols, dyT, dWT);
  return view(dW, attrs.filterShape);
}
