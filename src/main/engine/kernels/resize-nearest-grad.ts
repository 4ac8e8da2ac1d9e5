/**
 * ResizeNearestNeighborGrad for wasm (the UpSampling2D 'nearest' gradient).
 * The stock wasm kernel is wrong with halfPixelCenters, and the cpu one with
 * batch > 1 (TF.js 4.22). The gradient of a nearest-neighbour resize is a
 * scatter-add of dy onto the source pixel each output pixel copied, so we
 * recompute the forward's source indices (the forward kernels' own rules)
 * and add whole channel rows.
 */
import { type Info, type WasmBackend, f32Index } from './wasm-backend.js';

interface Attrs {
  alignCorners: boolean;
  halfPixelCenters: boolean;
}

/** Source index along one axis for each output index, as the forward resize picks it. */
export function nearestSources(oldSize: number, newSize: number, a: Attrs): Int32Array {
  const effIn = a.alignCorners && newSize > 1 ? oldSize - 1 : oldSize;
  const effOut = a.alignCorners && newSize > 1 ? newSize - 1 : newSize;
  const ratio = effIn / effOut;
  const out = new Int32Array(newSize);
  for (let i = 0; i < newSize; i++) {
    const frac = a.halfPixelCenters ? ratio * (i + 0.5) : ratio * i;
    let s = Math.min(oldSize - 1, a.alignCorners ? Math.round(frac) : Math.floor(frac));
    if (a.halfPixelCenters) s = Math.max(0, s);
    out[i] = s;
  }
  return out;
}

export function resizeNearestNeighborGrad(args: {
  inputs: { images: Info; dy: Info };
  backend: WasmBackend;
  attrs: Attrs;
}): Info {
  const { inputs, backend, attrs } = args;
  const [B, H, W, C] = inputs.images.shape;
  const [, NH, NW] = inputs.dy.shape;
  const rows = nearestSources(H, NH, attrs);
  const cols = nearestSources(W, NW, attrs);
  const dx = backend.makeOutput([B, H, W, C], 'float32');
  const heap = backend.wasm.HEAPF32;
  const d0 = f32Index(backend, dx);
  let s = f32Index(backend, inputs.dy);
  heap.fill(0, d0, d0 + B * H * W * C);
  for (let b = 0; b < B; b++)
    for (let y = 0; y < NH; y++) {
      const row = d0 + (b * H + rows[y]) * W * C;
      for (let x = 0; x < NW; x++, s += C) {
        const d = row + cols[x] * C;
        for (let c = 0; c < C; c++) heap[d + c] += heap[s + c];
      }
    }
  return dx;
}
