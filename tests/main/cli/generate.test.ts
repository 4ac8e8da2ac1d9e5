/**
 * `deepwire generate` through the real command (node bin/deepwire.js): a
 * briefly trained conditional GAN writes a labelled dataset (a PNG folder per
 * class, or IDX images + labels) that a classifier project then trains on,
 * also through the real command. Usage and project errors are numbered.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdx } from '../../../src/main/engine/datasets/idx.js';
import { decodePng } from '../../../src/main/engine/images/png.js';
import { GraphBuilder, layer, newProject, serializeProject } from '../../../src/shared/project/index.js';
import { tinyConditionalGan } from '../engine/gan/conditional-graphs.js';
import { trainedConditionalGan } from '../engine/gan/trained-conditional-gan.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'dw-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function deepwire(args: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin/deepwire.js'), ...args],
      { cwd: dir, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        done({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      },
    );
  });
}

const ganPath = join(dir, 'cgan.deepwire');

/** A small conditional GAN trained for 10 steps, saved as a project with its weights. */
beforeAll(async () => {
  writeFileSync(ganPath, serializeProject(await trainedConditionalGan(join(dir, 'cache'), 320)));
}, 60_000);

describe('deepwire generate', () => {
  it('writes a PNG folder per class that a classifier project trains on', async () => {
    const r = await deepwire(['generate', ganPath, '--count', '300', '--out', 'gen', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      count: number;
      classes: number;
      dataset: { source: string };
    };
    expect(summary).toMatchObject({
      event: 'done',
      count: 300,
      classes: 10,
      dataset: { source: 'image-folder', path: join(dir, 'gen') },
    });
    const folders = readdirSync(join(dir, 'gen')).sort();
    expect(folders).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const f of folders) expect(readdirSync(join(dir, 'gen', f))).toHaveLength(30);
    const png = decodePng(new Uint8Array(readFileSync(join(dir, 'gen', '7', readdirSync(join(dir, 'gen', '7'))[0]))));
    expect([png.width, png.height, png.channels]).toEqual([28, 28, 1]);

    const b = new GraphBuilder();
    b.chain(
      null,
      layer('Input', { shape: [28, 28, 1] }),
      layer('Flatten'),
      layer('Dense', { units: 10, activation: 'softmax' }),
    );
    const classifier = newProject('classifier', 'on generated digits', {
      graph: b.build(),
      dataset: { source: 'image-folder', path: 'gen', size: [28, 28], channels: 1, validationSplit: 0.1, seed: 42 },
      training: { epochs: 1, batchSize: 32 },
    });
    writeFileSync(join(dir, 'classifier.deepwire'), serializeProject(classifier));
    const t = await deepwire(['train', 'classifier.deepwire', '--json', '--cache-dir', join(dir, 'cache')]);
    expect(t.code, t.stderr).toBe(0);
    const end = JSON.parse(t.stdout.trim().split('\n').at(-1)!) as {
      event: string;
      reason: string;
      test_accuracy: number;
    };
    expect(end).toMatchObject({ event: 'done', reason: 'completed' });
    expect(end.test_accuracy).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('--format idx writes images and labels an idx dataset reads; bad input is numbered and exits 2', async () => {
    const r = await deepwire(['generate', ganPath, '-n', '50', '-o', 'idx', '-f', 'idx']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Generated 50 samples .*10 classes/);
    const images = parseIdx(new Uint8Array(readFileSync(join(dir, 'idx', 'images.idx'))), 'images');
    const labels = parseIdx(new Uint8Array(readFileSync(join(dir, 'idx', 'labels.idx'))), 'labels');
    expect(images.dims).toEqual([50, 28, 28]);
    expect(Array.from(labels.data).slice(0, 12)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);

    const again = await deepwire(['generate', ganPath, '-n', '5', '-o', 'idx']);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/DW801 .*idx exists and is not empty/)]);
    const untrained = join(dir, 'untrained.deepwire');
    writeFileSync(untrained, serializeProject(newProject('gan', 'untrained', { graph: tinyConditionalGan() })));
    const noWeights = await deepwire(['generate', untrained, '-n', '5', '-o', 'x']);
    expect([noWeights.code, noWeights.stderr]).toEqual([
      2,
      expect.stringMatching(/DW508 .*untrained\.deepwire has no trained weights/),
    ]);
    const badFormat = await deepwire(['generate', ganPath, '-n', '5', '-o', 'y', '-f', 'jpeg']);
    expect([badFormat.code, badFormat.stderr]).toEqual([
      2,
      expect.stringMatching(/DW801 .*--format must be png or idx/),
    ]);
  }, 60_000);
});
