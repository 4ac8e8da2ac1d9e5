/**
 * The fixed-noise sample grid: the same latent batch is pushed through the
 * generator every `sampleEvery` steps, so successive grids show how the same
 * z's images evolve (the studio's timeline). Also measures how different the
 * samples are from each other, to notice mode collapse.
 */
import * as tf from '@tensorflow/tfjs';
import { tileGrid, type Grid } from '../images/grid.js';
import type { GanModels, ValueRange } from './models.js';
import { sampleLatent } from './noise.js';
import type { AdversarialSteps } from './step.js';

export const GRID_SAMPLES = 64;
/** A conditional GAN's grid: one row per class, this many columns, each column one fixed z. */
export const CONDITIONAL_GRID_COLUMNS = 10;

/**
 * Mean over all pairs of the RMS pixel difference of `count` images in [0, 1]
 * (0 = all identical; MNIST digits are about 0.35–0.4 apart).
 */
export function meanPairwiseDistance(images: ArrayLike<number>, count: number, size: number): number {
  let total = 0;
  let pairs = 0;
  for (let i = 0; i < count; i++)
    for (let j = i + 1; j < count; j++) {
      let sq = 0;
      for (let k = 0; k < size; k++) {
        const d = images[i * size + k] - images[j * size + k];
        sq += d * d;
      }
      total += Math.sqrt(sq / size);
      pairs++;
    }
  return pairs > 0 ? total / pairs : 0;
}

/** Generator output → [0, 1] (clipped), for grids, diversity and the quality score. */
export function toUnitRange(images: tf.Tensor, [lo, hi]: ValueRange): tf.Tensor {
  return tf.tidy(() => tf.clipByValue(lo === 0 && hi === 1 ? images : tf.div(tf.sub(images, lo), hi - lo), 0, 1));
}

export interface SampleSnapshot extends Grid {
  /** Mean pairwise distance of the samples (see meanPairwiseDistance). */
  diversity: number;
}

/** The grid and the diversity of generated images (in the generator's range), whichever engine made them. */
export function snapshotOf(
  generated: tf.Tensor,
  range: ValueRange,
  /** How a sample is shown: [height, width, channels]. */
  image: readonly [number, number, 1 | 3],
  count: number,
  columns?: number,
): SampleSnapshot {
  const unit = toUnitRange(generated, range);
  const values = unit.dataSync();
  unit.dispose();
  const [height, width, channels] = image;
  const grid = tileGrid({ data: values, count, height, width, channels }, { columns });
  return { ...grid, diversity: meanPairwiseDistance(values, count, values.length / count) };
}

export interface FixedNoise {
  z: tf.Tensor2D;
  /** Conditional GANs: the row's class for every sample. */
  labels?: tf.Tensor2D;
  count: number;
  columns?: number;
}

/**
 * The grid's latent batch: `count` z drawn with `seed`; for a conditional GAN one row per class, the same z
 * down each column, so a column shows one "style" in every class.
 */
export function fixedNoise(
  models: Pick<GanModels, 'latent' | 'conditional'>,
  seed: number,
  count = GRID_SAMPLES,
): FixedNoise {
  const classes = models.conditional?.classes;
  if (!classes) return { z: sampleLatent(models.latent, count, seed), count };
  const columns = CONDITIONAL_GRID_COLUMNS;
  const all = classes * columns;
  return {
    z: tf.tidy(() => tf.tile(sampleLatent(models.latent, columns, seed), [classes, 1]) as tf.Tensor2D),
    labels: tf.tensor2d(
      Int32Array.from({ length: all }, (_, i) => Math.floor(i / columns)),
      [all, 1],
      'int32',
    ),
    count: all,
    columns,
  };
}

export class FixedNoiseSamples {
  private readonly noise: FixedNoise;

  constructor(
    private readonly models: GanModels,
    seed: number,
    /** How a sample is shown: [height, width, channels] (the dataset's image geometry). */
    private readonly image: readonly [number, number, 1 | 3],
    count = GRID_SAMPLES,
  ) {
    this.noise = fixedNoise(models, seed, count);
  }

  get count(): number {
    return this.noise.count;
  }

  snapshot(steps: AdversarialSteps): SampleSnapshot {
    const { z, labels, count, columns } = this.noise;
    const generated = steps.sample(z, labels);
    try {
      return snapshotOf(generated, this.models.range, this.image, count, columns);
    } finally {
      generated.dispose();
    }
  }

  dispose(): void {
    this.noise.z.dispose();
    this.noise.labels?.dispose();
  }
}
