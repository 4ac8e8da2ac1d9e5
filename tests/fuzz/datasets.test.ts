/**
 * Fuzz (issue #17): seeded, damaged dataset files through the real loaders,
 * the way the studio previews them (previewDataset → loadDataset, with the
 * binary cache): CSV tables and series (ragged rows, quotes, BOMs, NaN and
 * Infinity, numbers beyond float32, empty files, one column, 10,000 columns,
 * binary garbage), image folders (PNG/JPEG byte flips, truncation, headers
 * lying about the size, non-files named like images) and IDX pairs (wrong
 * magic, short data, dimensions that overflow). Every case must end in a
 * dataset or a DW4xx error, quickly, without unbounded memory.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DeepwireError } from '../../src/shared/errors.js';
import { datasetConfigSchema, type DatasetConfig, type ProjectKind } from '../../src/shared/training/config.js';
import { encodeIdx } from '../../src/main/engine/datasets/idx.js';
import { previewDataset } from '../../src/main/services/engine/preview.js';
import { withJpegSize, withPngSize } from '../fixtures/datasets/bad-files.js';
import { jpegBytes, pngBytes } from '../fixtures/datasets/make.js';
import { rng, tally, type Rng } from './mutate.js';

const CSV_CASES = 1_200;
const IMAGE_CASES = 900;
const IDX_CASES = 900;
const SEED = 4417;
const CASE_LIMIT_MS = 5_000;
/** Growth of the process's resident memory over the whole run that counts as unbounded. */
const RSS_GROWTH_LIMIT = 1024 * 2 ** 20;

const dir = mkdtempSync(join(tmpdir(), 'deepwire-fuzz-data-'));
const cacheDir = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Tally {
  outcomes: Map<string, number>;
  ops: Map<string, number>;
  failures: string[];
  slowest: number;
  peakRss: number;
}

const newTally = (): Tally => ({
  outcomes: new Map(),
  ops: new Map(),
  failures: [],
  slowest: 0,
  peakRss: process.memoryUsage().rss,
});

/** One case: a dataset (its preview) or a DW4xx error; anything else, or a slow case, is a failure. */
async function runCase(
  t: Tally,
  label: string,
  ops: string[],
  config: DatasetConfig,
  kind: ProjectKind,
): Promise<void> {
  for (const op of ops) t.ops.set(op, (t.ops.get(op) ?? 0) + 1);
  const started = performance.now();
  let outcome = 'dataset';
  try {
    await previewDataset(config, 4, kind, cacheDir);
  } catch (e) {
    outcome = e instanceof DeepwireError ? e.code : 'CRASH';
    if (!(e instanceof DeepwireError) || !/^DW4\d\d$/.test(e.code)) {
      t.failures.push(
        `${label} (${ops.join(', ')}): ${e instanceof DeepwireError ? e.message : ((e as Error)?.stack ?? String(e))}`,
      );
    }
  }
  const ms = performance.now() - started;
  t.slowest = Math.max(t.slowest, ms);
  t.peakRss = Math.max(t.peakRss, process.memoryUsage().rss);
  if (ms > CASE_LIMIT_MS) t.failures.push(`${label} (${ops.join(', ')}) took ${ms.toFixed(0)} ms`);
  t.outcomes.set(outcome, (t.outcomes.get(outcome) ?? 0) + 1);
}

function report(what: string, t: Tally, cases: number, seconds: number, startRss: number): void {
  console.log(
    `${what}: ${cases} cases in ${seconds.toFixed(1)} s (slowest ${t.slowest.toFixed(0)} ms, RSS +${((t.peakRss - startRss) / 2 ** 20).toFixed(0)} MiB)`,
  );
  console.log(`  outcomes: ${tally(t.outcomes, cases)}`);
  console.log(
    `  mutations: ${tally(
      t.ops,
      [...t.ops.values()].reduce((a, b) => a + b, 0),
    )}`,
  );
}

function check(t: Tally, startRss: number): void {
  expect(t.failures.slice(0, 5)).toEqual([]);
  expect(t.outcomes.get('dataset') ?? 0).toBeGreaterThan(0);
  expect(t.peakRss - startRss).toBeLessThan(RSS_GROWTH_LIMIT);
}

let caseNo = 0;
const caseDir = () => {
  const d = join(dir, `c${caseNo++}`);
  mkdirSync(d);
  return d;
};

/** Byte-level damage: flips, truncation, insertion. */
function damageBytes(bytes: Uint8Array, r: Rng, from = 0): { bytes: Uint8Array; op: string } {
  const out = Uint8Array.from(bytes);
  switch (r.int(3)) {
    case 0:
      for (let k = 1 + r.int(8); k > 0; k--) out[from + r.int(Math.max(1, out.length - from))] = r.int(256);
      return { bytes: out, op: from > 0 ? 'flip-body' : 'flip' };
    case 1:
      return { bytes: out.subarray(0, r.int(out.length)), op: 'truncate' };
    default: {
      const at = r.int(out.length);
      const junk = Uint8Array.from({ length: 1 + r.int(16) }, () => r.int(256));
      return { bytes: Uint8Array.from([...out.subarray(0, at), ...junk, ...out.subarray(at)]), op: 'insert' };
    }
  }
}

// ── CSV ──────────────────────────────────────────────────────────────────────

const HOSTILE_CELLS = [
  'NaN',
  'Infinity',
  '-inf',
  '1e400',
  '1e39',
  '-3.5e38',
  '9'.repeat(400),
  '-0',
  '0x1F',
  '',
  ' ',
  '"',
  '""',
  '"a,b"',
  '\u0000',
  '\x1b[2J',
  '1,5',
  'true',
];

function csvText(r: Rng): { text: string; ops: string[] } {
  const ops: string[] = [];
  const columns = r.chance(0.02) ? 10_000 : r.chance(0.1) ? 1 : 2 + r.int(5);
  if (columns !== 2) ops.push(columns === 10_000 ? '10k-columns' : columns === 1 ? 'one-column' : 'columns');
  const header = Array.from({ length: columns }, (_, i) => (i === columns - 1 ? 'y' : `f${i}`));
  const rowCount = r.chance(0.05) ? 0 : 3 + r.int(40);
  const rows = Array.from({ length: rowCount }, (_, i) =>
    header.map((_, j) => (j === columns - 1 ? String(i % 3) : (i * 0.37 + j).toFixed(3))),
  );
  for (let k = r.int(4); k > 0; k--) {
    if (!rows.length) break;
    const row = r.pick(rows);
    switch (r.int(5)) {
      case 0:
        row.splice(r.int(row.length + 1), 0, '7');
        ops.push('ragged-long');
        break;
      case 1:
        row.splice(r.int(row.length), 1);
        ops.push('ragged-short');
        break;
      case 2:
        row[r.int(row.length)] = r.pick(HOSTILE_CELLS);
        ops.push('hostile-cell');
        break;
      case 3:
        row[r.int(row.length)] = `"${'x'.repeat(r.int(5))}`;
        ops.push('open-quote');
        break;
      default:
        row[row.length - 1] = `label${r.int(1000)}`;
        ops.push('text-label');
    }
  }
  let text = [header, ...rows].map((row) => row.join(r.chance(0.02) ? ';' : ',')).join(r.pick(['\n', '\r\n', '\r']));
  if (r.chance(0.1)) {
    text = '\ufeff' + text;
    ops.push('bom');
  }
  if (r.chance(0.05)) {
    text = Buffer.from(Uint8Array.from({ length: r.int(4000) }, () => r.int(256))).toString('latin1');
    ops.push('binary-garbage');
  }
  if (r.chance(0.03)) {
    text = '';
    ops.push('empty');
  }
  if (r.chance(0.15)) {
    const damaged = damageBytes(Buffer.from(text), r);
    text = Buffer.from(damaged.bytes).toString('utf8');
    ops.push(`text-${damaged.op}`);
  }
  return { text, ops };
}

// ── images ───────────────────────────────────────────────────────────────────

const GOOD_PNG = pngBytes(8, 8, (x, y) => [x * 30, y * 30, 90]);
const GOOD_JPEG = jpegBytes(8, 8, (x, y) => [x * 30, y * 30, 90]);

function badImage(r: Rng): { name: string; bytes?: Uint8Array; special?: 'folder' | 'broken-link'; op: string } {
  const png = r.chance(0.5);
  const base = png ? GOOD_PNG : GOOD_JPEG;
  const name = `bad.${png ? 'png' : r.pick(['jpg', 'jpeg', 'JPG'])}`;
  switch (r.int(9)) {
    case 0: {
      const [w, h] = r.pick([
        [30_000, 30_000],
        [0, 8],
        [8, 0],
        [65_535, 65_535],
        [4097, 4096],
        [2 ** 31, 2],
        [1, 1],
        [4096, 4096],
      ]);
      return {
        name,
        bytes: png ? withPngSize(base, w, h) : withJpegSize(base, w & 0xffff, h & 0xffff),
        op: 'size-lie',
      };
    }
    case 1:
      return {
        name,
        bytes: png ? withPngSize(base, 30_000, 30_000).fill(0, 29, 33) : base.subarray(0, 6),
        op: png ? 'size-lie-bad-crc' : 'header-only',
      };
    case 2:
      return { name, bytes: new Uint8Array(0), op: 'zero-bytes' };
    case 3:
      return { name, bytes: png ? GOOD_JPEG : GOOD_PNG, op: 'other-format' };
    case 4:
      return { name, special: r.chance(0.5) ? 'folder' : 'broken-link', op: 'not-a-file' };
    case 5:
      return { name, bytes: Uint8Array.from({ length: r.int(2000) }, () => r.int(256)), op: 'garbage' };
    default: {
      const d = damageBytes(base, r, r.chance(0.5) ? 0 : 40);
      return { name, bytes: d.bytes, op: `${png ? 'png' : 'jpeg'}-${d.op}` };
    }
  }
}

function imageFolder(r: Rng): { path: string; ops: string[] } {
  const root = caseDir();
  for (const cls of ['a', 'b']) {
    mkdirSync(join(root, cls));
    for (let i = 0; i < 3; i++)
      writeFileSync(join(root, cls, `ok${i}.${i % 2 ? 'jpg' : 'png'}`), i % 2 ? GOOD_JPEG : GOOD_PNG);
  }
  const ops: string[] = [];
  for (let k = r.chance(0.85) ? 1 : 0; k > 0; k--) {
    const bad = badImage(r);
    const file = join(root, r.pick(['a', 'b']), bad.name);
    if (bad.special === 'folder') mkdirSync(file);
    else if (bad.special === 'broken-link') symlinkSync(join(root, 'nowhere.png'), file);
    else writeFileSync(file, bad.bytes!);
    ops.push(bad.op);
  }
  return { path: root, ops };
}

// ── IDX ──────────────────────────────────────────────────────────────────────

function idxPair(r: Rng): { images: string; labels: string; ops: string[] } {
  const d = caseDir();
  const n = 12 + r.int(20);
  const ops: string[] = [];
  let images = encodeIdx(
    [n, 4, 4],
    Uint8Array.from({ length: n * 16 }, (_, i) => i % 256),
  );
  let labels = encodeIdx(
    [n],
    Uint8Array.from({ length: n }, (_, i) => i % 3),
  );
  const patch = (bytes: Uint8Array, at: number, value: number) => {
    const out = Uint8Array.from(bytes);
    if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, value >>> 0);
    return out;
  };
  for (let k = 1 + r.int(2); k > 0; k--) {
    const onLabels = r.chance(0.4);
    let target = onLabels ? labels : images;
    switch (r.int(9)) {
      case 0:
        target = patch(target, 0, r.pick([0x08030000, 0xdeadbeef, 0x00000803, 0x00000f03]));
        ops.push('bad-magic');
        break;
      case 1:
        target = Uint8Array.from([0, 0, target[2], r.pick([0, 3, 4, 255]), ...target.subarray(4)]);
        ops.push('bad-rank');
        break;
      case 2:
        target = patch(target, 4 + 4 * r.int(onLabels ? 1 : 3), r.pick([0, 0xffffffff, 2 ** 31, 65_536, n + 1]));
        ops.push('dimension-lie');
        break;
      case 3:
        target = patch(patch(target, 4, 0x10000), 8, 0x10000);
        ops.push('dimension-overflow');
        break;
      case 4:
        target = target.subarray(0, r.int(target.length));
        ops.push('short');
        break;
      case 5:
        target = Uint8Array.from([...target, ...new Uint8Array(1 + r.int(9))]);
        ops.push('extra-bytes');
        break;
      case 6:
        if (onLabels) {
          const huge = Float32Array.from({ length: n }, (_, i) =>
            r.pick([i % 3, -1, 1.5, 2e9, 65_536, Number.NaN, Infinity]),
          );
          target = encodeIdx([n], huge);
          ops.push('label-values');
        } else {
          target = encodeIdx(
            [n, 4, 4],
            Float32Array.from({ length: n * 16 }, () => r.pick([0, 1, -1e38, 3e38, Number.NaN])),
          );
          ops.push('float-images');
        }
        break;
      case 7:
        target = encodeIdx(r.pick([[n], [n, 2, 2, 2], [n, 1, 1, 5], [0, 4, 4], [n, 0, 4]]), new Uint8Array(0));
        target = Uint8Array.from([...target, ...new Uint8Array(Math.max(0, r.int(n * 40)))]);
        ops.push('odd-shape');
        break;
      default: {
        const dmg = damageBytes(target, r);
        target = dmg.bytes;
        ops.push(`idx-${dmg.op}`);
      }
    }
    if (onLabels) labels = target;
    else images = target;
  }
  writeFileSync(join(d, 'images.idx'), images);
  writeFileSync(join(d, 'labels.idx'), labels);
  return { images: join(d, 'images.idx'), labels: join(d, 'labels.idx'), ops };
}

describe('fuzz: dataset files through the real loaders', () => {
  it(`${CSV_CASES} mutated CSV tables and series`, async () => {
    const r = rng(SEED);
    const t = newTally();
    const startRss = t.peakRss;
    const started = performance.now();
    for (let i = 0; i < CSV_CASES; i++) {
      const { text, ops } = csvText(r);
      const path = join(caseDir(), 'data.csv');
      writeFileSync(path, text);
      const series = r.chance(0.25);
      const kind: ProjectKind = r.chance(0.5) ? 'classifier' : 'regressor';
      const config = datasetConfigSchema.parse(
        series
          ? {
              source: 'csv-series',
              path,
              targetColumn: 'y',
              lookback: 1 + r.int(4),
              horizon: 1 + r.int(2),
              normalize: r.chance(0.5),
            }
          : {
              source: 'csv',
              path,
              labelColumn: r.chance(0.9) ? 'y' : 'f0',
              normalize: r.chance(0.5),
              validationSplit: r.pick([0, 0.1, 0.5]),
            },
      );
      await runCase(t, `csv case ${i}`, [series ? 'series' : kind, ...ops], config, kind);
    }
    report('dataset fuzz (CSV)', t, CSV_CASES, (performance.now() - started) / 1000, startRss);
    check(t, startRss);
  }, 120_000);

  it(`${IMAGE_CASES} image folders holding a damaged, lying or non-file image`, async () => {
    const r = rng(SEED + 1);
    const t = newTally();
    const startRss = t.peakRss;
    const started = performance.now();
    for (let i = 0; i < IMAGE_CASES; i++) {
      const { path, ops } = imageFolder(r);
      const size = r.pick([
        [8, 8],
        [4, 12],
        [1, 1],
        [28, 28],
      ]);
      const config = datasetConfigSchema.parse({ source: 'image-folder', path, size, channels: r.pick([1, 3]) });
      await runCase(t, `image case ${i}`, ops, config, 'classifier');
    }
    report('dataset fuzz (image folders)', t, IMAGE_CASES, (performance.now() - started) / 1000, startRss);
    check(t, startRss);
  }, 120_000);

  it(`${IDX_CASES} damaged IDX pairs`, async () => {
    const r = rng(SEED + 2);
    const t = newTally();
    const startRss = t.peakRss;
    const started = performance.now();
    for (let i = 0; i < IDX_CASES; i++) {
      const { images, labels, ops } = idxPair(r);
      await runCase(
        t,
        `idx case ${i}`,
        ops,
        datasetConfigSchema.parse({ source: 'idx', images, labels }),
        'classifier',
      );
    }
    report('dataset fuzz (IDX)', t, IDX_CASES, (performance.now() - started) / 1000, startRss);
    check(t, startRss);
  }, 120_000);
});
