/**
 * A GAN's generated samples as one PNG grid (the engine's grid writer): a
 * seeded batch of latent vectors through the generator, mapped from its
 * output range (sigmoid [0, 1], tanh [-1, 1]) to 0..255.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import { outputActivation } from '../../../shared/graph/output-activation.js';
import { rangeOf } from '../gan/models.js';
import { isLabelInput, labelClasses } from '../../../shared/shape/conditional.js';
import { evenLabels } from '../gan/conditional.js';
import { sampleLatent } from '../gan/noise.js';
import { encodePng, tileGrid } from '../images/index.js';
import type { ExportFile } from './files.js';
import type { ExportModel } from './models.js';

export interface SampleOptions {
  /** Number of samples (default 64, an 8 × 8 grid). */
  count?: number;
  seed?: number;
}

export function sampleGridPng(models: readonly ExportModel[], opts: SampleOptions = {}): Uint8Array {
  const generator = models.find((m) => m.name === 'generator');
  if (!generator)
    throw new DeepwireError(
      'DW703',
      "sample grids are drawn by a GAN's generator; this project is not a GAN",
      'samples',
    );
  const shape = generator.model.outputs[0].shape.slice(1) as number[];
  if (shape.length !== 3 || (shape[2] !== 1 && shape[2] !== 3)) {
    throw new DeepwireError(
      'DW703',
      `the generator outputs [${shape.join(', ')}], not images of 1 or 3 channels`,
      generator.snap.outputs[0].name,
    );
  }
  const noise = generator.snap.inputs.find((n) => n.kind === 'Noise');
  const latent =
    noise?.kind === 'Noise'
      ? { size: noise.params.size, distribution: noise.params.distribution }
      : { size: generator.model.inputs[0].shape[1] as number, distribution: 'normal' as const };
  const count = opts.count ?? 64;
  // A conditional generator also takes class labels (issue #13): 0, 1, …, K−1, 0, 1, … across the grid.
  const label = generator.snap.inputs.find(isLabelInput);
  const classes = label ? (labelClasses(generator.snap.graph, 'generator') ?? 10) : 0;
  const data = tf.tidy(() => {
    const z = sampleLatent(latent, count, opts.seed ?? 42);
    const inputs = generator.snap.inputs.map((n) => (n === label ? evenLabels(classes, count) : z));
    return (generator.model.predict(inputs.length === 1 ? inputs[0] : inputs) as tf.Tensor).dataSync();
  });
  const range = rangeOf(outputActivation(generator.snap.graph, generator.snap.outputs[0], 'range'));
  const grid = tileGrid({ data, count, height: shape[0], width: shape[1], channels: shape[2] as 1 | 3 }, { range });
  return encodePng(grid.pixels);
}

export function sampleFiles(models: readonly ExportModel[], opts: SampleOptions = {}): ExportFile[] {
  return [{ path: 'samples.png', data: sampleGridPng(models, opts) }];
}
