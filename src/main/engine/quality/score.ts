/**
 * The sample-quality score of a GAN run: the Fréchet distance between the
 * feature statistics of generated images and of held-out real ones (the test
 * split, which neither the GAN nor the feature network trains on). Lower is
 * better; two samples of real data give the floor (`realFloor`, not 0 because
 * both are finite samples).
 */
import * as tf from '@tensorflow/tfjs';
import { gather, prepareDataset, type PreparedDataset, type Split } from '../datasets/prepare.js';
import { FEATURE_SIZE, embedImages, featureNet, type FeatureNet } from './feature-net.js';
import { fitGaussian, frechetDistance, type Gaussian } from './frechet.js';

export interface ScorerOptions {
  cacheDir?: string;
  /** Identifies the dataset for the feature network's cache (e.g. its config). */
  datasetKey: unknown;
  /** Images the feature network trains on (default 10,000) and its epochs (default 2). */
  trainImages?: number;
  epochs?: number;
  /** Real and generated images per score (default 1,000; more than the 64 features). */
  sampleSize?: number;
  /** The dataset's split seed and validation fraction, so the scorer holds out the run's own test part. */
  splitSeed: number;
  validationSplit: number;
}

export interface QualityScorer {
  net: FeatureNet;
  /** Images compared per score. */
  sampleSize: number;
  /** Score of real validation images against the test reference: what a perfect generator would get. */
  realFloor: number;
  /** The score of `images` (NHWC in [0, 1], at least 2) against the test reference. */
  score(images: tf.Tensor4D): number;
  /** Real images in [0, 1] from a split, for tests and baselines. */
  realImages(which: 'train' | 'validation' | 'test', count: number): tf.Tensor4D;
}

function imagesOf(ds: PreparedDataset, split: Split, count: number): tf.Tensor4D {
  const n = Math.min(count, split.index.length);
  const batch = gather(ds, split, null, 0, n);
  const [h, w, c] = ds.raw.image!;
  return tf.tensor4d(batch.x, [n, h, w, c]);
}

function gaussianOf(net: FeatureNet, images: tf.Tensor4D): Gaussian {
  return fitGaussian(embedImages(net, images), images.shape[0], FEATURE_SIZE);
}

/**
 * Builds the scorer of a prepared image dataset. The feature network trains on
 * the dataset's training split without the run's `limit`, so a short run on a
 * few hundred images is still scored by a network that knows the data.
 */
export async function createScorer(ds: PreparedDataset, opts: ScorerOptions): Promise<QualityScorer> {
  const [h, w, c] = ds.raw.image!;
  const full = prepareDataset(ds.raw, { validationSplit: Math.max(0.05, opts.validationSplit), seed: opts.splitSeed });
  const trainCount = Math.min(opts.trainImages ?? 10_000, full.train.index.length);
  const train = gather(full, full.train, null, 0, trainCount);
  const net = await featureNet(
    { x: train.x, y: train.y, count: trainCount, shape: [h, w, c], classes: ds.raw.classes?.length ?? 1, scale: 1 },
    { cacheDir: opts.cacheDir, datasetKey: opts.datasetKey, epochs: opts.epochs },
  );
  const sampleSize = opts.sampleSize ?? 1000;
  const referenceImages = imagesOf(full, full.test, sampleSize);
  const reference = gaussianOf(net, referenceImages);
  referenceImages.dispose();
  const scoreOf = (images: tf.Tensor4D) => frechetDistance(reference, gaussianOf(net, images));
  const validation = imagesOf(full, full.validation, sampleSize);
  const realFloor = scoreOf(validation);
  validation.dispose();
  return {
    net,
    sampleSize,
    realFloor,
    score: scoreOf,
    realImages: (which, count) => imagesOf(full, full[which], count),
  };
}
