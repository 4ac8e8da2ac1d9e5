/**
 * Inspecting an image file of one's own (issue #15, "or one the user drops in"): the MNIST CNN example
 * trained briefly, then a test sample's own pixels written as a PNG (28×28, and 3× larger as RGB, and as a
 * JPEG) and inspected with `deepwire inspect --image` and through the web studio's `inspect.run` with the
 * file's bytes (base64). Same pixels, same prediction and pictures as `--sample`.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { loadDataset } from '../../../src/main/engine/datasets/load.js';
import { releaseInspected } from '../../../src/main/engine/inspect/index.js';
import { createWebStudio } from '../../../src/main/server/web-studio.js';
import { readProjectFile } from '../../../src/main/services/project-files.js';
import { jpegBytes, pngBytes, tempDir } from '../../fixtures/datasets/make.js';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE = 3;

let dir = '';
let project = '';
let cache = '';
/** Test sample SAMPLE's pixels (28×28 bytes, as the dataset stores them). */
let digit: Uint8Array;

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

interface Done {
  sample: number | null;
  label: number | null;
  image?: { name: string; width: number; height: number };
  predicted: number;
  probabilities: number[];
  embedding?: { points: number[][]; inspected?: [number, number] };
  files: { file: string; width: number; height: number; caption: string }[];
  notes: string[];
}

async function inspect(out: string, ...args: string[]): Promise<Done> {
  const r = await cli(
    'inspect',
    project,
    ...args,
    '--samples',
    '100',
    '--out',
    join(dir, out),
    '--cache-dir',
    cache,
    '--json',
  );
  expect(r.code, r.err.join('\n')).toBe(0);
  return JSON.parse(r.out[0]) as Done;
}

const file = (out: string, name: string) => readFileSync(join(dir, out, name));
const grey =
  (scale: number) =>
  (x: number, y: number): [number, number, number] => {
    const v = digit[Math.floor(y / scale) * 28 + Math.floor(x / scale)];
    return [v, v, v];
  };

beforeAll(async () => {
  dir = tempDir('dw-inspect-image-');
  cache = join(dir, 'cache');
  project = join(dir, 'mnist-cnn.deepwire');
  copyFileSync(join(ROOT, 'resources/examples/mnist-cnn.deepwire'), project);
  const r = await cli('train', project, '--limit', '300', '--epochs', '1', '--json', '--cache-dir', cache);
  expect(r.code, r.err.join('\n')).toBe(0);
  const { project: saved } = await readProjectFile(project);
  const ds = await loadDataset(saved.dataset!, { kind: 'classifier', cacheDir: cache });
  const i = ds.test.index[SAMPLE];
  digit = ds.raw.test!.x.slice(i * 784, (i + 1) * 784) as Uint8Array;
  // The digit as files: its own size (RGBA PNG), 3× larger (each pixel a 3×3 block) and a JPEG.
  writeFileSync(join(dir, 'digit.png'), pngBytes(28, 28, grey(1)));
  writeFileSync(join(dir, 'digit-84.png'), pngBytes(84, 84, grey(3)));
  writeFileSync(join(dir, 'digit.jpg'), jpegBytes(56, 56, grey(2)));
}, 180_000);

afterAll(() => releaseInspected());

describe('deepwire inspect --image', () => {
  it('gives a test sample written as a PNG the prediction and pictures of --sample; placed in the PCA embedding', async () => {
    const bySample = await inspect('sample', '--sample', String(SAMPLE));
    const byImage = await inspect('image', '--image', join(dir, 'digit.png'));
    expect(byImage).toMatchObject({ sample: null, label: null, image: { name: 'digit.png', width: 28, height: 28 } });
    expect(bySample.sample).toBe(SAMPLE);
    expect(byImage.predicted).toBe(bySample.predicted);
    expect(byImage.probabilities).toEqual(bySample.probabilities);
    // Same pixels scaled the same way: the same input picture, saliency and Grad-CAM, byte for byte.
    for (const picture of ['input.png', 'saliency.png', 'gradcam.png', 'layers/01-conv2d.png'])
      expect(file('image', picture).equals(file('sample', picture)), picture).toBe(true);
    const size = (d: Done, f: string) => d.files.filter((x) => x.file.endsWith(f)).map((x) => [x.width, x.height]);
    expect(size(byImage, 'saliency.png')).toEqual(size(bySample, 'saliency.png'));
    expect(byImage.files.find((f) => f.file.endsWith('input.png'))?.caption).toMatch(/^your image digit\.png/);
    // The test set's embedding is the same; the image gets a point of its own, marked in the picture.
    expect(byImage.embedding?.points).toEqual(bySample.embedding?.points);
    expect(byImage.embedding?.inspected).toHaveLength(2);
    expect(bySample.embedding?.inspected).toBeUndefined();
    expect(file('image', 'embedding-pca.png').equals(file('sample', 'embedding-pca.png'))).toBe(false);

    const text = await cli(
      'inspect',
      project,
      '--image',
      join(dir, 'digit.png'),
      '--samples',
      '100',
      '--out',
      join(dir, 't'),
      '--cache-dir',
      cache,
    );
    expect(text.code).toBe(0);
    expect(text.out[0]).toMatch(/^Your image digit\.png \(28×28\): predicted \d \(p = 0\.\d{3}\)$/);
  });

  it('resizes a larger RGB image and a JPEG to the model input, grey, as the dataset pipeline does', async () => {
    const bySample = await inspect('sample-2', '--sample', String(SAMPLE));
    const rgb = await inspect('rgb', '--image', join(dir, 'digit-84.png'));
    expect(rgb.image).toEqual({ name: 'digit-84.png', width: 84, height: 84 });
    // Bilinear at 1/3 samples each 3×3 block's centre: exactly the digit again.
    expect(rgb.predicted).toBe(bySample.predicted);
    expect(rgb.probabilities).toEqual(bySample.probabilities);
    expect(file('rgb', 'input.png').equals(file('sample-2', 'input.png'))).toBe(true);
    const jpg = await inspect('jpg', '--image', join(dir, 'digit.jpg'), '--embedding', 'umap');
    expect(jpg.image).toEqual({ name: 'digit.jpg', width: 56, height: 56 });
    // UMAP has no projection for a new point: the embedding stays the test set's, with a note saying so.
    expect(jpg.embedding?.inspected).toBeUndefined();
    expect(jpg.notes).toContain('your image is not placed in the UMAP embedding (PCA places it)');
    const input = PNG.sync.read(file('jpg', 'input.png'));
    expect([input.width, input.height]).toEqual([28, 28]);
    expect(jpg.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('a damaged image is DW402, a missing one DW412 (exit 2); --image with --sample is DW826', async () => {
    const broken = join(dir, 'broken.png');
    writeFileSync(broken, file('', 'digit.png').subarray(0, 60));
    const r = await cli('inspect', project, '--image', broken, '--out', join(dir, 'x'), '--cache-dir', cache);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/DW402.*broken\.png/);
    const text = join(dir, 'notes.png');
    writeFileSync(text, 'not an image');
    const t = await cli('inspect', project, '--image', text, '--out', join(dir, 'x'), '--cache-dir', cache);
    expect([t.code, t.err.join('\n')]).toEqual([2, expect.stringMatching(/DW402.*neither a PNG nor a JPEG/)]);
    const missing = await cli('inspect', project, '--image', join(dir, 'nope.png'), '--out', join(dir, 'x'));
    expect([missing.code, missing.err.join('\n')]).toEqual([2, expect.stringMatching(/DW412.*nope\.png/)]);
    const both = await cli(
      'inspect',
      project,
      '--sample',
      '2',
      '--image',
      join(dir, 'digit.png'),
      '--out',
      join(dir, 'x'),
    );
    expect(both.code).toBe(2);
    expect(both.err.join('\n')).toMatch(/DW826.*--sample N or --image FILE, not both/);
    expect((await cli('inspect', '--help')).out.join('\n')).toContain('--image FILE');
    // A GAN's inspection is its latent walk: an image is refused, not ignored.
    const gan = join(dir, 'mlp-gan.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../resources/examples/mlp-gan.deepwire'), gan);
    const g = await cli('inspect', gan, '--image', join(dir, 'digit.png'), '--out', join(dir, 'gan-x'));
    expect([g.code, g.err.join('\n')]).toEqual([2, expect.stringMatching(/DW801.*--image inspects a classifier/)]);
  });
});

describe('inspect.run with an image (web studio)', () => {
  it('sends the file bytes as base64 to the engine and answers for "your image"', async () => {
    const studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
    try {
      await studio.call('settings.set', { datasetCacheDir: cache });
      const doc = (await studio.call('project.open', { path: project }))!.project;
      const base = { project: doc, embeddingSamples: 100, projectPath: project };
      const bySample = await studio.call('inspect.run', { ...base, sample: SAMPLE });
      const image = { name: 'digit-84.png', data: file('', 'digit-84.png').toString('base64') };
      const r = await studio.call('inspect.run', { ...base, image });
      expect(r).toMatchObject({ sample: null, label: null, image: { name: 'digit-84.png', width: 84, height: 84 } });
      expect(r.predicted).toBe(bySample.predicted);
      const png = (x: typeof r, f: string) => x.pictures.find((p) => p.file === f)!.png;
      expect(png(r, 'input.png')).toBe(png(bySample, 'input.png'));
      expect(png(r, 'saliency.png')).toBe(png(bySample, 'saliency.png'));
      expect(r.embedding?.inspected).toHaveLength(2);
      expect(r.embedding?.points).toEqual(bySample.embedding?.points);

      const damaged = { name: 'bad.png', data: file('', 'digit.png').subarray(0, 60).toString('base64') };
      expect(await studio.call('inspect.run', { ...base, image: damaged }).catch((e: unknown) => e)).toMatchObject({
        code: 'DW402',
      });
      const both = await studio.call('inspect.run', { ...base, sample: 1, image }).catch((e: unknown) => e);
      expect(both).toMatchObject({
        code: 'DW601',
        message: expect.stringMatching(/a test sample or an image, not both/),
      });
      const notBase64 = await studio
        .call('inspect.run', { ...base, image: { name: 'x.png', data: 'not base64!' } })
        .catch((e: unknown) => e);
      expect(notBase64).toMatchObject({ code: 'DW601' });
    } finally {
      await studio.dispose();
    }
  });
});
