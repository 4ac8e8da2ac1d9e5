import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { sampleGridPng } from '../../../../src/main/engine/export/samples.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { decodePng } from '../../../../src/main/engine/images/png.js';
import { newProject, parseProject } from '../../../../src/shared/project/index.js';
import { readFileSync } from 'node:fs';
import { chooseBackend } from '../../../../src/main/engine/train/backend.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import {
  trainingEventSchema,
  type EventOf,
  type RunRequest,
  type TrainingEvent,
} from '../../../../src/shared/training/protocol.js';
import { tinyConditionalGan } from './conditional-graphs.js';

let cacheDir: string;
beforeAll(async () => {
  await chooseBackend('wasm');
  cacheDir = await mkdtemp(join(tmpdir(), 'dw-cgan-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function run(graph: GraphDoc, quality: boolean, limit = 320) {
  const req: RunRequest = {
    runId: 'cgan-test',
    project: {
      kind: 'gan',
      graph,
      dataset: { source: 'mnist', validationSplit: 0.1, seed: 42 },
      training: { batchSize: 32, epochs: 1, seed: 42 },
      gan: { sampleEvery: 5 },
    },
    backend: 'wasm',
    overrides: { limit },
    cacheDir,
  };
  const events: TrainingEvent[] = [];
  await train(req, (e) => events.push(trainingEventSchema.parse(e)), new RunControl(), {
    quality: quality ? { trainImages: 2000, epochs: 1, sampleSize: 200 } : false,
  });
  const of = <T extends TrainingEvent['type']>(t: T) => events.filter((e): e is EventOf<T> => e.type === t);
  return { of, last: events[events.length - 1] };
}

describe('conditional GAN training', () => {
  it('trains with real labels for D and random labels for G: finite losses, a 10-row grid, conditional accuracy', async () => {
    const { of, last } = await run(tinyConditionalGan(), true);
    expect(last).toMatchObject({ type: 'done', reason: 'completed' });
    for (const p of of('gan-batch'))
      expect([p.logs.d_loss, p.logs.g_loss, p.logs.d_real, p.logs.d_fake].every(Number.isFinite)).toBe(true);
    const grids = of('samples');
    expect(grids.length).toBeGreaterThan(1);
    for (const g of grids) expect([g.rows, g.columns]).toEqual([10, 10]);
    const epoch = of('epoch')[0];
    expect(epoch.logs.conditional_accuracy).toBeGreaterThanOrEqual(0);
    expect(epoch.logs.conditional_accuracy).toBeLessThanOrEqual(1);
    const done = last as EventOf<'done'>;
    expect(done.metrics.conditional_accuracy).toBe(epoch.logs.conditional_accuracy);
    expect(Number.isFinite(done.metrics.frechet)).toBe(true);
  }, 60_000);

  it('refuses label Embeddings that do not know the dataset’s classes (DW134)', async () => {
    const { last } = await run(tinyConditionalGan(7), false);
    expect(last).toMatchObject({ type: 'error', code: 'DW134' });
    expect((last as EventOf<'error'>).message).toMatch(/know 7 classes, but MNIST has 10/);
  });

  it('export --format samples draws a conditional generator, feeding it class labels', () => {
    const models = loadExportModels(newProject('gan', 'cgan', { graph: tinyConditionalGan() }));
    try {
      const png = decodePng(sampleGridPng(models.models, { count: 20 }));
      expect([png.width, png.height]).toEqual([5 * 28 + 6 * 2, 4 * 28 + 5 * 2]);
    } finally {
      disposeExportModels(models);
    }
  });

  it('the cdcgan-mnist template trains a few real steps: finite losses, one grid row per class', async () => {
    const { project } = parseProject(readFileSync('resources/examples/cdcgan-mnist.deepwire', 'utf8'));
    const { of, last } = await run(project.graph, false, 96);
    expect(last).toMatchObject({ type: 'done', reason: 'completed' });
    for (const p of of('gan-batch')) expect([p.logs.d_loss, p.logs.g_loss].every(Number.isFinite)).toBe(true);
    const grid = of('samples').at(-1)!;
    expect([grid.rows, grid.columns, grid.grid.width, grid.grid.height]).toEqual([10, 10, 302, 302]);
  }, 60_000);
});
