/**
 * Example projects of issue #13's conditional, data-making and semi-supervised
 * GANs (docs/gan.md), listed by make-examples.ts:
 * - cdcgan-mnist / cdcgan-fashion-mnist: the DCGAN with class labels;
 * - mnist-500-plus-generated: a CNN on 500 real digits + 10,000 from a trained cDCGAN;
 * - sgan-mnist: a semi-supervised GAN whose discriminator also classifies, from 100 labels.
 */
import { GraphBuilder, layer, newProject, type Project } from '../src/shared/project/index.js';
import { ganConfigSchema } from '../src/shared/training/config.js';

const CREATED = new Date('2026-11-23T00:00:00.000Z');
const MNIST = { source: 'mnist', validationSplit: 0.1, seed: 42 } as const;

/** cDCGAN (Radford et al. 2015 + Mirza & Osindero 2014) at 28×28, 10 classes. */
export function cdcgan(data: 'mnist' | 'fashion-mnist' = 'mnist'): Project {
  const b = new GraphBuilder().inGroup('generator');
  const noise = b.add(layer('Noise', { size: 100 }, 'noise'));
  const label = b.chain(
    null,
    layer('Input', { shape: [1], dtype: 'int32' }, 'label'),
    layer('Embedding', { inputDim: 10, outputDim: 50 }, 'label_embedding'),
    layer('Flatten', {}, 'label_vector'),
  );
  b.chain(
    b.add(layer('Concatenate', {}, 'noise_and_label'), [noise, label]),
    layer('Dense', { units: 7 * 7 * 128, activation: 'linear', useBias: false }),
    layer('BatchNormalization'),
    layer('Activation', { activation: 'leaky_relu', alpha: 0.2 }),
    layer('Reshape', { targetShape: [7, 7, 128] }),
    layer('Conv2DTranspose', {
      filters: 64,
      kernelSize: [5, 5],
      strides: [2, 2],
      padding: 'same',
      activation: 'linear',
      useBias: false,
    }),
    layer('BatchNormalization'),
    layer('Activation', { activation: 'leaky_relu', alpha: 0.2 }),
    layer('Conv2DTranspose', {
      filters: 1,
      kernelSize: [5, 5],
      strides: [2, 2],
      padding: 'same',
      activation: 'sigmoid',
    }),
  );
  b.inGroup('discriminator');
  const image = b.add(layer('Input', { shape: [28, 28, 1] }, 'image'));
  const channel = b.chain(
    null,
    layer('Input', { shape: [1], dtype: 'int32' }, 'image_label'),
    layer('Embedding', { inputDim: 10, outputDim: 28 * 28 }, 'image_label_embedding'),
    layer('Reshape', { targetShape: [28, 28, 1] }, 'label_channel'),
  );
  b.chain(
    b.add(layer('Concatenate', {}, 'image_and_label'), [image, channel]),
    layer('Conv2D', { filters: 64, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.3 }),
    layer('Conv2D', { filters: 128, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.3 }),
    layer('Flatten'),
    layer('Dense', { units: 1, activation: 'sigmoid' }),
  );
  return newProject('gan', data === 'mnist' ? 'Conditional DCGAN (MNIST)' : 'Conditional DCGAN (Fashion-MNIST)', {
    description:
      'The DCGAN with a class label in both models: an embedded label joins the noise in the generator and is an extra image channel ' +
      'in the discriminator. Samples show one row per class; `deepwire generate` turns a trained one into a labelled dataset.',
    graph: b.build(),
    dataset: data === 'mnist' ? MNIST : { ...MNIST, source: 'fashion-mnist' },
    training: { loss: 'binaryCrossentropy', metrics: [], batchSize: 64, epochs: 5 },
    now: CREATED,
  });
}

/** The small CNN of the generated-data comparison (and the SGAN's discriminator body). */
function smallCnn(b: GraphBuilder, units: number, activation: 'softmax'): string {
  return b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Conv2D', { filters: 32, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.25 }),
    layer('Conv2D', { filters: 64, kernelSize: [3, 3], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.25 }),
    layer('Flatten'),
    layer('Dense', { units, activation }),
  );
}

/** A CNN on the first 500 MNIST training digits plus 10,000 from a trained cDCGAN (generatedSamples). */
export function mnist500PlusGenerated(): Project {
  const b = new GraphBuilder();
  smallCnn(b, 10, 'softmax');
  return newProject('classifier', 'MNIST: 500 real + 10,000 generated digits', {
    description:
      'Trains on the first 500 labelled MNIST digits plus 10,000 samples of a trained conditional GAN (dataset.generated.project: ' +
      'train cdcgan-mnist.deepwire first and save it beside this file). Remove dataset.generated to train on the 500 alone and compare.',
    graph: b.build(),
    dataset: { ...MNIST, labelledLimit: 500, generated: { project: 'cdcgan-mnist.deepwire', count: 10_000 } },
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      batchSize: 64,
      epochs: 5,
    },
    now: CREATED,
  });
}

/** SGAN (Salimans et al. 2016): D classifies 10 digits + "fake"; only the first 100 labels are used. */
export function sganMnist(): Project {
  const b = new GraphBuilder().inGroup('generator');
  b.chain(
    null,
    layer('Noise', { size: 100 }),
    layer('Dense', { units: 7 * 7 * 64, activation: 'linear', useBias: false }),
    layer('BatchNormalization'),
    layer('Activation', { activation: 'leaky_relu', alpha: 0.2 }),
    layer('Reshape', { targetShape: [7, 7, 64] }),
    layer('Conv2DTranspose', {
      filters: 32,
      kernelSize: [4, 4],
      strides: [2, 2],
      padding: 'same',
      activation: 'linear',
      useBias: false,
    }),
    layer('BatchNormalization'),
    layer('Activation', { activation: 'leaky_relu', alpha: 0.2 }),
    layer('Conv2DTranspose', {
      filters: 1,
      kernelSize: [4, 4],
      strides: [2, 2],
      padding: 'same',
      activation: 'sigmoid',
    }),
  );
  b.inGroup('discriminator');
  smallCnn(b, 11, 'softmax');
  const project = newProject('gan', 'Semi-supervised GAN (MNIST, 100 labels)', {
    description:
      'Salimans et al. (2016): the discriminator sorts images into the 10 digits or "fake" (11 outputs). It learns the classes from ' +
      'the first 100 labelled digits and the rest of MNIST unlabelled; the run reports its test accuracy beside the same network ' +
      'trained on the 100 labels alone.',
    graph: b.build(),
    dataset: { ...MNIST, labelledLimit: 100 },
    training: { loss: 'categoricalCrossentropy', metrics: [], batchSize: 64, epochs: 3 },
    now: CREATED,
  });
  return { ...project, gan: ganConfigSchema.parse({ semiSupervised: true }) };
}
