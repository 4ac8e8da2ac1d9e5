/**
 * Semi-supervised GAN (Salimans et al. 2016, "Improved techniques for
 * training GANs", §5): the discriminator has K + 1 outputs, the K classes and
 * "fake", compiled as logits l. With p = softmax(l):
 * - D minimises, on a batch of the first L labelled samples, the class
 *   cross-entropy −log p_y; on real images (all of them, labels unused)
 *   −log(1 − p_fake); on generated ones −log p_fake;
 * - G minimises −log(1 − p_fake(G(z))) (non-saturating).
 * In logits: −log(1 − p_fake) = lse(l) − lse(l₀…l_{K−1}), −log p_fake = lse(l) − l_K.
 * After training, the discriminator's test accuracy (argmax over the K class
 * logits) is compared with the same network trained on the L labels alone.
 */
import * as tf from '@tensorflow/tfjs';
import { gather, type PreparedDataset } from '../datasets/prepare.js';
import { seededRandom } from '../datasets/rng.js';
import type { ValueRange } from './models.js';
import type { DiscriminatorHead } from './step.js';

const lse = (l: tf.Tensor): tf.Tensor => tf.logSumExp(l, -1);
/** −log(1 − p_fake) per sample. */
const notFakeLoss = (l: tf.Tensor, k: number): tf.Tensor => tf.sub(lse(l), lse(l.slice([0, 0], [-1, k])));

/** The first `count` training samples, in the generator's range, with their class ids. */
export interface LabelledSet {
  x: Float32Array;
  y: Int32Array;
  count: number;
  shape: number[];
}

export function labelledSet(ds: PreparedDataset, count: number, [lo, hi]: ValueRange): LabelledSet {
  const n = Math.min(count, ds.train.index.length);
  const batch = gather(ds, ds.train, null, 0, n);
  if (lo !== 0 || hi !== 1) for (let i = 0; i < batch.x.length; i++) batch.x[i] = lo + batch.x[i] * (hi - lo);
  return { x: batch.x, y: Int32Array.from(batch.y), count: n, shape: ds.raw.sampleShape };
}

/** Random batches (with replacement across batches, seeded) of a labelled set. */
export class LabelledBatches {
  private readonly random: () => number;
  readonly batchSize: number;

  constructor(
    private readonly set: LabelledSet,
    batchSize: number,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.batchSize = Math.min(batchSize, set.count);
  }

  next(): { x: tf.Tensor; y: tf.Tensor1D } {
    const size = this.set.x.length / this.set.count;
    const x = new Float32Array(this.batchSize * size);
    const y = new Int32Array(this.batchSize);
    for (let b = 0; b < this.batchSize; b++) {
      const i = Math.floor(this.random() * this.set.count);
      x.set(this.set.x.subarray(i * size, (i + 1) * size), b * size);
      y[b] = this.set.y[i];
    }
    return { x: tf.tensor(x, [this.batchSize, ...this.set.shape]), y: tf.tensor1d(y, 'int32') };
  }
}

/** Mean class cross-entropy of logits `l` (K + 1 wide) against class ids `y`. */
export function classLoss(l: tf.Tensor, y: tf.Tensor1D): tf.Scalar {
  return tf.mean(tf.sub(lse(l), tf.sum(tf.mul(l, tf.oneHot(y, l.shape[1]!)), -1))) as tf.Scalar;
}

export class SemiSupervisedHead implements DiscriminatorHead {
  constructor(
    /** K: the real classes (the discriminator has K + 1 outputs). */
    private readonly classes: number,
    private readonly labelled: LabelledBatches,
  ) {}

  discriminatorLoss(realScores: tf.Tensor, fakeScores: tf.Tensor, score: (x: tf.Tensor) => tf.Tensor): tf.Scalar {
    const k = this.classes;
    const { x, y } = this.labelled.next();
    const supervised = classLoss(score(x), y);
    const fakeLoss = tf.sub(lse(fakeScores), fakeScores.slice([0, k], [-1, 1]).reshape([-1]));
    const unsupervised = tf.add(tf.mean(notFakeLoss(realScores, k)), tf.mean(fakeLoss));
    return tf.add(supervised, unsupervised) as tf.Scalar;
  }

  generatorLoss(fakeScores: tf.Tensor): tf.Scalar {
    return tf.mean(notFakeLoss(fakeScores, this.classes)) as tf.Scalar;
  }

  /** 1 − p_fake: how real D thinks the batch is. */
  shown(scores: tf.Tensor): tf.Scalar {
    return tf.mean(tf.exp(tf.neg(notFakeLoss(scores, this.classes)))) as tf.Scalar;
  }
}

/** Accuracy on the test split of a (K + 1)-logit discriminator, by argmax over the K class logits. */
export function testAccuracy(
  model: tf.LayersModel,
  ds: PreparedDataset,
  range: ValueRange,
  classes: number,
  batchSize = 500,
): number {
  const [lo, hi] = range;
  const n = ds.test.index.length;
  let hits = 0;
  for (let start = 0; start < n; start += batchSize) {
    const batch = gather(ds, ds.test, null, start, Math.min(n, start + batchSize));
    if (lo !== 0 || hi !== 1) for (let i = 0; i < batch.x.length; i++) batch.x[i] = lo + batch.x[i] * (hi - lo);
    const predicted = tf.tidy(() => {
      const l = model.apply(tf.tensor(batch.x, [batch.count, ...ds.raw.sampleShape]), { training: false }) as tf.Tensor;
      return l.slice([0, 0], [-1, classes]).argMax(-1).dataSync();
    });
    for (let b = 0; b < batch.count; b++) if (predicted[b] === batch.y[b]) hits++;
  }
  return n > 0 ? hits / n : 0;
}

/**
 * The supervised baseline: `model` (a fresh copy of the discriminator) trained on the labelled set alone with the
 * class loss, for `updates` steps of `optimizer`: as many as the SGAN's discriminator made.
 */
export function trainSupervised(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  batches: LabelledBatches,
  updates: number,
): void {
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  for (let i = 0; i < updates; i++) {
    const { x, y } = batches.next();
    const cost = optimizer.minimize(() => classLoss(model.apply(x, { training: true }) as tf.Tensor, y), true, vars);
    tf.dispose([x, y, cost!]);
  }
}

export interface SemiSupervisedSetup {
  head: SemiSupervisedHead;
  labelled: LabelledSet;
  classes: number;
}

/** The SGAN head over the first `labelledLimit` training samples (all of them when unset). */
export function semiSupervisedSetup(
  ds: PreparedDataset,
  range: ValueRange,
  labelledLimit: number | undefined,
  batchSize: number,
  seed: number,
): SemiSupervisedSetup {
  const classes = ds.raw.classes?.length ?? 0;
  const labelled = labelledSet(ds, labelledLimit ?? ds.train.index.length, range);
  const head = new SemiSupervisedHead(classes, new LabelledBatches(labelled, batchSize, seed + 17));
  return { head, labelled, classes };
}
