/**
 * A user's IDX pair: images (N×H×W, N×H×W×C with C 1 or 3, or N×F vectors)
 * and labels (N class ids). Class names are the ids 0..max.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { parseIdx } from './idx.js';
import { MAX_CLASSES, type RawDataset } from './types.js';

async function read(file: string) {
  try {
    return parseIdx(new Uint8Array(await readFile(file)), file);
  } catch (e) {
    if (e instanceof DeepwireError) throw e;
    throw new DeepwireError('DW401', `${file} does not exist or cannot be read`, file);
  }
}

export async function loadIdxPair(imagesFile: string, labelsFile: string): Promise<RawDataset> {
  const images = await read(imagesFile);
  const labels = await read(labelsFile);
  const [n, ...sample] = images.dims;
  if (labels.dims.length !== 1)
    throw new DeepwireError(
      'DW407',
      `${labelsFile} must be one label per sample, found dimensions ${labels.dims.join('×')}`,
      labelsFile,
    );
  if (labels.dims[0] !== n)
    throw new DeepwireError(
      'DW407',
      `${imagesFile} holds ${n} samples but ${labelsFile} ${labels.dims[0]} labels`,
      labelsFile,
    );
  const y = Int32Array.from(labels.data);
  for (const [i, v] of y.entries()) {
    if (v < 0 || v !== labels.data[i])
      throw new DeepwireError(
        'DW406',
        `${labelsFile}: label ${i} is ${labels.data[i]}, not a class id ≥ 0`,
        labelsFile,
      );
  }
  const max = y.reduce((a, v) => Math.max(a, v), 0);
  if (max >= MAX_CLASSES) {
    const at = y.indexOf(max);
    throw new DeepwireError(
      'DW414',
      `${labelsFile}: label ${at} is ${max}; class ids must be below ${MAX_CLASSES}`,
      labelsFile,
    );
  }
  const isImage = sample.length === 2 || (sample.length === 3 && (sample[2] === 1 || sample[2] === 3));
  const sampleShape = sample.length === 2 ? [...sample, 1] : sample;
  const pixels = images.data instanceof Uint8Array;
  return {
    name: basename(imagesFile),
    task: 'classification',
    x: images.data,
    y,
    count: n,
    sampleShape,
    classes: Array.from({ length: max + 1 }, (_, i) => String(i)),
    targetSize: 1,
    scaling: pixels ? 'pixels' : 'none',
    ...(isImage && pixels
      ? { image: [sampleShape[0], sampleShape[1], sampleShape[2] as 1 | 3] as [number, number, 1 | 3] }
      : {}),
    notes: ['The IDX files have no separate test set: 10% of the samples (seeded) are held out for testing.'],
  };
}
