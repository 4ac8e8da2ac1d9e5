/**
 * What the studio and the CLI show of a CycleGAN: a grid from fixed samples,
 * one row per pair — a → G(a) → F(G(a)) | b → F(b) → G(F(b)) — drawn in
 * inference mode, so the successive grids form a timeline. And the held-out
 * translation error of the built-in pair: mean |G(a) − T(a)| in [0, 1] pixels.
 */
import * as tf from '@tensorflow/tfjs';
import { tileGrid, type Grid } from '../../images/grid.js';
import type { ValueRange } from '../models.js';
import { toUnitRange } from '../samples.js';
import { firstIndices, toRange } from './batches.js';
import type { CycleDomainData, DomainImages } from './domains.js';
import type { CycleModels } from './models.js';

export const GRID_ROWS = 8;
export const GRID_COLUMNS = 6;

const predict = (m: tf.LayersModel, x: tf.Tensor) => m.predict(x) as tf.Tensor;

/** The grid of `cells` ([rows · 6, h, w, c], row-major, the generators' range), whichever engine made them. */
export function translationGridOf(cells: tf.Tensor, range: ValueRange): Grid {
  const [count, h, w, c] = cells.shape;
  const unit = toUnitRange(cells, range);
  const data = unit.dataSync();
  unit.dispose();
  return tileGrid({ data, count, height: h, width: w, channels: c as 1 | 3 }, { columns: GRID_COLUMNS });
}

export class TranslationGrid {
  private readonly a: tf.Tensor4D;
  private readonly b: tf.Tensor4D;

  constructor(
    data: CycleDomainData,
    private readonly range: ValueRange,
  ) {
    // Fixed samples: held-out digits where there are some (never trained on), else the first images.
    const sourceA = data.heldout?.a ?? data.a;
    const pick = (d: DomainImages) => firstIndices(Math.min(GRID_ROWS, d.count));
    this.a = toRange(sourceA, pick(sourceA), data.image, range);
    this.b = toRange(data.b, pick(data.b), data.image, range);
  }

  snapshot(m: CycleModels): Grid {
    const rows = Math.min(this.a.shape[0], this.b.shape[0]);
    const [, h, w, c] = this.a.shape;
    const cells = tf.tidy(() => {
      const a = this.a.slice(0, rows);
      const b = this.b.slice(0, rows);
      const gA = predict(m.gAB, a);
      const fB = predict(m.gBA, b);
      // Row-major: each row's six cells side by side.
      return tf
        .stack([a, gA, predict(m.gBA, gA), b, fB, predict(m.gAB, fB)], 1)
        .reshape([rows * GRID_COLUMNS, h, w, c]);
    });
    try {
      return translationGridOf(cells, this.range);
    } finally {
      cells.dispose();
    }
  }

  /** The fixed samples (in the generators' range, NHWC): what another engine translates for the grid. */
  get samples(): { a: tf.Tensor4D; b: tf.Tensor4D } {
    return { a: this.a, b: this.b };
  }

  dispose(): void {
    tf.dispose([this.a, this.b]);
  }
}

/** Mean |G(a) − T(a)| over the held-out digits, pixels in [0, 1], in batches of 100. */
export function heldoutTranslationMae(m: CycleModels, data: CycleDomainData, range: ValueRange): number | undefined {
  const held = data.heldout;
  return held && translationMae(data, range, (idx) => predict(m.gAB, toRange(held.a, idx, data.image, range)));
}

/**
 * The same error from any engine's translations: `translate(indices)` gives G(a) of those held-out digits
 * (the generators' range, NHWC), asked for in batches of 100.
 */
export function translationMae(
  data: CycleDomainData,
  range: ValueRange,
  translate: (indices: number[]) => tf.Tensor,
): number | undefined {
  const held = data.heldout;
  if (!held) return undefined;
  let total = 0;
  for (let start = 0; start < held.a.count; start += 100) {
    const idx = firstIndices(Math.min(100, held.a.count - start)).map((i) => i + start);
    total += tf.tidy(() => {
      const made = toUnitRange(translate(idx), range);
      const truth = toRange(held.target, idx, data.image, [0, 1]);
      return tf.sum(tf.abs(tf.sub(made, truth))).dataSync()[0];
    });
  }
  return total / (held.a.count * data.image[0] * data.image[1] * data.image[2]);
}
