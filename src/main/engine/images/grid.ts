/**
 * Sample grids: a batch of images (NHWC floats in the generator's output
 * range) tiled into one small 8-bit picture, cells separated by a gutter, for
 * the studio's timeline, the CLI's PNG per epoch and image export.
 */
import type { Pixels } from '../../../shared/training/protocol.js';

export interface ImageBatch {
  /** Sample-major NHWC values. */
  data: ArrayLike<number>;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
}

export interface GridOptions {
  /** Columns of the grid (default: ⌈√count⌉). */
  columns?: number;
  /** The value range of the images, mapped to 0..255 (default [0, 1]). */
  range?: readonly [number, number];
  /** Pixels between cells and around the edge (default 2). */
  gutter?: number;
  /** Gutter grey level 0..255 (default 32: dark, so white-on-black digits stand out). */
  background?: number;
}

export interface Grid {
  pixels: Pixels;
  rows: number;
  columns: number;
}

const toByte = (v: number, lo: number, span: number): number => {
  const b = Math.round(((v - lo) / span) * 255);
  return Number.isFinite(b) ? Math.min(255, Math.max(0, b)) : 0;
};

/** Tiles `batch` row by row into a grid; NaN values become black. */
export function tileGrid(batch: ImageBatch, opts: GridOptions = {}): Grid {
  const { count, height: h, width: w, channels: c } = batch;
  if (count < 1) throw new Error('a sample grid needs at least one image');
  const columns = Math.min(count, opts.columns ?? Math.ceil(Math.sqrt(count)));
  const rows = Math.ceil(count / columns);
  const gutter = opts.gutter ?? 2;
  const [lo, hi] = opts.range ?? [0, 1];
  const span = hi - lo || 1;
  const width = columns * w + (columns + 1) * gutter;
  const height = rows * h + (rows + 1) * gutter;
  const data = new Uint8Array(width * height * c).fill(opts.background ?? 32);
  for (let n = 0; n < count; n++) {
    const top = gutter + Math.floor(n / columns) * (h + gutter);
    const left = gutter + (n % columns) * (w + gutter);
    for (let y = 0; y < h; y++) {
      const src = (n * h + y) * w * c;
      const dst = ((top + y) * width + left) * c;
      for (let k = 0; k < w * c; k++) data[dst + k] = toByte(batch.data[src + k], lo, span);
    }
  }
  return { pixels: { width, height, channels: c, data: Array.from(data) }, rows, columns };
}
