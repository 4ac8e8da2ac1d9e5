/**
 * Pictures of what happens inside a network, as plain pixels: value grids
 * scaled to grey, heat maps over an image, histograms and scatter plots.
 * No text is drawn; the CLI and studio name what each picture shows.
 */
import type { Pixels } from '../../../shared/training/protocol.js';
import { axisRange, RgbCanvas, type Rgb } from '../images/canvas.js';

/** A layer name as a safe part of a picture's file name. */
export const safeName = (name: string) => name.replace(/[^A-Za-z0-9_.-]+/g, '_');

/** Ten distinct class colours (matplotlib's tab10). */
export const CLASS_COLORS: readonly Rgb[] = [
  [31, 119, 180],
  [255, 127, 14],
  [44, 160, 44],
  [214, 39, 40],
  [148, 103, 189],
  [140, 86, 75],
  [227, 119, 194],
  [127, 127, 127],
  [188, 189, 34],
  [23, 190, 207],
];

/** Values scaled to 0..1 by their own min and max (a constant array becomes 0). */
export function normalize(values: ArrayLike<number>): Float32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi - lo;
  const out = new Float32Array(values.length);
  if (!(span > 0)) return out;
  for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? (values[i] - lo) / span : 0;
  return out;
}

/** Nearest-neighbour enlargement, so a 3×3 filter or a 7×7 map is big enough to see. */
export function enlarge(p: Pixels, factor: number): Pixels {
  if (factor <= 1) return p;
  const width = p.width * factor;
  const height = p.height * factor;
  const data = new Array<number>(width * height * p.channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = ((Math.floor(y / factor) * p.width + Math.floor(x / factor)) * p.channels) | 0;
      const to = (y * width + x) * p.channels;
      for (let c = 0; c < p.channels; c++) data[to + c] = p.data[from + c];
    }
  }
  return { width, height, channels: p.channels, data };
}

/** A 0..1 value as a colour from dark blue through red to yellow (a "hot" map that stays readable in grey). */
export function heatColor(t: number): Rgb {
  const v = Math.min(1, Math.max(0, t));
  return [
    Math.round(255 * Math.min(1, v * 2)),
    Math.round(255 * Math.max(0, v * 2 - 1)),
    Math.round(255 * Math.max(0, 0.5 - v) * 1.2),
  ];
}

/** A heat map (H×W, 0..1) blended over a grey image (H×W, 0..1). */
export function heatOverlay(
  heat: ArrayLike<number>,
  image: ArrayLike<number>,
  width: number,
  height: number,
  alpha = 0.55,
): Pixels {
  const data = new Array<number>(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = heatColor(heat[i]);
    const grey = 255 * Math.min(1, Math.max(0, image[i]));
    data[i * 3] = Math.round(alpha * r + (1 - alpha) * grey);
    data[i * 3 + 1] = Math.round(alpha * g + (1 - alpha) * grey);
    data[i * 3 + 2] = Math.round(alpha * b + (1 - alpha) * grey);
  }
  return { width, height, channels: 3, data };
}

const AXIS: Rgb = [90, 90, 90];

/** A histogram of `values` in `bins` bars over their range, with axes. */
export function histogram(
  values: ArrayLike<number>,
  opts: { bins?: number; width?: number; height?: number } = {},
): { pixels: Pixels; range: [number, number] } {
  const bins = opts.bins ?? 32;
  const width = opts.width ?? 320;
  const height = opts.height ?? 160;
  const finite = Array.from(values).filter((v) => Number.isFinite(v));
  const [lo, hi] = axisRange(finite);
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor(((v - lo) / (hi - lo)) * bins))]++;
  const top = Math.max(1, ...counts);
  const c = new RgbCanvas(width, height);
  const m = { left: 8, right: 8, top: 8, bottom: 12 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const barW = plotW / bins;
  counts.forEach((n, i) => {
    const h = (n / top) * plotH;
    c.rect(m.left + i * barW + 1, m.top + plotH - h, m.left + (i + 1) * barW, m.top + plotH, CLASS_COLORS[0]);
  });
  c.rect(m.left, m.top + plotH, m.left + plotW, m.top + plotH + 1, AXIS);
  // Where zero lies, so the share of dead (zero) activations is visible.
  if (lo < 0 && hi > 0)
    c.rect(
      m.left + ((0 - lo) / (hi - lo)) * plotW,
      m.top,
      m.left + ((0 - lo) / (hi - lo)) * plotW + 1,
      m.top + plotH,
      [214, 39, 40],
    );
  return { pixels: c.pixels(), range: [lo, hi] };
}

/**
 * Points (x, y) coloured by class, scaled to fill the plot; `highlight` (an inspected image's point) is drawn
 * last as a black square ringed in white, and the axes stretch to show it.
 */
export function scatterPlot(
  points: ArrayLike<number>,
  classes: ArrayLike<number>,
  opts: { width?: number; height?: number; highlight?: [number, number] } = {},
): Pixels {
  const width = opts.width ?? 480;
  const height = opts.height ?? 480;
  const n = classes.length;
  const xs = Array.from({ length: n }, (_, i) => points[i * 2]);
  const ys = Array.from({ length: n }, (_, i) => points[i * 2 + 1]);
  const { highlight } = opts;
  const [x0, x1] = axisRange(highlight ? [...xs, highlight[0]] : xs, 1);
  const [y0, y1] = axisRange(highlight ? [...ys, highlight[1]] : ys, 1);
  const c = new RgbCanvas(width, height);
  const m = 12;
  const at = (x: number, y: number) => [
    m + ((x - x0) / (x1 - x0)) * (width - 3 * m) + m / 2,
    height - m - ((y - y0) / (y1 - y0)) * (height - 3 * m) - m / 2,
  ];
  c.rect(m, height - m, width - m, height - m + 1, AXIS);
  c.rect(m, m, m + 1, height - m, AXIS);
  for (let i = 0; i < n; i++) {
    const [px, py] = at(xs[i], ys[i]);
    c.rect(px - 2, py - 2, px + 2, py + 2, CLASS_COLORS[classes[i] % CLASS_COLORS.length]);
  }
  if (highlight) {
    const [px, py] = at(...highlight);
    c.rect(px - 7, py - 7, px + 7, py + 7, [0, 0, 0]);
    c.rect(px - 5, py - 5, px + 5, py + 5, [255, 255, 255]);
    c.rect(px - 3, py - 3, px + 3, py + 3, [0, 0, 0]);
  }
  return c.pixels();
}

/** A value in -1..1 as blue (negative) through white (zero) to red (positive). */
export function divergingColor(t: number): Rgb {
  const v = Math.min(1, Math.max(-1, Number.isFinite(t) ? t : 0));
  const fade = (c: number) => Math.round(255 - (255 - c) * Math.abs(v));
  return v < 0 ? [fade(33), fade(102), fade(172)] : [fade(178), fade(24), fade(43)];
}

/**
 * A rows × columns grid of values (row-major) as cells of diverging colour, scaled by the largest |value| so
 * that zero stays white; each cell `cellWidth` × `cellHeight` pixels.
 */
export function divergingHeatMap(
  values: ArrayLike<number>,
  rows: number,
  columns: number,
  cellWidth: number,
  cellHeight: number,
): Pixels {
  let top = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) top = Math.max(top, Math.abs(values[i]));
  const c = new RgbCanvas(columns * cellWidth, rows * cellHeight);
  for (let r = 0; r < rows; r++)
    for (let k = 0; k < columns; k++) {
      const rgb = divergingColor(top > 0 ? values[r * columns + k] / top : 0);
      c.rect(k * cellWidth, r * cellHeight, (k + 1) * cellWidth, (r + 1) * cellHeight, rgb);
    }
  return c.pixels();
}
