import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import { DeepwireError } from '../../../../src/shared/errors.js';

let dir: string;
let root: string;
let studio: Studio;

function png(path: string, value: number): void {
  const img = new PNG({ width: 4, height: 4 });
  img.data.fill(value);
  for (let i = 3; i < img.data.length; i += 4) img.data[i] = 255;
  writeFileSync(path, PNG.sync.write(img));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-datasets-'));
  root = join(dir, 'work');
  for (const [cls, n, v] of [
    ['cats', 3, 40],
    ['dogs', 1, 200],
  ] as const) {
    mkdirSync(join(root, 'pets', cls), { recursive: true });
    for (let i = 0; i < n * 4; i++) png(join(root, 'pets', cls, `${i}.png`), v);
  }
  const rows = ['x,y,label'];
  for (let i = 0; i < 40; i++) rows.push(`${i},${i * 2},${i % 4 === 0 ? 'a' : 'b'}`);
  writeFileSync(join(root, 'table.csv'), rows.join('\n') + '\n');
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
  // Inside the served folder: the studio writes nowhere else (DW616).
  await studio.call('settings.set', { datasetCacheDir: join(root, '.cache') });
});
afterAll(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('dataset commands', () => {
  it('lists the built-ins and, given a folder, its contents', async () => {
    const r = await studio.call('dataset.browse', { path: root });
    expect(r.builtins.map((b) => b.id)).toEqual(['mnist', 'fashion-mnist', 'mnist-rows']);
    expect(r.listing?.entries.map((e) => [e.name, e.kind])).toEqual([
      ['pets', 'dir'],
      ['table.csv', 'csv'],
    ]);
  });

  it('previews MNIST as pixel samples with the class balance', async () => {
    const p = await studio.call('dataset.preview', { dataset: { source: 'mnist', limit: 1000 }, count: 8 });
    expect(p).toMatchObject({ name: 'MNIST', task: 'classification', sampleShape: [28, 28, 1], trainSize: 1000 });
    expect(p.samples).toHaveLength(8);
    const first = p.samples[0];
    expect(first.image).toMatchObject({ width: 28, height: 28, channels: 1 });
    expect(first.image?.data).toHaveLength(784);
    expect(Math.max(...(first.image?.data ?? []))).toBeGreaterThan(100);
    expect(p.classes).toContain(String(first.label));
    expect(p.classBalance).toHaveLength(10);
    expect(p.classBalance?.reduce((a, c) => a + c.count, 0)).toBe(1000);
  });

  it('previews an image folder inside the served folders, counting each class', async () => {
    const p = await studio.call('dataset.preview', {
      dataset: { source: 'image-folder', path: join(root, 'pets'), size: [4, 4], channels: 1, validationSplit: 0 },
      count: 4,
    });
    expect(p.classes).toEqual(['cats', 'dogs']);
    const balance = Object.fromEntries(p.classBalance!.map((c) => [c.label, c.count]));
    expect(balance.cats).toBeGreaterThan(balance.dogs);
    const cat = p.samples.find((s) => s.label === 'cats');
    expect(cat?.image?.data.every((v) => v === 40)).toBe(true);
  });

  it('previews a CSV table as rows, as classes or as a regression target', async () => {
    const asClasses = await studio.call('dataset.preview', {
      dataset: { source: 'csv', path: join(root, 'table.csv'), labelColumn: 'label' },
      count: 5,
    });
    expect(asClasses.classes?.sort()).toEqual(['a', 'b']);
    expect(asClasses.samples[0].row).toHaveLength(2);
    const asTarget = await studio.call('dataset.preview', {
      dataset: { source: 'csv', path: join(root, 'table.csv'), labelColumn: 'y', featureColumns: ['x'] },
      count: 5,
      kind: 'regressor',
    });
    expect(asTarget.task).toBe('regression');
    expect(asTarget.classBalance).toBeNull();
    for (const s of asTarget.samples) expect(s.label).toBe((s.row?.[0] ?? NaN) * 2);
  });

  it("resolves relative dataset paths against the project's folder", async () => {
    const dataset = { source: 'csv' as const, path: 'table.csv', labelColumn: 'label' };
    const p = await studio.call('dataset.preview', { dataset, count: 2, projectPath: join(root, 'project.deepwire') });
    expect(p.samples).toHaveLength(2);
    const e = await studio.call('dataset.preview', { dataset, count: 2 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DW605', where: 'request.dataset.path' });
  });

  it('refuses dataset paths outside the served folders (DW605) and names the field', async () => {
    const e = await studio
      .call('dataset.preview', { dataset: { source: 'csv', path: '/etc/passwd', labelColumn: 'x' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DeepwireError);
    expect(e).toMatchObject({ code: 'DW605', where: 'request.dataset.path' });
  });
});
