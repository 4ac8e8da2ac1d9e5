/** Latent interpolation of a briefly trained conditional GAN: the strip's size, its ends, the same twice; DW626/DW627. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../../src/main/cli/io.js';
import { main } from '../../../../src/main/cli/main.js';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { interpolateLatent } from '../../../../src/main/engine/inspect/latent.js';
import { serializeProject, type Project } from '../../../../src/shared/project/index.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { trainedConditionalGan } from '../gan/trained-conditional-gan.js';

const dir = tempDir('dw-latent-');
let gan: Project;

beforeAll(async () => {
  await initBackend('wasm');
  gan = await trainedConditionalGan(join(dir, 'cache'), 160);
  writeFileSync(join(dir, 'cgan.deepwire'), serializeProject(gan));
}, 90_000);

describe('interpolateLatent', () => {
  it('draws `steps` images in one row from one noise vector to the other, the same each time', () => {
    const a = interpolateLatent(gan, { steps: 6, label: 3 });
    // 28×28 images doubled, six in a row with a 2-pixel gutter (also doubled).
    expect([a.steps, a.pixels.width, a.pixels.height]).toEqual([6, (6 * 28 + 7 * 2) * 2, (28 + 2 * 2) * 2]);
    expect(interpolateLatent(gan, { steps: 6, label: 3 }).pixels.data).toEqual(a.pixels.data);
    // The two ends are different images; another seed gives another strip.
    const tile = (i: number) => {
      const rows: number[] = [];
      for (let y = 4; y < 60; y++)
        rows.push(...a.pixels.data.slice(y * a.pixels.width + 4 + i * 60, y * a.pixels.width + 60 + i * 60));
      return rows;
    };
    expect(tile(5)).not.toEqual(tile(0));
    expect(interpolateLatent(gan, { steps: 6, label: 3, seed: 9 }).pixels.data).not.toEqual(a.pixels.data);
  });

  it('a class outside the GAN is DW627; a classifier or an untrained GAN is DW626', () => {
    expect(() => interpolateLatent(gan, { label: 10 })).toThrow(/class 10 is not one of the GAN's classes 0–9/);
    const untrained = { ...gan, weights: undefined };
    expect(() => interpolateLatent(untrained)).toThrow(expect.objectContaining({ code: 'DW626' }));
    expect(() => interpolateLatent({ ...gan, kind: 'classifier' })).toThrow(expect.objectContaining({ code: 'DW626' }));
  });

  it('deepwire inspect on a GAN writes latent-interpolation.png', async () => {
    const io = memoryIo();
    const out = join(dir, 'out');
    const code = await main(['inspect', join(dir, 'cgan.deepwire'), '--steps', '4', '--out', out, '--json'], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ event: 'done', steps: 4 });
    const png = PNG.sync.read(readFileSync(join(out, 'latent-interpolation.png')));
    expect([png.width, png.height]).toEqual([(4 * 28 + 5 * 2) * 2, (28 + 2 * 2) * 2]);
  });

  it('inspect.interpolate returns the strip as PNG bytes in the studio, checked against the contract', async () => {
    const studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
    try {
      const doc = (await studio.call('project.open', { path: join(dir, 'cgan.deepwire') }))!.project;
      const r = await studio.call('inspect.interpolate', { project: doc, steps: 5, label: 2 });
      const png = PNG.sync.read(Buffer.from(r.picture.png, 'base64'));
      expect([r.steps, png.width, png.height]).toEqual([5, (5 * 28 + 6 * 2) * 2, (28 + 2 * 2) * 2]);
      const bad = await studio.call('inspect.interpolate', { project: doc, label: 12 }).catch((e: unknown) => e);
      expect(bad).toMatchObject({ code: 'DW627' });
    } finally {
      await studio.dispose();
    }
  });
});
