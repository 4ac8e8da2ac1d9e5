/**
 * Conv2DBackpropInput for wasm: the stock kernel is a scalar loop nest; this
 * one is a single XNNPACK convolution. dx is the "full" convolution of dy
 * with the filter flipped in space and its in/out channels swapped; a forward
 * stride s > 1 becomes s−1 zeros inserted between dy's pixels. The same kernel
 * is the forward pass of Conv2DTranspose.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, conv2d, dispose, heapF32, runStock } from './wasm-backend.js';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

/** W[i,j,c,o] -> W'[KH-1-i, KW-1-j, o, c]. */
function flipFilter(backend: WasmBackend, filter: Info): Info {
  const [KH, KW, C, O] = filter.shape;
  const out = backend.makeOutput([KH, KW, O, C], 'float32');
  const src = heapF32(backend, filter);
  const dst = heapF32(backend, out);
  for (let i = 0; i < KH; i++)
    for (let j = 0; j < KW; j++) {
      const s0 = (i * KW + j) * C * O;
      const d0 = ((KH - 1 - i) * KW + (KW - 1 - j)) * O * C;
      for (let c = 0; c < C; c++) for (let o = 0; o < O; o++) dst[d0 + o * C + c] = src[s0 + c * O + o];
    }
  return out;
}

/** dy [B,OH,OW,O] -> [B,(OH-1)sh+1,(OW-1)sw+1,O] with dy at multiples of the stride, zeros between. */
function insertZeros(backend: WasmBackend, dy: Info, sh: number, sw: number): Info {
  const [B, OH, OW, O] = dy.shape;
  const LH = (OH - 1) * sh + 1;
  const LW = (OW - 1) * sw + 1;
  const out = backend.makeOutput([B, LH, LW, O], 'float32');
  const src = heapF32(backend, dy);
  const dst = heapF32(backend, out);
  dst.fill(0);
  for (let b = 0; b < B; b++)
    for (let y = 0; y < OH; y++)
      for (let x = 0; x < OW; x++) {
        const s0 = ((b * OH + y) * OW + x) * O;
        dst.set(src.subarray(s0, s0 + O), ((b * LH + y * sh) * LW + x * sw) * O);
      }
  return out;
}

export function conv2DBackpropInput(args: { inputs: { dy: Info; filter: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    inputs.filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const { inHeight: H, inWidth: W, filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = info;
  const top = KH - 1 - info.padInfo.top;
  const left = KW - 1 - info.padInfo.left;
  if (attrs.dataFormat === 'NCHW' || top < 0 || left < 0) return runStock(backend, 'Conv2DBackpropInput', inputs, attrs);

  const dyD = sh > 1 || sw > 1 ? insertZeros(backend, inputs.dy, sh, sw) : inputs.dy;
  const bottom = H - dyD.shape[1] + info.padInfo.top;
  const right = W - dyD.shape[2] + info.padInfo.left;
  const flipped = flipFilter(backend, inputs.filter);
  let dx = conv2d(backend, dyD, flipped, [1, 1], [top, Math.max(bottom, 0), left, Math.max(right, 0)]);
  if (bottom < 0 || right < 0) {
    const full = dx;
    dx = runStock(backend, 'Slice', { x: full }, { begin: [0, 0, 0, 0], size: attrs.inputShape });
    dispose(backend, full);
  }
  dispose(backend, flipped);
  if (dyD !== inputs.dy) dispose(backend, dyD);
  return dx;
}
