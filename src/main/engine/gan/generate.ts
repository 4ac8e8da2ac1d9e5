/**
 * GAN-made data (issue #13): N samples of a trained GAN project as 8-bit
 * images, with their requested class ids when the GAN is conditional (the
 * classes cycle 0, 1, …, K−1, so every class gets N/K samples). Used by
 * `deepwire generate`, the studio's "Generate dataset" and the dataset option
 * "add generated samples".
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { Project } from '../../../shared/project/index.js';
import { ganConfigSchema } from '../../../shared/training/config.js';
import { applyWeightsBlob } from '../weights.js';
import { feed } from './conditional.js';
import { compileGan } from './models.js';
import { sampleLatent } from './noise.js';
import { toUnitRange } from './samples.js';

export interface GeneratedImages {
  /** [height, width, channels] of one sample. */
  shape: [number, number, 1 | 3];
  count: number;
  /** Sample-major NHWC pixels 0..255. */
  pixels: Uint8Array;
  /** Conditional GANs: the class id each sample was generated for. */
  labels?: Int32Array;
  /** Conditional GANs: the number of classes. */
  classes?: number;
}

export interface GenerateOptions {
  count: number;
  /** Seed of the latent vectors (default: the project's training seed). */
  seed?: number;
  batchSize?: number;
}

/** DW508 unless `project` is a GAN with trained weights whose generator makes 1- or 3-channel images. */
function checkGenerator(project: Project, where: string): void {
  if (project.kind !== 'gan') {
    throw new DeepwireError('DW703', `${where} is a ${project.kind}; samples are made by a trained GAN project`, where);
  }
  if (!project.weights) {
    throw new DeepwireError(
      'DW508',
      `${where} has no trained weights: train it first (deepwire train ${where})`,
      where,
    );
  }
}

export function generateImages(project: Project, opts: GenerateOptions, where = project.name): GeneratedImages {
  checkGenerator(project, where);
  const gan = ganConfigSchema.parse(project.gan ?? {});
  const seed = project.training.seed;
  const models = compileGan(project.graph, gan.loss, { seed, semiSupervised: gan.semiSupervised });
  try {
    applyWeightsBlob([models.generator, models.discriminator], project.weights!, project.graph);
    const shape = models.sampleShape;
    if (shape.length !== 3 || (shape[2] !== 1 && shape[2] !== 3)) {
      const why = `the generator of ${where} outputs [${shape.join(', ')}], not images of 1 or 3 channels`;
      throw new DeepwireError('DW703', why, where);
    }
    const size = shape[0] * shape[1] * shape[2];
    const pixels = new Uint8Array(opts.count * size);
    const classes = models.conditional?.classes;
    const labels = classes ? Int32Array.from({ length: opts.count }, (_, i) => i % classes) : undefined;
    const batchSize = opts.batchSize ?? 256;
    const zSeed = opts.seed ?? seed;
    for (let start = 0; start < opts.count; start += batchSize) {
      const n = Math.min(batchSize, opts.count - start);
      const values = tf.tidy(() => {
        const z = sampleLatent(models.latent, n, zSeed * 7_919 + start);
        const y = labels && tf.tensor2d(labels.subarray(start, start + n), [n, 1], 'int32');
        const images = models.generator.apply(feed(z, y, models.conditional?.generatorLabelAt), { training: false });
        return toUnitRange(images as tf.Tensor, models.range).dataSync();
      });
      for (let k = 0; k < values.length; k++) pixels[start * size + k] = Math.round(values[k] * 255);
    }
    const image = shape as [number, number, 1 | 3];
    return { shape: image, count: opts.count, pixels, ...(labels ? { labels, classes } : {}) };
  } finally {
    models.generator.dispose();
    models.discriminator.dispose();
  }
}
