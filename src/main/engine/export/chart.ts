/**
 * Small PNG line charts of training curves (loss, accuracy, …) for the model
 * card, drawn with plain pixels: axes, a light grid, one coloured line per
 * series with a dot per epoch. The card's text names the colours and ranges;
 * PNG has no text of its own here.
 */
import type { Pixels } from '../../../shared/training/protocol.js';
import { encodePng } from '../images/png.js';

export interface Series {
  name: string;
  values: readonly (number | null)[];
}

/** Colours of the series in order, with the names the card uses for them. */
export const PALETTE: readonly { name: string; rgb: [number, number, number] }[] = [
  { name: 'blue', rgb: [31, 119, 180] },
  { name: 'orange', rgb: [255, 127, 14] },
  { name: 'green', rgb: [44, 160, 44] },
  { name: 'red', rgb: [214, 39, 40] },
  { name: 'purple', rgb: [148, 103, 189] },
  { name: 'brown', rgb: [140, 86, 75] },
];

export interface ChartOptions {
  width?: number;
  height?: number;
}

export interface Chart {
  png: Uint8Array;
  /** The value range on the y axis (bottom, top) and the number of epochs on x. */
  yRange: [number, number];
  epochs: number;
}

class Canvas {
  readonly data: number[];
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.data = new Array<number>(width * height * 3).fill(255);
  }
  set(x: number, y: number, [r, g, b]: readonly number[]): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.data[o] = r;
    this.data[o + 1] = g;
    this.data[o + 2] = b;
  }
  line(x0: number, y0: number, x1: number, y1: number, rgb: readonly number[], thick = 1): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      for (let dx = 0; dx < thick; dx++) for (let dy = 0; dy < thick; dy++) this.set(x + dx, y + dy, rgb);
    }
  }
  pixels(): Pixels {
    return { width: this.width, height: this.height, channels: 3, data: this.data };
  }
}

/** Draws the series over epochs 1..n; null (diverged) points are skipped. */
export function lineChart(series: readonly Series[], opts: ChartOptions = {}): Chart {
  const width = opts.width ?? 480;
  const height = opts.height ?? 270;
  const c = new Canvas(width, height);
  const margin = { left: 24, right: 12, top: 12, bottom: 20 };
  const finite = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const epochs = Math.max(1, ...series.map((s) => s.values.length));
  let lo = finite.length ? Math.min(...finite) : 0;
  let hi = finite.length ? Math.max(...finite) : 1;
  if (hi - lo < 1e-12) [lo, hi] = [lo - 0.5, hi + 0.5];
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (epoch: number) => margin.left + (epochs === 1 ? plotW / 2 : ((epoch - 1) / (epochs - 1)) * plotW);
  const py = (v: number) => margin.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const grid = [232, 232, 232];
  for (let i = 0; i <= 4; i++)
    c.line(margin.left, margin.top + (plotH * i) / 4, width - margin.right, margin.top + (plotH * i) / 4, grid);
  for (let e = 1; e <= epochs; e++) c.line(px(e), height - margin.bottom, px(e), height - margin.bottom + 4, [0, 0, 0]);
  c.line(margin.left, margin.top, margin.left, height - margin.bottom, [0, 0, 0]);
  c.line(margin.left, height - margin.bottom, width - margin.right, height - margin.bottom, [0, 0, 0]);
  series.forEach((s, k) => {
    const rgb = PALETTE[k % PALETTE.length].rgb;
    let prev: [number, number] | undefined;
    s.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v)) {
        prev = undefined;
        return;
      }
      const point: [number, number] = [px(i + 1), py(v)];
      if (prev) c.line(prev[0], prev[1], point[0], point[1], rgb, 2);
      for (let dx = -2; dx <= 2; dx++) for (let dy = -2; dy <= 2; dy++) c.set(point[0] + dx, point[1] + dy, rgb);
      prev = point;
    });
  });
  return { png: encodePng(c.pixels()), yRange: [lo, hi], epochs };
}
