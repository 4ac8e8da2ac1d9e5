/**
 * An image folder: one subfolder per class (sorted by name = class index),
 * PNG/JPEG files inside, resized to the configured size, grayscale or RGB.
 * A class folder without images is DW405; a file that does not decode, DW402.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { decodeImage, resizeInto } from './images.js';
import type { RawDataset } from './types.js';

const IMAGE_FILE = /\.(png|jpe?g)$/i;

export interface FolderListing {
  classes: string[];
  /** Files per class, sorted by name. */
  files: string[][];
  /** name, size and mtime of every file: the cache key. */
  fingerprint: string[];
}

export async function listImageFolder(root: string): Promise<FolderListing> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new DeepwireError('DW401', `image folder ${root} does not exist or cannot be read`, root);
  }
  const classes = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (classes.length < 2) {
    throw new DeepwireError('DW409', `${root} has ${classes.length} class folder${classes.length === 1 ? '' : 's'}; a classifier needs at least two (one subfolder per class)`, root);
  }
  const files: string[][] = [];
  const fingerprint: string[] = [];
  for (const cls of classes) {
    const dir = join(root, cls);
    const names = (await readdir(dir)).filter((n) => IMAGE_FILE.test(n)).sort();
    if (names.length === 0) throw new DeepwireError('DW405', `class folder ${dir} holds no PNG or JPEG images`, dir);
    files.push(names.map((n) => join(dir, n)));
    for (const n of names) {
      const s = await stat(join(dir, n));
      fingerprint.push(`${cls}/${n}:${s.size}:${s.mtimeMs}`);
    }
  }
  return { classes, files, fingerprint };
}

export async function loadImageFolder(listing: FolderListing, size: [number, number], channels: 1 | 3, name: string): Promise<RawDataset> {
  const [height, width] = size;
  const per = height * width * channels;
  const count = listing.files.reduce((a, f) => a + f.length, 0);
  const x = new Uint8Array(count * per);
  const y = new Int32Array(count);
  let i = 0;
  for (const [label, files] of listing.files.entries()) {
    for (const file of files) {
      const img = decodeImage(new Uint8Array(await readFile(file)), file);
      resizeInto(img, width, height, channels, x, i * per);
      y[i++] = label;
    }
  }
  return {
    name,
    task: 'classification',
    x,
    y,
    count,
    sampleShape: [height, width, channels],
    classes: listing.classes,
    targetSize: 1,
    scaling: 'pixels',
    image: [height, width, channels],
    notes: ['The image folder has no separate test set: 10% of the images (seeded) are held out for testing.'],
  };
}
