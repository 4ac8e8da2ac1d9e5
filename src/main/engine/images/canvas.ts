/** A small RGB raster for the charts Deepwire draws itself (model-card curves, inspection histograms). */
import type { Pixels } from '../../../shared/training/protocol.js';

export type Rgb = readonly [number, number, number];

export class RgbCanvas {
  readonly data: number[];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Array<number>(width * height * 3).fill(255);
  }

  set(x: number, y: number, [r, g, b]: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.data[o] = r;
    this.data[o + 1] = g;
    this.data[o + 2] = b;
  }

  line(x0: number, y0: number, x1: number, y1: number, rgb: Rgb, thick = 1): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      for (let dx = 0; dx < thick; dx++) for (let dy = 0; dy < thick; dy++) this.set(x + dx, y + dy, rgb);
    }
  }

  /** Fills [x0, x1) × [y0, y1), clipped to the canvas. */
  rect(x0: number, y0: number, x1: number, y1: number, rgb: Rgb): void {
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(this.height, Math.round(y1)); y++)
      for (let x = Math.max(0, Math.round(x0)); x < Math.min(this.width, Math.round(x1)); x++) this.set(x, y, rgb);
  }

  pixels(): Pixels {
    return { width: this.width, height: this.height, channels: 3, data: this.data };
  }
}

/** The range a chart's axis spans: the finite values' minimum and maximum, widened by `widen` when they are equal. */
export function axisRange(finite: readonly number[], widen = 0.5): [number, number] {
  if (finite.length === 0) return [0, 1];
  // A loop: a layer's activations can be far more values than a spread call takes.
  let [lo, hi] = [Infinity, -Infinity];
  for (const v of finite) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return hi - lo < 1e-12 ? [lo - widen, hi + widen] : [lo, hi];
}
