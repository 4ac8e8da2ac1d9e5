/**
 * Issue #17 through the real `deepwire` command (node bin/deepwire.js): a
 * ragged or oversized image folder gives a numbered error naming the file and
 * exit 2, never DW502 or a stack; escape codes in project names, CSV headers,
 * class labels and file names are shown escaped, never sent raw.
 */
/* eslint-disable no-control-regex -- these tests look for raw control characters */
import { execFile } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newProject } from '../../../src/shared/project/index.js';
import type { DatasetConfig } from '../../../src/shared/training/config.js';
import { writeProjectFile } from '../../../src/main/services/project-files.js';
import { blankPng } from '../../fixtures/datasets/bad-files.js';
import { imageFolder, tempDir, writeText } from '../../fixtures/datasets/make.js';
import { Graph } from '../engine/helpers/graph.js';

const ROOT = join(import.meta.dirname, '../../..');
/** What must never reach the terminal from user data: ESC, BEL, CR (and the other controls). */
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
/** Retitles the window, returns the carriage, clears the screen. */
const EVIL = '\x1b]0;pwned\x07\r\x1b[2J';
const SHOWN = '\\x1b]0;pwned\\x07\\x0d\\x1b[2J';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function deepwire(args: string[], cwd: string): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/deepwire.js'), ...args],
      { cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

function expectCleanFailure(r: Outcome, code: string, file: string): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(code);
  expect(r.stderr).toContain(file);
  expect(r.stderr).not.toContain('DW502');
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** A classifier over `features` numbers into `classes` classes. */
function classifierGraph(features: number, classes: number, inputShape: number[] = [features]) {
  const g = new Graph();
  const input = g.add('Input', { shape: inputShape });
  const flat = inputShape.length > 1 ? g.add('Flatten', {}, input) : input;
  g.add('Dense', { units: classes, activation: 'softmax' }, g.add('Dense', { units: 8 }, flat));
  return g.doc;
}

async function project(
  dir: string,
  name: string,
  dataset: DatasetConfig,
  graph = classifierGraph(2, 3),
): Promise<string> {
  const file = join(dir, 'p.deepwire');
  await writeProjectFile(
    file,
    newProject('classifier', name, { graph, dataset, training: { epochs: 1, batchSize: 16 } }),
  );
  return file;
}

const imageDataset = (path: string): DatasetConfig => ({
  source: 'image-folder',
  path,
  size: [8, 8],
  channels: 1,
  validationSplit: 0.1,
  seed: 1,
});

describe('deepwire train on a bad image folder (real process)', () => {
  it('a broken symlink y.png: DW412 naming it, exit 2, no stack', async () => {
    const dir = tempDir('dw-cli-');
    const root = imageFolder(join(dir, 'images'), 2);
    const link = join(root, 'dark', 'y.png');
    symlinkSync(join(dir, 'gone.png'), link);
    const file = await project(dir, 'images', imageDataset(root), classifierGraph(64, 2, [8, 8, 1]));
    expectCleanFailure(
      await deepwire(['train', file, '--cache-dir', join(dir, 'cache')], dir),
      'DW412 Not an image file',
      link,
    );
  });

  it('a 30,000 × 30,000 PNG: DW411 naming it, exit 2, no stack', async () => {
    const dir = tempDir('dw-cli-');
    const root = imageFolder(join(dir, 'images'), 2);
    const huge = join(root, 'bright', 'huge.png');
    writeFileSync(huge, await blankPng(30_000, 30_000));
    const file = await project(dir, 'images', imageDataset(root), classifierGraph(64, 2, [8, 8, 1]));
    const r = await deepwire(['train', file, '--json', '--cache-dir', join(dir, 'cache')], dir);
    expect(r.code).toBe(2);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { code: string; where: string };
    expect(last).toMatchObject({ event: 'error', code: 'DW411', where: huge });
  });
});

describe('escape codes in user data are not sent raw to the terminal (real process)', () => {
  /** A CSV named with an escape, whose header and class labels hold escapes; 3 classes a tiny MLP can tell apart. */
  function hostileCsv(dir: string): string {
    const rows = Array.from({ length: 60 }, (_, i) => {
      const c = i % 3;
      return `${c + (i % 5) / 10},${c * 2},${['plain', `"evil${EVIL}"`, '"quoted\rlabel"'][c]}`;
    });
    return writeText(dir, `data\x1b[31m.csv`, [`a,"b${EVIL}","label${EVIL}"`, ...rows].join('\n') + '\n');
  }

  it('summary: a project name with escapes', async () => {
    const dir = tempDir('dw-cli-');
    const file = await project(dir, `name${EVIL}`, {
      source: 'csv',
      path: hostileCsv(dir),
      labelColumn: `label${EVIL}`,
      normalize: true,
      validationSplit: 0.1,
      seed: 1,
    });
    const r = await deepwire(['summary', file], dir);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain(`name${SHOWN}`);
  });

  it('train: the dataset file name, column names and class labels in progress, results and errors', async () => {
    const dir = tempDir('dw-cli-');
    const csv = hostileCsv(dir);
    const good = await project(dir, `name${EVIL}`, {
      source: 'csv',
      path: csv,
      labelColumn: `label${EVIL}`,
      normalize: true,
      validationSplit: 0.1,
      seed: 1,
    });
    const r = await deepwire(['train', good, '--cache-dir', join(dir, 'cache')], dir);
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    // The class labels were printed (escaped) in the per-class results, the file name in the dataset line.
    expect(r.stdout).toContain(`evil${SHOWN}`);
    expect(r.stdout).toContain('quoted\\x0dlabel');
    expect(r.stdout).toContain('data\\x1b[31m.csv');

    // A missing label column lists the header, escaped.
    const bad = await project(tempDir('dw-cli-'), 'bad', {
      source: 'csv',
      path: csv,
      labelColumn: 'nope',
      normalize: true,
      validationSplit: 0.1,
      seed: 1,
    });
    const e = await deepwire(['train', bad, '--cache-dir', join(dir, 'cache')], dir);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('DW404');
    expect(e.stderr).toContain(`'b${SHOWN}'`);
    expect(e.stdout + e.stderr).not.toMatch(RAW_CONTROL);
  });
});
