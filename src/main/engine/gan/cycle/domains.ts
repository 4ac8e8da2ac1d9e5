/**
 * The two unpaired image domains of a CycleGAN run, as bytes (0..255, NHWC):
 * - the built-in pair: MNIST digits (A) and *other* MNIST digits put through
 *   a known transform T — strokes thickened by a 3×3 max filter, then
 *   colours inverted (B). No digit appears in both domains, so training sees
 *   no pair; but since T is known, held-out test digits a give the true
 *   translation T(a) to measure G(a) against;
 * - two image folders (PNG/JPEG, any size, resized; grey or RGB), read with
 *   the image-folder loader.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DeepwireError, isDeepwireError } from '../../../../shared/errors.js';
import { CYCLE_MNIST_PAIR, type CycleConfig } from '../../../../shared/training/cycle.js';
import { loadBuiltin } from '../../datasets/builtin.js';
import { loadImageFolder } from '../../datasets/image-folder.js';

export interface DomainImages {
  x: Uint8Array;
  count: number;
}

export interface CycleDomainData {
  name: string;
  /** [height, width, channels] of every image in both domains. */
  image: [number, number, 1 | 3];
  a: DomainImages;
  b: DomainImages;
  /** Built-in pair: held-out digits and their true translations T(a). */
  heldout?: { a: DomainImages; target: DomainImages };
  notes: string[];
}

/** T: 3×3 max filter (thicker strokes), then 255 − v (inverted), for 28×28×1 bytes. */
export function invertThick(src: Uint8Array, count: number, h = 28, w = 28): Uint8Array {
  const out = new Uint8Array(count * h * w);
  for (let n = 0; n < count; n++) {
    const base = n * h * w;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let m = 0;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy >= 0 && yy < h && xx >= 0 && xx < w) m = Math.max(m, src[base + yy * w + xx]);
          }
        out[base + y * w + x] = 255 - m;
      }
  }
  return out;
}

async function mnistPair(cycle: CycleConfig, limit: number | undefined): Promise<CycleDomainData> {
  const raw = await loadBuiltin('mnist');
  const per = 28 * 28;
  const total = Math.min(raw.count, limit ?? raw.count);
  const half = Math.floor(total / 2);
  if (half < 1)
    throw new DeepwireError(
      'DW129',
      `--limit ${limit} leaves no image for one of the domains; use at least 2`,
      'limit',
    );
  const x = raw.x as Uint8Array;
  const test = raw.test!;
  const heldout = Math.min(cycle.heldout, test.count);
  const heldA = (test.x as Uint8Array).slice(0, heldout * per);
  return {
    name: 'MNIST ↔ inverted thick MNIST',
    image: [28, 28, 1],
    a: { x: x.slice(0, half * per), count: half },
    b: { x: invertThick(x.subarray(half * per, 2 * half * per), half), count: half },
    heldout: { a: { x: heldA, count: heldout }, target: { x: invertThick(heldA, heldout), count: heldout } },
    notes: [
      `Domains: ${half} MNIST training digits (A) and ${half} other ones inverted with 3×3-thickened strokes (B); ` +
        `no digit is in both. The translation error is measured on ${heldout} test digits against their true transform.`,
    ],
  };
}

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** Every PNG/JPEG in `root` and its subfolders (one level), sorted. */
async function imageFiles(root: string, side: 'a' | 'b'): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch {
    throw new DeepwireError(
      'DW401',
      `domain ${side.toUpperCase()}'s image folder ${root} does not exist or cannot be read`,
      `gan.cycle.domains.${side}`,
    );
  }
  const files = entries.filter((e) => e.isFile() && IMAGE_FILE.test(e.name)).map((e) => join(root, e.name));
  for (const dir of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    const inner = await readdir(join(root, dir.name)).catch(() => [] as string[]);
    files.push(...inner.filter((n) => IMAGE_FILE.test(n)).map((n) => join(root, dir.name, n)));
  }
  if (files.length === 0)
    throw new DeepwireError(
      'DW405',
      `domain ${side.toUpperCase()}'s folder ${root} holds no PNG or JPEG images`,
      `gan.cycle.domains.${side}`,
    );
  return files.sort();
}

async function folderPair(
  domains: Extract<CycleConfig['domains'], { source: 'image-folders' }>,
  limit: number | undefined,
): Promise<CycleDomainData> {
  const load = async (side: 'a' | 'b'): Promise<DomainImages> => {
    const files = (await imageFiles(domains[side], side)).slice(0, limit ?? undefined);
    try {
      const raw = await loadImageFolder(
        { classes: [side], files: [files], fingerprint: [] },
        domains.size,
        domains.channels,
        side,
      );
      return { x: raw.x as Uint8Array, count: raw.count };
    } catch (e) {
      if (isDeepwireError(e)) throw e;
      throw new DeepwireError(
        'DW129',
        `domain ${side.toUpperCase()} could not be read: ${(e as Error).message}`,
        `gan.cycle.domains.${side}`,
      );
    }
  };
  const [a, b] = [await load('a'), await load('b')];
  const [h, w] = domains.size;
  return {
    name: 'two image folders',
    image: [h, w, domains.channels],
    a,
    b,
    notes: [
      `Domains: ${a.count} images from ${domains.a} (A) and ${b.count} from ${domains.b} (B), resized to ${h} × ${w} × ${domains.channels}.`,
    ],
  };
}

export function loadCycleDomains(cycle: CycleConfig, limit?: number): Promise<CycleDomainData> {
  return cycle.domains.source === CYCLE_MNIST_PAIR ? mnistPair(cycle, limit) : folderPair(cycle.domains, limit);
}
