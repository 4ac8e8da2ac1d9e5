/**
 * Issue #17: values that parse but cannot be used (class ids in the billions,
 * numbers beyond float32, thousands of columns) are numbered errors, never an
 * unbounded allocation or an unreadable message.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { datasetConfigSchema } from '../../../../src/shared/training/config.js';
import { encodeIdx } from '../../../../src/main/engine/datasets/idx.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { tempDir, writeText } from '../../../fixtures/datasets/make.js';

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

describe('dataset limits', () => {
  it('an IDX label of 2,000,000,000 is DW414 naming the labels file (not a 2-billion-entry class list)', async () => {
    const dir = tempDir();
    const images = join(dir, 'img.idx');
    const labels = join(dir, 'lab.idx');
    writeFileSync(images, encodeIdx([4, 2, 2], new Uint8Array(16)));
    writeFileSync(labels, encodeIdx([4], new Float32Array([0, 1, 2_000_000_000, 1])));
    const started = performance.now();
    const e = await failure(loadDataset(config({ source: 'idx', images, labels }), { kind: 'classifier' }));
    expect(e.code).toBe('DW414');
    expect(e.where).toBe(labels);
    expect(e.message).toContain('2000000000');
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a CSV label column with more than 65,536 distinct values is DW414', async () => {
    const rows = Array.from({ length: 70_000 }, (_, i) => `${i % 7},id-${i}`);
    const file = writeText(tempDir(), 'ids.csv', ['x,id', ...rows].join('\n'));
    const e = await failure(
      loadDataset(config({ source: 'csv', path: file, labelColumn: 'id' }), { kind: 'classifier' }),
    );
    expect(e.code).toBe('DW414');
    expect(e.message).toContain('70000 distinct');
  });

  it('a number beyond float32 (1e39) is DW406 naming the line and column', async () => {
    const file = writeText(tempDir(), 'big.csv', 'a,y\n1,2\n1e39,3\n4,5\n');
    const e = await failure(
      loadDataset(config({ source: 'csv', path: file, labelColumn: 'y' }), { kind: 'regressor' }),
    );
    expect(e.code).toBe('DW406');
    expect(e.where).toBe(`${file}:3`);
    expect(e.message).toContain("column 'a'");
    expect(e.message).toContain('32-bit');
  });

  it('a missing column in a 10,000-column CSV lists only the first columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const file = writeText(tempDir(), 'wide.csv', `${header.join(',')}\n${header.map(() => '1').join(',')}\n`);
    const e = await failure(
      loadDataset(config({ source: 'csv', path: file, labelColumn: 'label' }), { kind: 'classifier' }),
    );
    expect(e.code).toBe('DW404');
    expect(e.message).toContain("'c0', 'c1'");
    expect(e.message).toContain('and 9980 more');
    expect(e.message.length).toBeLessThan(1_000);
  });
});
