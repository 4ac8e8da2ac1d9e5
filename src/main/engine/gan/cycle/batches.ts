/** Domain images as float batches in the generators' range, shuffled per pass with the run's seed. */
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../../../shared/random.js';
import type { ValueRange } from '../models.js';
import type { DomainImages } from './domains.js';

/** Bytes 0..255 of images `indices` → a float NHWC tensor in `range`. */
export function toRange(
  images: DomainImages,
  indices: ArrayLike<number>,
  image: readonly number[],
  [lo, hi]: ValueRange,
): tf.Tensor4D {
  const per = image[0] * image[1] * image[2];
  const out = new Float32Array(indices.length * per);
  const scale = (hi - lo) / 255;
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i] * per;
    for (let k = 0; k < per; k++) out[i * per + k] = images.x[src + k] * scale + lo;
  }
  return tf.tensor4d(out, [indices.length, image[0], image[1], image[2]]);
}

export const firstIndices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

export class DomainBatches {
  private order: number[] = [];
  private position = 0;
  private readonly random: () => number;

  constructor(
    private readonly images: DomainImages,
    private readonly image: readonly number[],
    private readonly range: ValueRange,
    readonly batchSize: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  next(): tf.Tensor4D {
    const picked: number[] = [];
    while (picked.length < Math.min(this.batchSize, this.images.count)) {
      if (this.position >= this.order.length) this.shuffle();
      picked.push(this.order[this.position++]);
    }
    return toRange(this.images, picked, this.image, this.range);
  }

  private shuffle(): void {
    this.order = firstIndices(this.images.count);
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    }
    this.position = 0;
  }
}
