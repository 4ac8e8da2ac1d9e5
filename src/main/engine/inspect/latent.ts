/**
 * Latent-space interpolation of a trained GAN (issue #15): two seeded noise
 * vectors and the straight line between them, each point through the
 * generator, as one strip of images. Conditional GANs draw every image for
 * the same class.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { Project } from '../../../shared/project/index.js';
import type { Pixels } from '../../../shared/training/protocol.js';
import { ganConfigSchema } from '../../../shared/training/config.js';
import { feed } from '../gan/conditional.js';
import { compileGan } from '../gan/models.js';
import { sampleLatent } from '../gan/noise.js';
import { toUnitRange } from '../gan/samples.js';
import { tileGrid } from '../images/grid.js';
import { applyWeightsBlob } from '../weights.js';
import { enlarge } from './draw.js';

export interface InterpolationOptions {
  /** Images in the strip, both ends included (default 10). */
  steps?: number;
  /** Seed of the two noise vectors (default: the project's training seed). */
  seed?: number;
  /** Conditional GANs: the class every image is generated for (default 0). */
  label?: number;
}

export interface Interpolation {
  steps: number;
  latentSize: number;
  pixels: Pixels;
}

/** The generator's images along z = (1 − t)·z₀ + t·z₁ for t from 0 to 1. */
export function interpolateLatent(project: Project, opts: InterpolationOptions = {}): Interpolation {
  if (project.kind !== 'gan' || !project.weights)
    throw new DeepwireError(
      'DW626',
      `'${project.name}' is ${project.kind === 'gan' ? 'an untrained GAN' : `a ${project.kind}`}; latent interpolation needs a trained GAN`,
      project.name,
    );
  const steps = opts.steps ?? 10;
  const gan = ganConfigSchema.parse(project.gan ?? {});
  const seed = opts.seed ?? project.training.seed;
  const models = compileGan(project.graph, gan.loss, {
    seed: project.training.seed,
    semiSupervised: gan.semiSupervised,
  });
  try {
    applyWeightsBlob([models.generator, models.discriminator], project.weights, project.graph);
    const [h, w, c] = models.sampleShape;
    if (models.sampleShape.length !== 3 || (c !== 1 && c !== 3))
      throw new DeepwireError(
        'DW626',
        `the generator of '${project.name}' outputs [${models.sampleShape.join(', ')}], not images of 1 or 3 channels`,
        project.name,
      );
    const classes = models.conditional?.classes;
    const label = opts.label ?? 0;
    if (classes !== undefined && (!Number.isInteger(label) || label < 0 || label >= classes))
      throw new DeepwireError(
        'DW627',
        `class ${label} is not one of the GAN's classes 0–${classes - 1}`,
        String(label),
      );
    const values = tf.tidy(() => {
      const ends = sampleLatent(models.latent, 2, seed * 7_919);
      const t = tf.linspace(0, 1, steps).reshape([steps, 1]);
      const z = tf.add(tf.mul(tf.sub(1, t), ends.slice([0, 0], [1, -1])), tf.mul(t, ends.slice([1, 0], [1, -1])));
      const y = classes !== undefined ? tf.fill([steps, 1], label, 'int32') : undefined;
      const images = models.generator.apply(feed(z, y, models.conditional?.generatorLabelAt), { training: false });
      return toUnitRange(images as tf.Tensor, models.range).dataSync();
    });
    const grid = tileGrid({ data: values, count: steps, height: h, width: w, channels: c }, { columns: steps });
    return { steps, latentSize: models.latent.size, pixels: enlarge(grid.pixels, Math.max(1, Math.floor(56 / h))) };
  } finally {
    models.generator.dispose();
    models.discriminator.dispose();
  }
}
