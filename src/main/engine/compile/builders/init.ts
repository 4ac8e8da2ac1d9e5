/**
 * Seeded initializers with Keras's defaults, so the same seed gives the same
 * starting weights (TF.js seeds its defaults from Math.random).
 */
import * as tf from '@tensorflow/tfjs';
import type { BuildContext } from './types.js';

export const glorot = (ctx: BuildContext) => tf.initializers.glorotUniform({ seed: ctx.nextSeed() });
export const orthogonal = (ctx: BuildContext) => tf.initializers.orthogonal({ seed: ctx.nextSeed() });
export const embeddingInit = (ctx: BuildContext) => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: ctx.nextSeed() });
