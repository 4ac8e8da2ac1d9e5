/** Small GAN documents for the GAN engine tests (built with the engine tests' graph helper). */
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import type { ActivationName } from '../../../../src/shared/layers/types.js';
import { Graph } from '../helpers/graph.js';

/** The MLP GAN of the sources, optionally smaller: Noise → Dense relu → Dense 784 → Reshape; Input → Flatten → Dense relu → Dense 1. */
export function mlpGan(
  opts: { hidden?: number; latent?: number; gOut?: ActivationName; dOut?: ActivationName; dUnits?: number } = {},
): GraphDoc {
  const g = new Graph();
  g.group = 'generator';
  const z = g.add('Noise', { size: opts.latent ?? 100 });
  const h = g.add('Dense', { units: opts.hidden ?? 128, activation: 'relu' }, z);
  g.add('Reshape', { targetShape: [28, 28, 1] }, g.add('Dense', { units: 784, activation: opts.gOut ?? 'sigmoid' }, h));
  g.group = 'discriminator';
  const x = g.add('Input', { shape: [28, 28, 1] });
  const d = g.add('Dense', { units: opts.hidden ?? 128, activation: 'relu' }, g.add('Flatten', {}, x));
  g.add('Dense', { units: opts.dUnits ?? 1, activation: opts.dOut ?? 'sigmoid' }, d);
  return g.doc;
}

/** A tiny DCGAN-style pair on 8×8×1: transposed convs + BatchNorm + leaky_relu in G, strided convs + Dropout in D. */
export function tinyDcgan(): GraphDoc {
  const g = new Graph();
  g.group = 'generator';
  const z = g.add('Noise', { size: 8 });
  let h = g.add('Dense', { units: 2 * 2 * 8, activation: 'linear', useBias: false }, z);
  h = g.add('Activation', { activation: 'leaky_relu', alpha: 0.2 }, g.add('BatchNormalization', {}, h));
  h = g.add('Reshape', { targetShape: [2, 2, 8] }, h);
  h = g.add(
    'Conv2DTranspose',
    { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' },
    h,
  );
  g.add('Conv2DTranspose', { filters: 1, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'tanh' }, h);
  g.group = 'discriminator';
  const x = g.add('Input', { shape: [8, 8, 1] });
  let d = g.add(
    'Conv2D',
    { filters: 4, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' },
    x,
  );
  d = g.add('Dropout', { rate: 0.3 }, d);
  d = g.add(
    'Conv2D',
    { filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' },
    d,
  );
  g.add('Dense', { units: 1, activation: 'sigmoid' }, g.add('Flatten', {}, d));
  return g.doc;
}
