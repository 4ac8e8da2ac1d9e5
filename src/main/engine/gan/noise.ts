/** Latent vectors z for the generator, drawn as its Noise layer says, seeded. */
import * as tf from '@tensorflow/tfjs';
import type { Latent } from './models.js';

/** z ~ N(0, 1) or U(−1, 1), shape [batch, size]; the same seed gives the same batch. */
export function sampleLatent(latent: Latent, batch: number, seed: number): tf.Tensor2D {
  const shape: [number, number] = [batch, latent.size];
  return latent.distribution === 'uniform'
    ? tf.randomUniform(shape, -1, 1, 'float32', seed)
    : tf.randomNormal(shape, 0, 1, 'float32', seed);
}
