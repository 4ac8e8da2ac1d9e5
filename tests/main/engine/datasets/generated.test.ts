/**
 * The dataset option "add generated samples" (issue #13): a classifier's
 * training split is its first `labelledLimit` real samples plus N samples of
 * a conditional GAN project, labelled with the classes they were generated
 * for; validation and test stay real. Wrong GANs are numbered errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gather } from '../../../../src/main/engine/datasets/prepare.js';
import { loadDataset } from '../../../../src/main/engine/datasets/load.js';
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import { modelWeightsBlob } from '../../../../src/main/engine/weights.js';
import { chooseBackend } from '../../../../src/main/engine/train/backend.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { newProject, serializeProject } from '../../../../src/shared/project/index.js';
import type { DatasetConfig } from '../../../../src/shared/training/config.js';
import { tinyConditionalGan } from '../gan/conditional-graphs.js';
import { mlpGan } from '../gan/graphs.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-generated-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A GAN project with (initial) weights, as a trained one would be saved. */
function ganProject(file: string, graph: GraphDoc): string {
  const models = compileGan(graph, 'vanilla');
  const weights = modelWeightsBlob([models.generator, models.discriminator], graph);
  models.generator.dispose();
  models.discriminator.dispose();
  const path = join(dir, file);
  writeFileSync(path, serializeProject({ ...newProject('gan', file, { graph }), weights }));
  return path;
}

let conditional: string;
let unconditional: string;
beforeAll(async () => {
  await chooseBackend('wasm');
  conditional = ganProject('cgan.deepwire', tinyConditionalGan());
  unconditional = ganProject('gan.deepwire', mlpGan({ hidden: 16, latent: 8 }));
});

const mnist = (extra: Partial<DatasetConfig>): DatasetConfig =>
  ({ source: 'mnist', validationSplit: 0.1, seed: 42, ...extra }) as DatasetConfig;
const cacheDir = join(dir, 'cache');

describe('add generated samples', () => {
  it('trains on the first K real samples plus N generated ones, labelled by class; validation and test stay real', async () => {
    const plain = await loadDataset(mnist({ labelledLimit: 100 }), { kind: 'classifier', cacheDir });
    expect(plain.summary.trainSize).toBe(100);
    const ds = await loadDataset(mnist({ labelledLimit: 100, generated: { project: conditional, count: 250 } }), {
      kind: 'classifier',
      cacheDir,
    });
    expect(ds.summary.trainSize).toBe(350);
    expect(Array.from(ds.train.index.subarray(0, 100))).toEqual(Array.from(plain.train.index));
    expect([ds.summary.validationSize, ds.summary.testSize]).toEqual([
      plain.summary.validationSize,
      plain.summary.testSize,
    ]);
    const generated = gather(ds, ds.train, null, 100, 350);
    expect(Array.from(generated.y.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(generated.x.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(ds.raw.notes.at(-1)).toMatch(/100 real \+ 250 generated samples/);
    // A GAN project's own dataset ignores both options (labelledLimit is the SGAN's business).
    const gan = await loadDataset(mnist({ labelledLimit: 100 }), { kind: 'gan', cacheDir, limit: 500 });
    expect(gan.summary.trainSize).toBe(500);
  }, 30_000);

  it('refuses an unconditional GAN (DW134) and a missing project (DW401), naming them', async () => {
    await expect(
      loadDataset(mnist({ generated: { project: unconditional, count: 10 } }), { kind: 'classifier', cacheDir }),
    ).rejects.toMatchObject({
      code: 'DW134',
      detail: expect.stringMatching(/gan\.deepwire is not a conditional GAN/),
    });
    const missing = join(dir, 'nope.deepwire');
    await expect(
      loadDataset(mnist({ generated: { project: missing, count: 10 } }), { kind: 'classifier', cacheDir }),
    ).rejects.toMatchObject({
      code: 'DW401',
      detail: expect.stringContaining(missing),
    });
  }, 30_000);
});
