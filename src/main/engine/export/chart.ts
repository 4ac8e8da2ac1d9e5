/**
 * Small PNG line charts of training curves (loss, accuracy, …) for the model
 * card, drawn with plain pixels: axes, a light grid, one coloured line per
 * series with a dot per epoch. The card's text names the colours and ranges;
 * PNG has no text of its own here.
 */
import { encodePng } from '../images/png.js';
import { axisRange, RgbCanvas, type Rgb } from '../images/canvas.js';

export interface Series {
  name: string;
  values: readonly (number | null)[];
}

/** Colours of the series in order, with the names the card uses for them. */
export const PALETTE: readonly { name: string; rgb: Rgb }[] = [
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

/** Draws the series over epochs 1..n; null (diverged) points are skipped. */
export function lineChart(series: readonly Series[], opts: ChartOptions = {}): Chart {
  const width = opts.width ?? 480;
  const height = opts.height ?? 270;
  const c = new RgbCanvas(width, height);
  const margin = { left: 24, right: 12, top: 12, bottom: 20 };
  const finite = series.flatMap((s) => s.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  const epochs = Math.max(1, ...series.map((s) => s.values.length));
  const [lo, hi] = axisRange(finite);
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const px = (epoch: number) => margin.left + (epochs === 1 ? plotW / 2 : ((epoch - 1) / (epochs - 1)) * plotW);
  const py = (v: number) => margin.top + (1 - (v - lo) / (hi - lo)) * plotH;
  const grid: Rgb = [232, 232, 232];
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
