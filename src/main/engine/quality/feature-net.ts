/**
 * The feature network behind the sample-quality score: a small CNN classifier
 * trained once on the GAN's own dataset (its labels), whose penultimate layer
 * (64 units) embeds images. It plays the part Inception-v3 plays in FID, at
 * the scale of 28×28 datasets. Trained models are cached in the engine's cache
 * dir, keyed by the dataset, the training budget and ARCHITECTURE_VERSION, so
 * every run on the same data is scored by the same network.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadTfjsModel, writeTfjsModel } from '../export/tfjs.js';
import { writeFileAtomic } from '../fs-atomic.js';

/** Bump when the architecture or its training changes: old cache entries are then ignored. */
export const ARCHITECTURE_VERSION = 1;
export const FEATURE_LAYER = 'features';
export const FEATURE_SIZE = 64;

export interface LabelledImages {
  /** NHWC pixels as stored by the dataset (0..255) or already in [0, 1] (`scale`). */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  count: number;
  /** [height, width, channels]. */
  shape: readonly [number, number, number];
  classes: number;
  /** Multiplier that maps `x` to [0, 1] (1/255 for bytes). */
  scale: number;
}

export interface FeatureNetOptions {
  /** Where trained networks are kept; without one the network is trained every time. */
  cacheDir?: string;
  /** Identifies the dataset in the cache key (e.g. its config). */
  datasetKey: unknown;
  epochs?: number;
  seed?: number;
}

export interface FeatureNet {
  /** Image batch in [0, 1] → [batch, FEATURE_SIZE]. */
  embed: tf.LayersModel;
  classifier: tf.LayersModel;
  /** Accuracy on held-out images (a tenth of those given): a sanity figure for logs and docs. */
  accuracy: number;
  fromCache: boolean;
  seconds: number;
}

function buildClassifier([h, w, c]: readonly [number, number, number], classes: number, seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  const input = tf.input({ shape: [h, w, c] });
  let x = tf.layers
    .conv2d({ filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: init(1) })
    .apply(input) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .conv2d({ filters: 32, kernelSize: 3, activation: 'relu', kernelInitializer: init(2) })
    .apply(x) as tf.SymbolicTensor;
  x = tf.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.flatten().apply(x) as tf.SymbolicTensor;
  x = tf.layers
    .dense({ units: FEATURE_SIZE, activation: 'relu', name: FEATURE_LAYER, kernelInitializer: init(3) })
    .apply(x) as tf.SymbolicTensor;
  const out = tf.layers
    .dense({ units: classes, activation: 'softmax', kernelInitializer: init(4) })
    .apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

const embedderOf = (classifier: tf.LayersModel): tf.LayersModel =>
  tf.model({ inputs: classifier.inputs, outputs: classifier.getLayer(FEATURE_LAYER).output as tf.SymbolicTensor });

function cacheFolder(cacheDir: string, images: LabelledImages, opts: FeatureNetOptions): string {
  const key = {
    v: ARCHITECTURE_VERSION,
    dataset: opts.datasetKey,
    count: images.count,
    shape: images.shape,
    classes: images.classes,
    epochs: opts.epochs ?? 2,
    seed: opts.seed ?? 7,
  };
  const hash = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 24);
  return join(cacheDir, 'quality', `feature-net-v${ARCHITECTURE_VERSION}-${hash}`);
}

async function loadCached(folder: string): Promise<{ classifier: tf.LayersModel; accuracy: number } | undefined> {
  try {
    const info = JSON.parse(await readFile(join(folder, 'info.json'), 'utf8')) as { accuracy: number };
    return { classifier: await loadTfjsModel(join(folder, 'model.json')), accuracy: info.accuracy };
  } catch {
    return undefined; // missing or damaged: train afresh
  }
}

async function train(
  images: LabelledImages,
  opts: FeatureNetOptions,
): Promise<{ classifier: tf.LayersModel; accuracy: number }> {
  const [h, w, c] = images.shape;
  const classifier = buildClassifier(images.shape, images.classes, opts.seed ?? 7);
  classifier.compile({ optimizer: tf.train.adam(0.002), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const x = tf.tidy(() => tf.mul(tf.tensor4d(Float32Array.from(images.x), [images.count, h, w, c]), images.scale));
  const y = tf.tensor1d(Float32Array.from(images.y));
  try {
    // The last tenth is held out to measure the accuracy reported with every score.
    const history = await classifier.fit(x, y, {
      epochs: opts.epochs ?? 2,
      batchSize: 128,
      shuffle: true,
      verbose: 0,
      validationSplit: 0.1,
    });
    const acc = history.history.val_acc ?? history.history.val_accuracy ?? [];
    return { classifier, accuracy: Number(acc[acc.length - 1] ?? 0) };
  } finally {
    tf.dispose([x, y]);
  }
}

/** The dataset's feature network: from the cache when there is one, otherwise trained (and cached). */
export async function featureNet(images: LabelledImages, opts: FeatureNetOptions): Promise<FeatureNet> {
  const started = performance.now();
  const folder = opts.cacheDir ? cacheFolder(opts.cacheDir, images, opts) : undefined;
  const cached = folder ? await loadCached(folder) : undefined;
  const { classifier, accuracy } = cached ?? (await train(images, opts));
  if (folder && !cached) {
    await mkdir(folder, { recursive: true });
    await writeTfjsModel(classifier, folder);
    await writeFileAtomic(
      join(folder, 'info.json'),
      JSON.stringify({ accuracy, architecture: ARCHITECTURE_VERSION, trainedOn: images.count }),
    );
  }
  return {
    embed: embedderOf(classifier),
    classifier,
    accuracy,
    fromCache: cached !== undefined,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Features of `count` images in [0, 1] (NHWC), in batches. */
export function embedImages(net: FeatureNet, images: tf.Tensor4D, batchSize = 256): Float32Array {
  const count = images.shape[0];
  const out = new Float32Array(count * FEATURE_SIZE);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const feats = tf.tidy(() => net.embed.predict(images.slice(start, size)) as tf.Tensor);
    out.set(feats.dataSync(), start * FEATURE_SIZE);
    feats.dispose();
  }
  return out;
}
