/**
 * The dataset option "add generated samples" (issue #13): a classifier's
 * training split gets `count` samples of a trained conditional GAN project
 * on top of its real ones (which `labelledLimit` may cut to the first K).
 * Validation and test stay real, so the test accuracy is comparable with a
 * run on the real samples alone.
 */
import { readFile } from 'node:fs/promises';
import { DeepwireError } from '../../../shared/errors.js';
import { parseProject } from '../../../shared/project/index.js';
import type { DatasetConfig } from '../../../shared/training/config.js';
import { generateImages } from '../gan/generate.js';
import type { PreparedDataset } from './prepare.js';
import type { RawDataset } from './types.js';

type GeneratedOption = NonNullable<DatasetConfig['generated']>;

async function readGan(path: string) {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    const why = `the GAN project ${path} of dataset.generated does not exist or cannot be read`;
    throw new DeepwireError('DW401', why, 'dataset.generated.project');
  }
  return parseProject(text, path).project;
}

/** `ds` with `option.count` generated samples appended to its training split. */
export async function addGeneratedSamples<D extends PreparedDataset>(ds: D, option: GeneratedOption): Promise<D> {
  const raw = ds.raw;
  if (!raw.image || raw.task !== 'classification' || !(raw.x instanceof Uint8Array)) {
    const why = `generated samples are images with class labels, but ${raw.name} is not a labelled image dataset`;
    throw new DeepwireError('DW134', why, 'dataset.generated');
  }
  const gan = await readGan(option.project);
  const set = generateImages(gan, { count: option.count, seed: option.seed }, option.project);
  const classes = raw.classes?.length ?? 0;
  if (!set.labels) {
    const why = `${option.project} is not a conditional GAN: its samples have no labels to train a classifier on`;
    throw new DeepwireError('DW134', `${why} (use "Make conditional")`, 'dataset.generated');
  }
  if (set.classes !== classes) {
    const why = `${option.project} makes ${set.classes} classes, but ${raw.name} has ${classes}`;
    throw new DeepwireError('DW134', why, 'dataset.generated');
  }
  if (set.shape.join('×') !== raw.image.join('×')) {
    const why = `${option.project} makes ${set.shape.join('×')} images, but ${raw.name} holds ${raw.image.join('×')}`;
    throw new DeepwireError('DW408', why, 'dataset.generated');
  }
  const x = new Uint8Array(raw.x.length + set.pixels.length);
  x.set(raw.x);
  x.set(set.pixels, raw.x.length);
  const y = new Int32Array(raw.y.length + set.labels.length);
  y.set(raw.y);
  y.set(set.labels, raw.y.length);
  const real = ds.train.index.length;
  const note =
    `Training on ${real} real + ${set.count} generated samples from ${option.project}; ` +
    'validation and test are real images only.';
  const merged: RawDataset = { ...raw, x, y, count: raw.count + set.count, notes: [...raw.notes, note] };
  const index = new Int32Array(real + set.count);
  index.set(ds.train.index);
  for (let i = 0; i < set.count; i++) index[real + i] = raw.count + i;
  return { ...ds, raw: merged, train: { index, fromTest: false } };
}
