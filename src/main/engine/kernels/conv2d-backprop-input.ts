/**
 * Conv2DBackpropInput for wasm — the gradient of Conv2D with respect to its
 * input, and the forward pass of Conv2DTranspose. The stock kernel is a scalar
 * loop nest. Here:
 *  - Stride s splits dx into s×s phases (rows ≡ py, columns ≡ px mod s); each
 *    phase is an ordinary stride-1 convolution of dy with the taps of the
 *    filter that land on it (flipped in space, in/out channels swapped), run
 *    by XNNPACK, then interleaved into dx. No zeros are inserted, so it costs
 *    the true number of multiply-adds (stride 1: one phase, no interleave).
 *  - Few output channels (C < 4, e.g. an image-producing Conv2DTranspose):
 *    XNNPACK is slow with so few outputs per pixel, so dx = col2im(dy · Wᵀ):
 *    one matrix product, then a scatter-add of the columns.
 */
import * as tf from '@tensorflow/tfjs';
import {
  type Info,
  type WasmBackend,
  conv2d,
  dispose,
  runStock,
  transpose,
  view,
  type ConvGradAttrs,
  f32Index,
} from './wasm-backend.js';

interface Attrs extends ConvGradAttrs {
  inputShape: [number, number, number, number];
}
type Geometry = tf.backend_util.Conv2DInfo;

/** One axis of a phase: which taps land on it and how its conv lines up with dy. */
interface PhaseAxis {
  first: number; // first tap (r)
  taps: number; // T
  length: number; // dx rows/cols in this phase
  skip: number; // conv output rows to skip
  padBefore: number;
  padAfter: number;
}

function phaseAxis(p: number, s: number, k: number, pad: number, inSize: number, outSize: number): PhaseAxis {
  const r = (((p + pad) % s) + s) % s;
  const taps = r < k ? Math.ceil((k - r) / s) : 0;
  const q = Math.floor((p + pad) / s);
  const length = Math.max(0, Math.ceil((inSize - p) / s));
  const off = q - (taps - 1);
  const padBefore = Math.max(0, -off);
  const skip = Math.max(0, off);
  const padAfter = Math.max(0, skip + length - outSize - padBefore + taps - 1);
  return { first: r, taps, length, skip, padBefore, padAfter };
}

/** The phase's filter [Th, Tw, O, C]: W[ry + s·(Th−1−u), rx + s·(Tw−1−v), c, o]. */
function phaseFilter(backend: WasmBackend, filter: Info, g: Geometry, ay: PhaseAxis, ax: PhaseAxis): Info {
  const { filterWidth: KW, inChannels: C, outChannels: O, strideHeight: sh, strideWidth: sw } = g;
  const out = backend.makeOutput([ay.taps, ax.taps, O, C], 'float32');
  const heap = backend.wasm.HEAPF32;
  const src = f32Index(backend, filter);
  let d = f32Index(backend, out);
  for (let u = 0; u < ay.taps; u++)
    for (let v = 0; v < ax.taps; v++) {
      const ky = ay.first + sh * (ay.taps - 1 - u);
      const kx = ax.first + sw * (ax.taps - 1 - v);
      const base = src + (ky * KW + kx) * C * O;
      for (let o = 0; o < O; o++) for (let c = 0; c < C; c++) heap[d++] = heap[base + c * O + o];
    }
  return out;
}

function byPhases(backend: WasmBackend, dy: Info, filter: Info, g: Geometry): Info {
  const {
    batchSize: B,
    inHeight: H,
    inWidth: W,
    inChannels: C,
    outHeight: OH,
    outWidth: OW,
    strideHeight: sh,
    strideWidth: sw,
  } = g;
  const { filterHeight: KH, filterWidth: KW } = g;
  const dx = backend.makeOutput([B, H, W, C], 'float32');
  for (let py = 0; py < sh; py++)
    for (let px = 0; px < sw; px++) {
      const ay = phaseAxis(py, sh, KH, g.padInfo.top, H, OH);
      const ax = phaseAxis(px, sw, KW, g.padInfo.left, W, OW);
      if (ay.length === 0 || ax.length === 0) continue;
      if (sh === 1 && sw === 1 && ay.skip === 0 && ax.skip === 0 && ay.taps > 0 && ax.taps > 0) {
        // Stride 1: the convolution is dx itself.
        const w = phaseFilter(backend, filter, g, ay, ax);
        const out = conv2d(backend, dy, w, [1, 1], [ay.padBefore, ay.padAfter, ax.padBefore, ax.padAfter]);
        dispose(backend, w, dx);
        return out.shape[1] === H && out.shape[2] === W ? out : crop(backend, out, [B, H, W, C]);
      }
      const heap = () => backend.wasm.HEAPF32;
      if (ay.taps === 0 || ax.taps === 0) {
        // No tap reaches this phase (kernel smaller than the stride): zeros.
        scatterPhase(heap(), null, f32Index(backend, dx), g, py, px, ay, ax, 0, 0);
        continue;
      }
      const w = phaseFilter(backend, filter, g, ay, ax);
      const out = conv2d(backend, dy, w, [1, 1], [ay.padBefore, ay.padAfter, ax.padBefore, ax.padAfter]);
      scatterPhase(
        heap(),
        f32Index(backend, out),
        f32Index(backend, dx),
        g,
        py,
        px,
        ay,
        ax,
        out.shape[1],
        out.shape[2],
      );
      dispose(backend, w, out);
    }
  return dx;
}

function crop(backend: WasmBackend, t: Info, shape: number[]): Info {
  const out = runStock(backend, 'Slice', { x: t }, { begin: [0, 0, 0, 0], size: shape });
  dispose(backend, t);
  return out;
}

/** dx[b, py + sh·i, px + sw·j, :] = phase[b, skipY + i, skipX + j, :] (or 0). */
function scatterPhase(
  heap: Float32Array,
  src: number | null,
  dst: number,
  g: Geometry,
  py: number,
  px: number,
  ay: PhaseAxis,
  ax: PhaseAxis,
  LH: number,
  LW: number,
): void {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, strideHeight: sh, strideWidth: sw } = g;
  for (let b = 0; b < B; b++)
    for (let i = 0; i < ay.length; i++) {
      const rowD = dst + ((b * H + py + sh * i) * W + px) * C;
      const rowS = src === null ? 0 : src + ((b * LH + ay.skip + i) * LW + ax.skip) * C;
      for (let j = 0; j < ax.length; j++) {
        const d = rowD + sw * j * C;
        if (src === null) heap.fill(0, d, d + C);
        else heap.copyWithin(d, rowS + j * C, rowS + (j + 1) * C);
      }
    }
}

/** dx = col2im(dy[N,O] · Wᵀ[O,K]) for few output channels. */
function byColumns(backend: WasmBackend, dy: Info, filter: Info, g: Geometry): Info {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW, outChannels: O } = g;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw } = g;
  const K = KH * KW * C;
  const N = B * OH * OW;
  const wT = transpose(backend, view(filter, [K, O]), [1, 0]);
  const cols = runStock(
    backend,
    'BatchMatMul',
    { a: view(dy, [1, N, O]), b: view(wT, [1, O, K]) },
    { transposeA: false, transposeB: false },
  );
  const dx = backend.makeOutput([B, H, W, C], 'float32');
  const heap = backend.wasm.HEAPF32;
  const d0 = f32Index(backend, dx);
  heap.fill(0, d0, d0 + B * H * W * C);
  let s = f32Index(backend, cols);
  for (let b = 0; b < B; b++)
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++)
        for (let ky = 0; ky < KH; ky++) {
          const y = oy * sh + ky - g.padInfo.top;
          for (let kx = 0; kx < KW; kx++, s += C) {
            const x = ox * sw + kx - g.padInfo.left;
            if (y < 0 || y >= H || x < 0 || x >= W) continue;
            const d = d0 + ((b * H + y) * W + x) * C;
            for (let c = 0; c < C; c++) heap[d + c] += heap[s + c];
          }
        }
  dispose(backend, wT, cols);
  return dx;
}

export function conv2DBackpropInput(args: {
  inputs: { dy: Info; filter: Info };
  backend: WasmBackend;
  attrs: Attrs;
}): Info {
  const { inputs, backend, attrs } = args;
  if (attrs.dataFormat === 'NCHW') return runStock(backend, 'Conv2DBackpropInput', inputs, attrs);
  const g = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    inputs.filter.shape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  return g.inChannels < 4
    ? byColumns(backend, inputs.dy, inputs.filter, g)
    : byPhases(backend, inputs.dy, inputs.filter, g);
}
