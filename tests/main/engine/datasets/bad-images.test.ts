/**
 * Issue #17: image folders with hostile or ragged entries. Every bad entry is
 * a numbered error naming the file (never DW502 or a stack), and an image too
 * big to decode is refused from its header, before any pixel memory is taken.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { datasetConfigSchema } from '../../../../src/shared/training/config.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { MAX_IMAGE_PIXELS, minimumFileBytes, readImageHeader } from '../../../../src/main/engine/images/dimensions.js';
import { blankPng, withCorruptJpegBody, withJpegSize, withPngSize } from '../../../fixtures/datasets/bad-files.js';
import { imageFolder, jpegBytes, pngBytes, tempDir } from '../../../fixtures/datasets/make.js';

const ROOT = join(import.meta.dirname, '../../../..');
const config = (c: unknown) => datasetConfigSchema.parse(c);
const folder = (path: string, size: [number, number] = [8, 8]) => config({ source: 'image-folder', path, size });

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DeepwireError) return e;
    throw e;
  }
  throw new Error('expected a DeepwireError');
}

/** A good two-class folder with one extra entry `name` in class "dark", made by `make(path)`. */
function folderWith(name: string, make: (path: string) => void): { root: string; file: string } {
  const root = imageFolder(tempDir(), 2);
  const file = join(root, 'dark', name);
  make(file);
  return { root, file };
}

const small = () => pngBytes(6, 6, () => [10, 20, 30]);

describe('image size limit (checked from the header, before decoding)', () => {
  it('a 30,000 × 30,000 PNG is DW411 naming the file and its size', async () => {
    const png = await blankPng(30_000, 30_000);
    expect(png.length).toBeLessThan(400_000);
    const { root, file } = folderWith('huge.png', (f) => writeFileSync(f, png));
    const started = performance.now();
    const e = await failure(loadDataset(folder(root), { kind: 'classifier' }));
    expect(e.code).toBe('DW411');
    expect(e.where).toBe(file);
    expect(e.message).toContain('30000 × 30000');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('a JPEG whose frame header claims 60,000 × 60,000 is DW411; PNG headers lying in either direction too', async () => {
    const jpg = withJpegSize(
      jpegBytes(8, 8, () => [1, 2, 3]),
      60_000,
      60_000,
    );
    const { root, file } = folderWith('big.jpg', (f) => writeFileSync(f, jpg));
    const e = await failure(loadDataset(folder(root), { kind: 'classifier' }));
    expect(e.code).toBe('DW411');
    expect(e.where).toBe(file);

    // One pixel over the limit is refused; a header of 0 × 0 is a damaged file.
    const over = folderWith('over.png', (f) =>
      writeFileSync(f, withPngSize(small(), MAX_IMAGE_PIXELS / 4096 + 1, 4096)),
    );
    expect((await failure(loadDataset(folder(over.root), { kind: 'classifier' }))).code).toBe('DW411');
    const zero = folderWith('zero.png', (f) => writeFileSync(f, withPngSize(small(), 0, 0)));
    const z = await failure(loadDataset(folder(zero.root), { kind: 'classifier' }));
    expect([z.code, z.where]).toEqual(['DW402', zero.file]);
  });

  it('a small file whose header claims an allowed but impossible size (8 × 8 data, 4096 × 4096 header) is DW402 at once', async () => {
    for (const [name, bytes] of [
      ['lie.png', withPngSize(small(), 4096, 4096)],
      [
        'lie.jpg',
        withJpegSize(
          jpegBytes(8, 8, () => [1, 2, 3]),
          4000,
          3000,
        ),
      ],
    ] as const) {
      const { root, file } = folderWith(name, (f) => writeFileSync(f, bytes));
      const started = performance.now();
      const e = await failure(loadDataset(folder(root), { kind: 'classifier' }));
      expect([e.code, e.where]).toEqual(['DW402', file]);
      expect(e.message).toContain('more than its');
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });

  it('the smallest genuine images pass that plausibility bound (blank PNGs compress ~1028:1, blank JPEGs)', async () => {
    for (const png of [await blankPng(4096, 4096), await blankPng(30_000, 30_000)]) {
      const header = readImageHeader(png)!;
      expect(png.length).toBeGreaterThanOrEqual(minimumFileBytes(header));
    }
    const blank = jpeg.encode({ width: 1024, height: 1024, data: Buffer.alloc(1024 * 1024 * 4) }, 1).data;
    expect(blank.length).toBeGreaterThanOrEqual(minimumFileBytes(readImageHeader(blank)!));
  });

  it('images under the limit still load (a 2000 × 1000 blank PNG)', async () => {
    const wide = await blankPng(2000, 1000);
    const { root } = folderWith('wide.png', (f) => writeFileSync(f, wide));
    const ds = await loadDataset(folder(root), { kind: 'classifier' });
    expect(ds.summary.trainSize + ds.summary.validationSize + ds.summary.testSize).toBe(5);
  });

  it('an image size setting that cannot fit in memory is DW413, before anything is decoded', async () => {
    const root = imageFolder(tempDir(), 2);
    const e = await failure(loadDataset(folder(root, [100_000, 100_000]), { kind: 'classifier' }));
    expect(e.code).toBe('DW413');
  });

  it('loading a folder holding the 30,000² PNG keeps peak memory low (a separate process)', async () => {
    const png = await blankPng(30_000, 30_000);
    const { root } = folderWith('huge.png', (f) => writeFileSync(f, png));
    const script = join(ROOT, 'tests/fixtures/datasets/load-folder.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script, root], {
      cwd: ROOT,
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as { code: string | null; maxRssMiB: number };
    expect(result.code).toBe('DW411');
    // A decoded 30,000² RGBA image alone would be 3,433 MiB.
    expect(result.maxRssMiB).toBeLessThan(300);
  });
});

describe('ragged image folders fail loudly, naming the entry', () => {
  const cases: [string, string, string, (file: string) => void][] = [
    ['a folder', 'x.png', 'DW412', (f) => mkdirSync(f)],
    ['a broken symlink', 'y.png', 'DW412', (f) => symlinkSync(join(f, '..', 'missing-target.png'), f)],
    ['a zero-byte file', 'z.png', 'DW402', (f) => writeFileSync(f, new Uint8Array(0))],
    ['a truncated PNG', 't.png', 'DW402', (f) => writeFileSync(f, small().subarray(0, 60))],
    [
      'a JPEG with a corrupt body',
      'c.jpg',
      'DW402',
      (f) => writeFileSync(f, withCorruptJpegBody(jpegBytes(64, 64, (x) => [x * 4, 40, 200]))),
    ],
    ['text', 'text.png', 'DW402', (f) => writeFileSync(f, 'hello, I am not a picture\n')],
  ];
  it.each(cases)('%s named %s → %s naming the file', async (_what, name, code, make) => {
    const { root, file } = folderWith(name, make);
    const e = await failure(loadDataset(folder(root), { kind: 'classifier' }));
    expect(e.code).toBe(code);
    expect(e.where).toBe(file);
    expect(e.message).toContain(file);
    expect(e.message).not.toMatch(/\n\s+at /);
  });

  it.skipIf(process.platform === 'win32')(
    'a FIFO named w.png is DW412 at once (reading it would block forever)',
    async () => {
      const { root, file } = folderWith('w.png', (f) => execFileSync('mkfifo', [f]));
      const e = await failure(loadDataset(folder(root), { kind: 'classifier' }));
      expect([e.code, e.where]).toEqual(['DW412', file]);
    },
  );

  it('a symlink to a real image is followed and loads', async () => {
    const { root } = folderWith('link.png', (f) => {
      writeFileSync(join(f, '..', '..', 'outside.png'), small());
      symlinkSync(join(f, '..', '..', 'outside.png'), f);
    });
    const ds = await loadDataset(folder(root), { kind: 'classifier' });
    expect(ds.summary.classes).toEqual(['bright', 'dark']);
  });
});
