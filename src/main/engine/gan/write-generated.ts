/**
 * Generated samples as a dataset on disk, in the two forms Deepwire's own
 * dataset sources read:
 * - png: an image folder, one subfolder per class (conditional GANs; folder
 *   names sort in class order: zero-padded ids, plus the class name when it
 *   is not the id), or the PNGs alone for an unconditional GAN;
 * - idx: images.idx (N×H×W, or N×H×W×C) and, for conditional GANs, labels.idx.
 * Everything is written into a staging folder beside `out` and renamed into
 * place at the end, so a failed run leaves no half dataset.
 */
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { encodeIdx } from '../datasets/idx.js';
import { encodePng } from '../images/index.js';
import type { GeneratedImages } from './generate.js';

export const GENERATED_FORMATS = ['png', 'idx'] as const;
export type GeneratedFormat = (typeof GENERATED_FORMATS)[number];

export const IDX_IMAGES = 'images.idx';
export const IDX_LABELS = 'labels.idx';

/** A file-system-safe class folder name that sorts by class id. */
export function classFolder(id: number, classes: number, name?: string): string {
  const padded = String(id).padStart(String(classes - 1).length, '0');
  const safe = name?.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return safe && safe !== String(id) && safe !== padded ? `${padded}-${safe}` : padded;
}

async function emptyOrMissing(out: string): Promise<boolean> {
  try {
    return (await readdir(out)).length === 0;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw new DeepwireError('DW702', `${out} cannot be used as the output folder: ${(e as Error).message}`, out);
  }
}

async function writeFiles(
  set: GeneratedImages,
  format: GeneratedFormat,
  dir: string,
  classNames?: readonly string[],
): Promise<string[]> {
  const [h, w, c] = set.shape;
  const size = h * w * c;
  const written: string[] = [];
  if (format === 'idx') {
    const dims = c === 1 ? [set.count, h, w] : [set.count, h, w, c];
    await writeFile(join(dir, IDX_IMAGES), encodeIdx(dims, set.pixels));
    written.push(IDX_IMAGES);
    if (set.labels) {
      const bytes = set.classes! <= 256 ? Uint8Array.from(set.labels) : Float32Array.from(set.labels);
      await writeFile(join(dir, IDX_LABELS), encodeIdx([set.count], bytes));
      written.push(IDX_LABELS);
    }
    return written;
  }
  const digits = String(set.count - 1).length;
  const classes = set.labels ? set.classes! : 0;
  const folders = Array.from({ length: classes }, (_, k) => classFolder(k, classes, classNames?.[k]));
  for (const f of folders) await mkdir(join(dir, f));
  for (let i = 0; i < set.count; i++) {
    const data = Array.from(set.pixels.subarray(i * size, (i + 1) * size));
    const file = join(set.labels ? folders[set.labels[i]] : '', `${String(i).padStart(digits, '0')}.png`);
    await writeFile(join(dir, file), encodePng({ width: w, height: h, channels: c, data }));
  }
  return set.labels ? folders.map((f) => `${f}/`) : [`${set.count} PNG files`];
}

/** Writes `set` to `out` (a new or empty folder); returns what it holds. */
export async function writeGenerated(
  set: GeneratedImages,
  format: GeneratedFormat,
  out: string,
  classNames?: readonly string[],
): Promise<string[]> {
  if (!(await emptyOrMissing(out))) {
    const why = `${out} exists and is not empty: choose a new folder for the generated dataset`;
    throw new DeepwireError('DW801', why, out);
  }
  const staging = join(dirname(out), `.${basename(out)}.partial-${process.pid}`);
  try {
    await mkdir(staging, { recursive: true });
    const written = await writeFiles(set, format, staging, classNames);
    await rmdir(out).catch(() => undefined);
    await rename(staging, out);
    return written;
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    if (e instanceof DeepwireError) throw e;
    throw new DeepwireError('DW702', `could not write the generated dataset to ${out}: ${(e as Error).message}`, out);
  }
}
