/**
 * Generates the example projects in resources/examples and the series they
 * train on in resources/datasets, reproducibly (fixed dates, seeded noise):
 *
 *   node --import tsx scripts/make-examples.ts
 *
 * tests/shared/project/examples.test.ts checks the files on disk equal what
 * this script generates, so edit the definitions here, then re-run it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GraphBuilder, layer, newProject, serializeProject, type Project } from '../src/shared/project/index.js';
import { seededRandom } from '../src/shared/random.js';
import { cdcgan, mnist500PlusGenerated, sganMnist } from './gan-data-examples.js';
import { cyclegan128, cycleganMnist } from './cycle-examples.js';

const CREATED = new Date('2026-11-23T00:00:00.000Z');
const MNIST = { source: 'mnist', validationSplit: 0.1, seed: 42 } as const;

export interface Example {
  id: string;
  project: Project;
}

function mnistCnn(): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Conv2D', { filters: 32, kernelSize: [3, 3], activation: 'relu' }),
    layer('MaxPooling2D', { poolSize: [2, 2], strides: [2, 2] }),
    layer('Flatten'),
    layer('Dense', { units: 128, activation: 'relu' }),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return newProject('classifier', 'MNIST CNN', {
    description:
      'The classic small CNN for handwritten digits: one 3×3 convolution, max pooling, two dense layers (693,962 params).',
    graph: b.build(),
    dataset: MNIST,
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      batchSize: 64,
      epochs: 1,
    },
    now: CREATED,
  });
}

function simpleRnn(): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [10, 1] }),
    layer('SimpleRNN', { units: 100 }),
    layer('Dense', { units: 1, activation: 'linear' }),
  );
  return newProject('regressor', 'SimpleRNN forecaster', {
    description:
      'Predicts the next value of a noisy sine wave from the previous 10 (resources/datasets/sine.csv; 10,301 params).',
    graph: b.build(),
    dataset: {
      source: 'csv-series',
      path: '../datasets/sine.csv',
      targetColumn: 'value',
      featureColumns: ['value'],
      lookback: 10,
      horizon: 1,
      normalize: true,
      validationSplit: 0.1,
      seed: 42,
    },
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'meanSquaredError',
      metrics: ['mae'],
      batchSize: 32,
      epochs: 10,
    },
    now: CREATED,
  });
}

function mlpGan(): Project {
  const b = new GraphBuilder().inGroup('generator');
  b.chain(
    null,
    layer('Noise', { size: 100 }),
    layer('Dense', { units: 128, activation: 'relu' }),
    layer('Dense', { units: 784, activation: 'sigmoid' }),
    layer('Reshape', { targetShape: [28, 28, 1] }),
  );
  b.inGroup('discriminator').chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Flatten'),
    layer('Dense', { units: 128, activation: 'relu' }),
    layer('Dense', { units: 1, activation: 'sigmoid' }),
  );
  return newProject('gan', 'MLP GAN', {
    description:
      'A fully connected GAN on MNIST: generator 114,064 params (100 → 128 → 784), discriminator 100,609 (784 → 128 → 1).',
    graph: b.build(),
    dataset: MNIST,
    training: { loss: 'binaryCrossentropy', metrics: [], batchSize: 64, epochs: 5 },
    now: CREATED,
  });
}

function lenet5(): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Conv2D', { filters: 6, kernelSize: [5, 5], padding: 'same', activation: 'tanh' }),
    layer('AveragePooling2D', { poolSize: [2, 2], strides: [2, 2] }),
    layer('Conv2D', { filters: 16, kernelSize: [5, 5], padding: 'valid', activation: 'tanh' }),
    layer('AveragePooling2D', { poolSize: [2, 2], strides: [2, 2] }),
    layer('Flatten'),
    layer('Dense', { units: 120, activation: 'tanh' }),
    layer('Dense', { units: 84, activation: 'tanh' }),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return newProject('classifier', 'LeNet-5', {
    description:
      'LeCun et al. (1998) on 28×28 digits: the first convolution pads to keep 28×28, as the original did with 32×32 inputs; tanh and average pooling.',
    graph: b.build(),
    dataset: MNIST,
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      batchSize: 64,
      epochs: 3,
    },
    now: CREATED,
  });
}

/** The DCGAN on a dataset of 28×28 grayscale images (MNIST or Fashion-MNIST). */
function dcgan(data: 'mnist' | 'fashion-mnist' = 'mnist'): Project {
  const b = new GraphBuilder().inGroup('generator');
  b.chain(
    null,
    layer('Noise', { size: 100 }),
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
    // sigmoid: the MNIST pixels are scaled to [0, 1].
    layer('Conv2DTranspose', {
      filters: 1,
      kernelSize: [5, 5],
      strides: [2, 2],
      padding: 'same',
      activation: 'sigmoid',
    }),
  );
  b.inGroup('discriminator').chain(
    null,
    layer('Input', { shape: [28, 28, 1] }),
    layer('Conv2D', { filters: 64, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.3 }),
    layer('Conv2D', { filters: 128, kernelSize: [5, 5], strides: [2, 2], padding: 'same', activation: 'leaky_relu' }),
    layer('Dropout', { rate: 0.3 }),
    layer('Flatten'),
    layer('Dense', { units: 1, activation: 'sigmoid' }),
  );
  return newProject('gan', data === 'mnist' ? 'DCGAN (MNIST)' : 'DCGAN (Fashion-MNIST)', {
    description:
      'Radford et al. (2015) scaled to 28×28: the generator upsamples 7×7×128 with strided transposed convolutions, the discriminator downsamples with strided convolutions.',
    graph: b.build(),
    dataset: data === 'mnist' ? MNIST : { ...MNIST, source: 'fashion-mnist' },
    training: { loss: 'binaryCrossentropy', metrics: [], batchSize: 64, epochs: 5 },
    now: CREATED,
  });
}

function residualCnn(): Project {
  const conv = (filters: number, activation: 'relu' | 'linear', k = 3) =>
    layer('Conv2D', { filters, kernelSize: [k, k], padding: 'same', activation });
  const b = new GraphBuilder();
  const stem = b.chain(null, layer('Input', { shape: [28, 28, 1] }), conv(16, 'relu'));
  // Block 1: identity shortcut.
  const body1 = b.chain(stem, conv(16, 'relu'), conv(16, 'linear'));
  const out1 = b.chain(
    b.add(layer('Add'), [body1, stem]),
    layer('Activation', { activation: 'relu' }),
    layer('MaxPooling2D'),
  );
  // Block 2: 1×1 projection shortcut, since the width grows to 32.
  const body2 = b.chain(out1, conv(32, 'relu'), conv(32, 'linear'));
  const shortcut = b.chain(out1, conv(32, 'linear', 1));
  b.chain(
    b.add(layer('Add'), [body2, shortcut]),
    layer('Activation', { activation: 'relu' }),
    layer('GlobalAveragePooling2D'),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return newProject('classifier', 'Residual CNN', {
    description:
      'Two residual blocks (He et al., 2015): an identity shortcut, then a 1×1 projection shortcut where the width doubles; global average pooling instead of Flatten.',
    graph: b.build(),
    dataset: MNIST,
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      batchSize: 64,
      epochs: 2,
    },
    now: CREATED,
  });
}

function lstmRows(): Project {
  const b = new GraphBuilder();
  b.chain(
    null,
    layer('Input', { shape: [28, 28] }),
    layer('LSTM', { units: 128 }),
    layer('Dense', { units: 10, activation: 'softmax' }),
  );
  return newProject('classifier', 'LSTM on MNIST rows', {
    description: 'Reads each digit as a sequence of 28 rows of 28 pixels and classifies it from the last LSTM state.',
    graph: b.build(),
    dataset: { source: 'mnist-rows', validationSplit: 0.1, seed: 42 },
    training: {
      optimizer: { name: 'adam', learningRate: 0.001 },
      loss: 'categoricalCrossentropy',
      metrics: ['accuracy'],
      batchSize: 64,
      epochs: 2,
    },
    now: CREATED,
  });
}

export function buildExamples(): Example[] {
  return [
    { id: 'mnist-cnn', project: mnistCnn() },
    { id: 'simple-rnn', project: simpleRnn() },
    { id: 'mlp-gan', project: mlpGan() },
    { id: 'lenet5', project: lenet5() },
    { id: 'dcgan-mnist', project: dcgan() },
    { id: 'dcgan-fashion-mnist', project: dcgan('fashion-mnist') },
    { id: 'cdcgan-mnist', project: cdcgan() },
    { id: 'cdcgan-fashion-mnist', project: cdcgan('fashion-mnist') },
    { id: 'mnist-500-plus-generated', project: mnist500PlusGenerated() },
    { id: 'sgan-mnist', project: sganMnist() },
    { id: 'cyclegan-mnist', project: cycleganMnist() },
    { id: 'cyclegan-128', project: cyclegan128() },
    { id: 'residual-cnn', project: residualCnn() },
    { id: 'lstm-mnist-rows', project: lstmRows() },
  ];
}

/** A sine of period 50 steps with a slower one of period 400 under it, plus Gaussian noise (σ 0.05). */
export function sineCsv(rows = 3000, seed = 7): string {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const lines = ['step,value'];
  for (let t = 0; t < rows; t++) {
    const v = Math.sin((2 * Math.PI * t) / 50) + 0.3 * Math.sin((2 * Math.PI * t) / 400) + 0.05 * gauss();
    lines.push(`${t},${v.toFixed(5)}`);
  }
  return `${lines.join('\n')}\n`;
}

export const RESOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');

function main(): void {
  const examplesDir = join(RESOURCES, 'examples');
  const datasetsDir = join(RESOURCES, 'datasets');
  mkdirSync(examplesDir, { recursive: true });
  mkdirSync(datasetsDir, { recursive: true });
  for (const { id, project } of buildExamples()) {
    writeFileSync(join(examplesDir, `${id}.deepwire`), serializeProject(project));
    console.log(`wrote resources/examples/${id}.deepwire`);
  }
  writeFileSync(join(datasetsDir, 'sine.csv'), sineCsv());
  console.log('wrote resources/datasets/sine.csv');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
