import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetConfigSchema } from '../../../../src/shared/training/config.js';
import { decodeDataset, encodeDataset } from '../../../../src/main/engine/datasets/cache.js';
import { gather } from '../../../../src/main/engine/datasets/prepare.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { regressionCsv, tempDir } from '../../../fixtures/datasets/make.js';

const config = (c: unknown) => datasetConfigSchema.parse(c);

function histogram(labels: ArrayLike<number>, classes: number): number[] {
  const h = new Array<number>(classes).fill(0);
  for (let i = 0; i < labels.length; i++) h[labels[i]]++;
  return h;
}

describe('built-in datasets', () => {
  it('MNIST: 60,000 training and 10,000 test digits from the IDX files', async () => {
    const ds = await loadDataset(config({ source: 'mnist', validationSplit: 0.1 }), { kind: 'classifier' });
    expect(ds.summary).toMatchObject({
      sampleShape: [28, 28, 1],
      trainSize: 54000,
      validationSize: 6000,
      testSize: 10000,
    });
    expect(ds.raw.count).toBe(60000);
    // The known class counts of the MNIST test set.
    expect(histogram(ds.raw.test!.y, 10)).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    const b = gather(ds, ds.test, null, 0, 1);
    expect(b.y[0]).toBe(7); // the first test digit is a 7
    expect(Math.max(...b.x)).toBe(1);
  });

  it('MNIST rows: the same digits as 28 steps × 28 features', async () => {
    const ds = await loadDataset(config({ source: 'mnist-rows' }), { kind: 'classifier', limit: 10 });
    expect(ds.summary.sampleShape).toEqual([28, 28]);
    expect(gather(ds, ds.train, null, 0, 2).x.length).toBe(2 * 784);
  });

  it('Fashion-MNIST: 70,000 images, the first 1,000 of each class held out as test; cached for the second run', async () => {
    const cacheDir = tempDir('dw-cache-');
    const first = await loadDataset(config({ source: 'fashion-mnist', validationSplit: 0.1 }), {
      kind: 'classifier',
      cacheDir,
    });
    const second = await loadDataset(config({ source: 'fashion-mnist', validationSplit: 0.1 }), {
      kind: 'classifier',
      cacheDir,
    });
    expect(first.summary.fromCache).toBe(false);
    expect(second.summary.fromCache).toBe(true);
    expect(first.raw.count).toBe(60000);
    expect(first.raw.test!.count).toBe(10000);
    expect(histogram(first.raw.test!.y, 10)).toEqual(new Array(10).fill(1000));
    expect(histogram(first.raw.y, 10)).toEqual(new Array(10).fill(6000));
    expect(first.summary.classes![9]).toBe('Ankle boot');
    expect(Buffer.compare(Buffer.from(first.raw.x), Buffer.from(second.raw.x))).toBe(0);
    expect(Array.from(second.train.index.subarray(0, 50))).toEqual(Array.from(first.train.index.subarray(0, 50)));
  });
});

describe('the binary cache', () => {
  it('round-trips a dataset exactly and rebuilds when the source changes', async () => {
    const dir = tempDir();
    const cacheDir = join(dir, 'cache');
    const file = regressionCsv(dir, 50);
    const c = config({ source: 'csv', path: file, labelColumn: 'y' });
    const a = await loadDataset(c, { kind: 'regressor', cacheDir });
    const b = await loadDataset(c, { kind: 'regressor', cacheDir });
    expect([a.summary.fromCache, b.summary.fromCache]).toEqual([false, true]);
    expect(Array.from(b.raw.x)).toEqual(Array.from(a.raw.x));
    expect(Array.from(b.raw.y)).toEqual(Array.from(a.raw.y));
    expect(b.raw.notes).toEqual(a.raw.notes);
    // Another config (a different target) is another cache entry.
    const other = await loadDataset(
      config({ source: 'csv', path: file, labelColumn: 'a', featureColumns: ['b', 'c'] }),
      { kind: 'regressor', cacheDir },
    );
    expect(other.summary.fromCache).toBe(false);
    // An edited file (new size and mtime) parses afresh.
    regressionCsv(dir, 60);
    const c2 = await loadDataset(c, { kind: 'regressor', cacheDir });
    expect(c2.summary.fromCache).toBe(false);
    expect(c2.raw.count).toBe(60);
    // A damaged cache entry is ignored and rewritten.
    for (const f of readdirSync(cacheDir)) writeFileSync(join(cacheDir, f), 'garbage');
    const d = await loadDataset(c, { kind: 'regressor', cacheDir });
    expect(d.summary.fromCache).toBe(false);
    expect((await loadDataset(c, { kind: 'regressor', cacheDir })).summary.fromCache).toBe(true);
  });

  it('encodes test parts and every array type', () => {
    const raw = {
      name: 'n',
      task: 'classification' as const,
      x: Uint8Array.from([1, 2, 3]),
      y: Int32Array.from([-1, 7, 9]),
      count: 3,
      sampleShape: [1],
      classes: ['a'],
      targetSize: 1,
      test: { x: Uint8Array.from([4]), y: Int32Array.from([2]), count: 1 },
      scaling: 'pixels' as const,
      notes: ['x'],
    };
    expect(decodeDataset(encodeDataset(raw))).toEqual(raw);
    expect(decodeDataset(new Uint8Array(3))).toBeNull();
  });
});
