/**
 * Token-id sequences of different lengths (issue #14): a csv-tokens dataset, batches padded with 0 only to
 * the longest sample of each batch, and an Embedding + LSTM whose Input has a time dimension of None
 * trained on it for real.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCsvTokens } from '../../../../src/main/engine/datasets/csv-tokens.js';
import { gather, prepareDataset } from '../../../../src/main/engine/datasets/prepare.js';
import { previewDataset } from '../../../../src/main/services/engine/preview.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { inferShapes } from '../../../../src/shared/shape/infer.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { Graph } from '../helpers/graph.js';
import { done, runTraining } from './helpers.js';

/**
 * `rows` sequences of 2 to 14 ids in 1..9 (seeded); the label says whether id 3 occurs. Only the tokens
 * themselves decide it, so a model must read sequences of every length to learn it.
 */
function tokensCsv(dir: string, rows: number): string {
  let s = 12345;
  const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const lines = ['label,tokens'];
  for (let r = 0; r < rows; r++) {
    const length = 2 + Math.floor(next() * 13);
    const ids = Array.from({ length }, () => 1 + Math.floor(next() * 9));
    if (r % 2 === 0 && !ids.includes(3)) ids[Math.floor(next() * length)] = 3;
    if (r % 2 === 1) for (let i = 0; i < length; i++) if (ids[i] === 3) ids[i] = 4;
    lines.push(`${ids.includes(3) ? 'yes' : 'no'},${ids.join(' ')}`);
  }
  const file = join(dir, 'tokens.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

function embeddingLstm(): Graph {
  const g = new Graph();
  const x = g.add('Input', { shape: [null], dtype: 'int32' });
  const e = g.add('Embedding', { inputDim: 10, outputDim: 8 }, x);
  const r = g.add('LSTM', { units: 16 }, e);
  g.add('Dense', { units: 2, activation: 'softmax' }, r);
  return g;
}

describe('variable-length token sequences', () => {
  it('reads rows of different lengths and pads each batch only to its longest sample', async () => {
    const file = join(tempDir(), 'few.csv');
    writeFileSync(file, 'label,tokens\na,4 12 7 9\nb,5 3\na,1 1 1 1 1 1\nb,2\n');
    const raw = await loadCsvTokens(
      file,
      { labelColumn: 'label', tokensColumn: 'tokens', task: 'classification' },
      'few',
    );
    expect(raw.sampleShape).toEqual([6]);
    expect(raw.variableLength).toBe(true);
    const ds = prepareDataset(raw, { validationSplit: 0, seed: 1 });
    const all = { index: Int32Array.from([0, 1, 2, 3]), fromTest: false };
    const short = gather(ds, { index: Int32Array.from([1, 3]), fromTest: false }, null, 0, 2);
    expect(short.length).toBe(2);
    expect([...short.x]).toEqual([5, 3, 2, 0]);
    const mixed = gather(ds, all, null, 0, 2);
    expect(mixed.length).toBe(4);
    expect([...mixed.x]).toEqual([4, 12, 7, 9, 5, 3, 0, 0]);
    expect(gather(ds, all, null, 0, 4).length).toBe(6);
  });

  it("the studio's dataset preview says None and shows each row's own ids", async () => {
    const dir = tempDir();
    const file = join(dir, 'few.csv');
    writeFileSync(
      file,
      'label,tokens\n' + Array.from({ length: 12 }, (_, i) => `c${i % 2},${'7 '.repeat(1 + i)}`).join('\n'),
    );
    const preview = await previewDataset(
      { source: 'csv-tokens', path: file, labelColumn: 'label', tokensColumn: 'tokens', validationSplit: 0.1, seed: 1 },
      4,
      'classifier',
      join(dir, 'cache'),
    );
    expect(preview.sampleShape).toEqual([null]);
    expect(preview.samples.map((s) => s.row!.every((v) => v === 7))).toEqual([true, true, true, true]);
    expect(new Set(preview.samples.map((s) => s.row!.length)).size).toBeGreaterThan(1);
  });

  it('reads a file of 200,000 rows (its lengths are not spread into one call)', async () => {
    const file = join(tempDir(), 'many.csv');
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i % 2 ? 'a' : 'b'},${'5 '.repeat(1 + (i % 3)).trim()}`);
    writeFileSync(file, `label,tokens\n${rows.join('\n')}\n`);
    const raw = await loadCsvTokens(
      file,
      { labelColumn: 'label', tokensColumn: 'tokens', task: 'classification' },
      'many',
    );
    expect(raw.sampleShape).toEqual([3]);
    expect(raw.x.length).toBe(200_000 * 3);
  });

  it('refuses a tokens cell that is not ids with DW415 naming the line', async () => {
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, 'label,tokens\na,4 12\nb,5 x 3\n');
    const caught = await loadCsvTokens(
      file,
      { labelColumn: 'label', tokensColumn: 'tokens', task: 'classification' },
      'bad',
    ).catch((e: unknown) => e);
    expect(caught).toBeInstanceOf(DeepwireError);
    expect((caught as DeepwireError).code).toBe('DW415');
    expect((caught as DeepwireError).message).toContain('bad.csv:3');
  });

  it('shapes say None, as Keras prints them, and the counts are Keras-exact', () => {
    const g = embeddingLstm();
    const report = inferShapes(g.doc, { projectKind: 'classifier', sampleShape: [null] });
    expect(report.diagnostics).toEqual([]);
    expect(report.nodes.embedding_1.shape).toEqual([null, null, 8]);
    expect(report.nodes.lstm_1.shape).toEqual([null, 16]);
    // Embedding 10 × 8, LSTM 4 × (16 × (8 + 16) + 16), Dense 16 × 2 + 2.
    expect(report.totals.total).toBe(80 + 1600 + 34);
  });

  it('an Embedding + LSTM with a time dimension of None trains on batches of different lengths', async () => {
    const file = tokensCsv(tempDir(), 480);
    const run = await runTraining({
      graph: embeddingLstm().doc,
      dataset: { source: 'csv-tokens', path: file, labelColumn: 'label', tokensColumn: 'tokens' },
      training: {
        loss: 'categoricalCrossentropy',
        epochs: 12,
        batchSize: 16,
        optimizer: { name: 'adam', learningRate: 0.02 },
      },
    });
    const end = done(run);
    const [started] = run.of('started');
    expect(started.dataset.sampleShape).toEqual([null]);
    const epochs = run.of('epoch');
    expect(epochs[epochs.length - 1].logs.loss).toBeLessThan(epochs[0].logs.loss * 0.5);
    expect(end.metrics.testAccuracy).toBeGreaterThan(0.85);
  }, 300_000);

  it('splits batches of different lengths over two threads (the data-parallel trainer)', async () => {
    const file = tokensCsv(tempDir(), 160);
    const run = await runTraining({
      graph: embeddingLstm().doc,
      dataset: { source: 'csv-tokens', path: file, labelColumn: 'label', tokensColumn: 'tokens' },
      training: { loss: 'categoricalCrossentropy', epochs: 2, batchSize: 16, threads: 2 },
    });
    done(run);
    const epochs = run.of('epoch');
    expect(epochs).toHaveLength(2);
    expect(Number.isFinite(epochs[1].logs.loss)).toBe(true);
  }, 300_000);
});
