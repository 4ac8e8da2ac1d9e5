/**
 * The studio's "Generate dataset" (contract command gan.generate, issue #13):
 * a real web studio writes a trained conditional GAN's samples as a PNG
 * folder per class inside its root, and refuses a destination outside it.
 * The web page names the folder relative to the served root (it has no
 * native dialog): created there, never leaving it (`..`, links).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../../src/main/engine/train/backend.js';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import { trainedDoc } from './trained-gan.js';

let dir: string;
let root: string;
let studio: Studio;
beforeAll(async () => {
  await chooseBackend('wasm');
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'deepwire-gan-generate-')));
  root = join(dir, 'work');
  mkdirSync(root);
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
});
afterAll(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('gan.generate', () => {
  it('writes a PNG folder per class (named by the dataset’s classes) inside the root', async () => {
    const out = join(root, 'generated');
    const r = await studio.call('gan.generate', { project: trainedDoc(), count: 40, destination: out });
    expect(r).toMatchObject({
      out,
      format: 'png',
      count: 40,
      classes: 10,
      dataset: { source: 'image-folder', path: out },
    });
    expect(readdirSync(out).sort()).toEqual([
      '0-T-shirt_top',
      '1-Trouser',
      '2-Pullover',
      '3-Dress',
      '4-Coat',
      '5-Sandal',
      '6-Shirt',
      '7-Sneaker',
      '8-Bag',
      '9-Ankle_boot',
    ]);
    expect(readdirSync(join(out, '1-Trouser'))).toHaveLength(4);
  });

  it('refuses a destination outside the served root, writing nothing', async () => {
    const outside = join(dir, 'outside');
    const e = await studio
      .call('gan.generate', { project: trainedDoc(), count: 10, destination: outside })
      .catch((x: { code: string }) => x);
    expect((e as { code: string }).code).toMatch(/^DW6/);
    expect(() => readdirSync(outside)).toThrow();
  });

  it('takes a folder relative to the served root (the web page has no folder dialog) and creates it there', async () => {
    const r = await studio.call('gan.generate', { project: trainedDoc(), count: 20, destination: 'generated/cgan-20' });
    const out = join(root, 'generated', 'cgan-20');
    expect(r).toMatchObject({ out, count: 20, dataset: { source: 'image-folder', path: out } });
    expect(readdirSync(out)).toHaveLength(10);
  });

  it('refuses a relative folder that leaves the served root (DW621) or goes through a link out of it', async () => {
    const code = (destination: string) =>
      studio.call('gan.generate', { project: trainedDoc(), count: 10, destination }).then(
        () => 'ok',
        (x: { code: string }) => x.code,
      );
    expect(await code('../escaped')).toBe('DW621');
    expect(await code('generated/../../escaped')).toBe('DW621');
    expect(existsSync(join(dir, 'escaped'))).toBe(false);
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(root, 'link-out'));
    expect(await code('link-out/samples')).toMatch(/^DW6(05|15|21)$/);
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual([]);
  });

  it('without any folder, says how to name one (DW608)', async () => {
    const e = await studio
      .call('gan.generate', { project: trainedDoc(), count: 10 })
      .catch((x: { code: string; message: string }) => x);
    expect(e).toMatchObject({ code: 'DW608' });
  });
});
