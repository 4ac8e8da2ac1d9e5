/**
 * An image folder: one subfolder per class (sorted by name = class index),
 * PNG/JPEG files inside, resized to the configured size, grayscale or RGB.
 * A ragged folder fails loudly, naming the first bad entry (in sorted order)
 * rather than training on what is left: a class folder without images is
 * DW405; an entry named like an image that is not a readable file (a folder,
 * a broken link, a FIFO) DW412; an image too large DW411; a file that does
 * not decode DW402. A size setting the arrays cannot hold is DW413.
 */
import type { Stats } from 'node:fs';
import { lstat, readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS } from '../images/dimensions.js';
import { decodeImage, resizeInto } from './images.js';
import type { RawDataset } from './types.js';

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** The decoded images of one folder are held as bytes in one array: at most 2 GiB of them. */
export const MAX_FOLDER_BYTES = 2 ** 31;

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function isSymlink(path: string): Promise<boolean> {
  return lstat(path).then(
    (s) => s.isSymbolicLink(),
    () => false,
  );
}

/** Stats of an entry named like an image; DW412 unless it is a regular file, DW411 when over MAX_IMAGE_FILE_BYTES. */
async function imageFileStats(path: string): Promise<Stats> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (e) {
    const why = (await isSymlink(path))
      ? 'is a broken symbolic link'
      : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new DeepwireError('DW412', `${path} ${why}`, path);
  }
  if (s.isDirectory()) throw new DeepwireError('DW412', `${path} is a folder, not an image file`, path);
  if (!s.isFile()) throw new DeepwireError('DW412', `${path} is not a regular file (a FIFO, socket or device)`, path);
  if (s.size > MAX_IMAGE_FILE_BYTES) {
    throw new DeepwireError(
      'DW411',
      `${path} is ${mib(s.size)}; image files may be at most ${mib(MAX_IMAGE_FILE_BYTES)}`,
      path,
    );
  }
  return s;
}

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
  const classes = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  if (classes.length < 2) {
    throw new DeepwireError(
      'DW409',
      `${root} has ${classes.length} class folder${classes.length === 1 ? '' : 's'}; a classifier needs at least two (one subfolder per class)`,
      root,
    );
  }
  const files: string[][] = [];
  const fingerprint: string[] = [];
  for (const cls of classes) {
    const dir = join(root, cls);
    let all: string[];
    try {
      all = await readdir(dir);
    } catch (e) {
      throw new DeepwireError(
        'DW401',
        `class folder ${dir} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        dir,
      );
    }
    const names = all.filter((n) => IMAGE_FILE.test(n)).sort();
    if (names.length === 0) throw new DeepwireError('DW405', `class folder ${dir} holds no PNG or JPEG images`, dir);
    files.push(names.map((n) => join(dir, n)));
    for (const n of names) {
      const s = await imageFileStats(join(dir, n));
      fingerprint.push(`${cls}/${n}:${s.size}:${s.mtimeMs}`);
    }
  }
  return { classes, files, fingerprint };
}

/**
 * An image file's bytes: DW412 unless it is a readable regular file, DW411 over MAX_IMAGE_FILE_BYTES. A
 * listed file is checked again, so one that changed since is caught too.
 */
export async function readImageFile(file: string): Promise<Uint8Array> {
  await imageFileStats(file);
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new DeepwireError('DW412', `${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, file);
  }
}

export async function loadImageFolder(
  listing: FolderListing,
  size: [number, number],
  channels: 1 | 3,
  name: string,
): Promise<RawDataset> {
  const [height, width] = size;
  const per = height * width * channels;
  const count = listing.files.reduce((a, f) => a + f.length, 0);
  if (height * width > MAX_IMAGE_PIXELS || count * per > MAX_FOLDER_BYTES) {
    throw new DeepwireError(
      'DW413',
      `${count} images of ${height} × ${width} × ${channels} need ${mib(count * per)}; ` +
        `the limit is ${mib(MAX_FOLDER_BYTES)} and ${MAX_IMAGE_PIXELS} pixels per image (4096 × 4096)`,
      'dataset.size',
    );
  }
  const x = new Uint8Array(count * per);
  const y = new Int32Array(count);
  let i = 0;
  for (const [label, files] of listing.files.entries()) {
    for (const file of files) {
      const img = decodeImage(await readImageFile(file), file);
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
