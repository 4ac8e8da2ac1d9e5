import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { datasetConfigSchema } from '../../../../src/shared/training/config.js';
import { encodeIdx } from '../../../../src/main/engine/datasets/idx.js';
import { gather, prepareDataset } from '../../../../src/main/engine/datasets/prepare.js';
import { loadDataset, samplePixels } from '../../../../src/main/engine/datasets/load.js';
import {
  imageFolder,
  pngBytes,
  regressionCsv,
  seriesCsv,
  tempDir,
  writeText,
} from '../../../fixtures/datasets/make.js';

const config = (c: unknown) => datasetConfigSchema.parse(c);

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DeepwireError) return e;
    throw e;
  }
  throw new Error('expected a DeepwireError');
}

describe('image folders', () => {
  it('decodes PNG and JPEG, resizes, grayscale or RGB, one class per subfolder', async () => {
    const root = imageFolder(tempDir());
    const gray = await loadDataset(config({ source: 'image-folder', path: root, size: [8, 8], channels: 1 }), {
      kind: 'classifier',
    });
    expect(gray.summary).toMatchObject({ task: 'classification', sampleShape: [8, 8, 1], classes: ['bright', 'dark'] });
    expect(gray.summary.trainSize + gray.summary.validationSize + gray.summary.testSize).toBe(12);
    const rgb = await loadDataset(config({ source: 'image-folder', path: root, size: [8, 8], channels: 3 }), {
      kind: 'classifier',
    });
    const px = samplePixels(rgb, rgb.train, 0)!;
    expect(px).toMatchObject({ width: 8, height: 8, channels: 3 });
    // Bright images are ~200, dark ones ~30, in every channel but where the red bar was.
    const label = gather(rgb, rgb.train, null, 0, 1).y[0];
    const g = px.data[(4 * 8 + 7) * 3 + 1];
    expect(label === 0 ? g > 150 : g < 80).toBe(true);
    const b = gather(gray, gray.train, null, 0, gray.train.index.length);
    expect(Math.max(...b.x)).toBeLessThanOrEqual(1);
    expect(Math.min(...b.x)).toBeGreaterThanOrEqual(0);
  });

  it('names a corrupt image (DW402) and an empty class folder (DW405)', async () => {
    const root = imageFolder(tempDir(), 2);
    writeFileSync(join(root, 'dark', 'broken.png'), pngBytes(4, 4, () => [0, 0, 0]).subarray(0, 40));
    const e = await failure(loadDataset(config({ source: 'image-folder', path: root }), { kind: 'classifier' }));
    expect(e.code).toBe('DW402');
    expect(e.where).toBe(join(root, 'dark', 'broken.png'));
    const root2 = imageFolder(tempDir(), 2);
    mkdirSync(join(root2, 'empty'));
    writeFileSync(join(root2, 'empty', 'readme.txt'), 'no images here');
    const e2 = await failure(loadDataset(config({ source: 'image-folder', path: root2 }), { kind: 'classifier' }));
    expect(e2.code).toBe('DW405');
    expect(e2.message).toContain(join(root2, 'empty'));
  });
});

describe('CSV tables', () => {
  it('reads features and a numeric target, z-scored with training statistics only', async () => {
    const file = regressionCsv(tempDir());
    const ds = await loadDataset(config({ source: 'csv', path: file, labelColumn: 'y' }), { kind: 'regressor' });
    // The quoted text column is left out of the features, and the user is told.
    expect(ds.summary.sampleShape).toEqual([3]);
    expect(ds.raw.notes.join(' ')).toContain("'note'");
    const train = gather(ds, ds.train, null, 0, ds.train.index.length);
    for (let f = 0; f < 3; f++) {
      const col = Array.from(train.x).filter((_, k) => k % 3 === f);
      const mean = col.reduce((a, v) => a + v, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, v) => a + (v - mean) ** 2, 0) / col.length);
      expect(mean).toBeCloseTo(0, 4);
      expect(sd).toBeCloseTo(1, 3);
    }
    // The test part is normalised with the same (training) statistics, so its mean is not exactly 0.
    const test = gather(ds, ds.test, null, 0, ds.test.index.length);
    const testMean =
      Array.from(test.x)
        .filter((_, k) => k % 3 === 0)
        .reduce((a, v) => a + v, 0) / ds.test.index.length;
    expect(testMean).not.toBeCloseTo(0, 4);
  });

  it('reads string labels as classes for a classifier', async () => {
    const file = writeText(
      tempDir(),
      'iris.csv',
      'w,h,species\n1,2,setosa\n1.1,2.1,setosa\n5,6,virginica\n5.2,6.1,virginica\n3,3,versicolor\n',
    );
    const ds = await loadDataset(config({ source: 'csv', path: file, labelColumn: 'species', validationSplit: 0 }), {
      kind: 'classifier',
    });
    expect(ds.summary.classes).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('names the line of a ragged row (DW403), a missing label column (DW404) and a bad cell (DW406)', async () => {
    const dir = tempDir();
    const ragged = writeText(dir, 'ragged.csv', 'a,b,y\n1,2,3\n4,5\n6,7,8\n');
    const e = await failure(
      loadDataset(config({ source: 'csv', path: ragged, labelColumn: 'y' }), { kind: 'regressor' }),
    );
    expect(e.code).toBe('DW403');
    expect(e.where).toBe(`${ragged}:3`);
    expect(e.message).toContain('has 2 columns, the header has 3');

    const e2 = await failure(
      loadDataset(config({ source: 'csv', path: ragged, labelColumn: 'label' }), { kind: 'classifier' }),
    );
    expect(e2.code).toBe('DW404');
    expect(e2.message).toContain("'a', 'b', 'y'");

    const bad = writeText(dir, 'bad.csv', 'a,b,y\n1,2,3\n4,"five",6\n');
    const e3 = await failure(
      loadDataset(config({ source: 'csv', path: bad, labelColumn: 'y', featureColumns: ['a', 'b'] }), {
        kind: 'regressor',
      }),
    );
    expect(e3.code).toBe('DW406');
    expect(e3.message).toContain(`${bad}:3, column 'b': the cell 'five' is not a number`);

    const e4 = await failure(
      loadDataset(config({ source: 'csv', path: bad, labelColumn: 'y', featureColumns: ['a', 'z'] }), {
        kind: 'regressor',
      }),
    );
    expect(e4.code).toBe('DW410');
  });
});

describe('CSV time series', () => {
  it('makes lookback windows with the next horizon values as targets, in time order', async () => {
    const file = seriesCsv(tempDir(), 100);
    const ds = await loadDataset(
      config({
        source: 'csv-series',
        path: file,
        targetColumn: 'value',
        featureColumns: ['value'],
        lookback: 5,
        horizon: 2,
        normalize: false,
      }),
      { kind: 'regressor' },
    );
    expect(ds.summary.sampleShape).toEqual([5, 1]);
    const windows = 100 - 5 - 2 + 1;
    expect(ds.summary.trainSize + ds.summary.validationSize + ds.summary.testSize).toBe(windows);
    // Training windows come first, then validation, then test.
    expect(Math.max(...ds.train.index)).toBeLessThan(Math.min(...ds.validation.index));
    expect(Math.max(...ds.validation.index)).toBeLessThan(Math.min(...ds.test.index));
    const b = gather(ds, ds.train, null, 0, 1);
    const v = (i: number) => Number((Math.sin(i / 5) + i / 100).toFixed(5));
    const first = ds.train.index[0];
    expect(Array.from(b.x)).toEqual([0, 1, 2, 3, 4].map((k) => Math.fround(v(first + k))));
    expect(Array.from(b.y)).toEqual([5, 6].map((k) => Math.fround(v(first + k))));
  });

  it('refuses a series too short for its windows (DW409)', async () => {
    const file = seriesCsv(tempDir(), 8);
    const e = await failure(
      loadDataset(config({ source: 'csv-series', path: file, targetColumn: 'value', lookback: 5, horizon: 2 }), {
        kind: 'regressor',
      }),
    );
    expect(e.code).toBe('DW409');
  });
});

describe('IDX pairs and splits', () => {
  it('reads a user IDX pair and splits it deterministically by seed', async () => {
    const dir = tempDir();
    const n = 50;
    const images = new Uint8Array(n * 4 * 4).map((_, i) => i % 256);
    writeFileSync(join(dir, 'img.idx'), encodeIdx([n, 4, 4], images));
    writeFileSync(
      join(dir, 'lab.idx'),
      encodeIdx(
        [n],
        new Uint8Array(n).map((_, i) => i % 3),
      ),
    );
    const c = config({
      source: 'idx',
      images: join(dir, 'img.idx'),
      labels: join(dir, 'lab.idx'),
      validationSplit: 0.2,
      seed: 5,
    });
    const a = await loadDataset(c, { kind: 'classifier' });
    const b = await loadDataset(c, { kind: 'classifier' });
    expect(a.summary).toMatchObject({
      sampleShape: [4, 4, 1],
      classes: ['0', '1', '2'],
      testSize: 5,
      validationSize: 9,
      trainSize: 36,
    });
    expect(Array.from(a.train.index)).toEqual(Array.from(b.train.index));
    const all = [...a.train.index, ...a.validation.index, ...a.test.index];
    expect(new Set(all).size).toBe(n);
    const other = prepareDataset(a.raw, { validationSplit: 0.2, seed: 6 });
    expect(Array.from(other.train.index)).not.toEqual(Array.from(a.train.index));

    writeFileSync(join(dir, 'short.idx'), encodeIdx([n - 1], new Uint8Array(n - 1)));
    const e = await failure(
      loadDataset(config({ source: 'idx', images: join(dir, 'img.idx'), labels: join(dir, 'short.idx') }), {
        kind: 'classifier',
      }),
    );
    expect(e.code).toBe('DW407');
  });

  it('limit trains on N samples and sizes validation for them', async () => {
    const ds = await loadDataset(config({ source: 'mnist', validationSplit: 0.1 }), { kind: 'classifier', limit: 900 });
    expect(ds.summary).toMatchObject({ trainSize: 900, validationSize: 100, testSize: 10000 });
  });
});
