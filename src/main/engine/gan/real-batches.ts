/**
 * Batches of real images for the discriminator, scaled into the generator's
 * output range, drawn without replacement from a reshuffled order on every
 * pass over the training split (seeded, so runs repeat).
 */
import * as tf from '@tensorflow/tfjs';
import { gather, type PreparedDataset } from '../datasets/prepare.js';
import { shuffleInPlace, seededRandom } from '../datasets/rng.js';
import type { ValueRange } from './models.js';

export class RealBatches {
  /** Images per batch (the batch size, or the whole split when it is smaller). */
  readonly batchSize: number;
  /** Whole batches in one pass over the training split. */
  readonly perPass: number;
  private readonly order: Int32Array;
  private readonly random: () => number;
  private position: number;
  private readonly shape: number[];

  constructor(
    private readonly ds: PreparedDataset,
    private readonly range: ValueRange,
    batchSize: number,
    seed: number,
  ) {
    const n = ds.train.index.length;
    this.batchSize = Math.min(batchSize, n);
    this.perPass = Math.floor(n / this.batchSize);
    this.order = Int32Array.from({ length: n }, (_, i) => i);
    this.random = seededRandom(seed);
    this.position = n; // reshuffle on first use
    this.shape = ds.raw.sampleShape;
  }

  /** The next batch, in the dataset's sample shape (NHWC for images) and the generator's range. */
  next(): tf.Tensor {
    return this.nextArrays().x;
  }

  /** The next batch with its class ids as an int32 [batch, 1] tensor (conditional GANs). */
  nextLabelled(): { x: tf.Tensor; labels: tf.Tensor2D } {
    const { x, y } = this.nextArrays();
    return { x, labels: tf.tensor2d(Int32Array.from(y), [y.length, 1], 'int32') };
  }

  private nextArrays(): { x: tf.Tensor; y: ArrayLike<number> } {
    if (this.position + this.batchSize > this.order.length) {
      shuffleInPlace(this.order, this.random);
      this.position = 0;
    }
    const batch = gather(this.ds, this.ds.train, this.order, this.position, this.position + this.batchSize);
    this.position += this.batchSize;
    const [lo, hi] = this.range;
    // gather() gives pixels in [0, 1]; move them into [lo, hi].
    if (lo !== 0 || hi !== 1) for (let i = 0; i < batch.x.length; i++) batch.x[i] = lo + batch.x[i] * (hi - lo);
    return { x: tf.tensor(batch.x, [batch.count, ...this.shape]), y: batch.y };
  }
}
