import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeExportModels, loadExportModels } from '../../../../src/main/engine/export/models.js';
import { loadTfjsModel, writeTfjsModel } from '../../../../src/main/engine/export/tfjs.js';
import { GRID_SEED_OFFSET } from '../../../../src/main/engine/gan/loop.js';
import { sampleLatent } from '../../../../src/main/engine/gan/noise.js';
import { GRID_SAMPLES, toUnitRange } from '../../../../src/main/engine/gan/samples.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { tileGrid } from '../../../../src/main/engine/images/grid.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { newProject } from '../../../../src/shared/project/create.js';
import { weightsSchema } from '../../../../src/shared/project/weights-schema.js';
import type { EventOf, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { mlpGan } from './graphs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dw-gan-export-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exporting a trained generator', () => {
  it('the TF.js generator written from the run’s weights draws exactly the run’s last sample grid', async () => {
    const graph = mlpGan({ hidden: 32 });
    const events: TrainingEvent[] = [];
    const seed = 42;
    await train(
      {
        runId: 'export',
        project: {
          kind: 'gan',
          graph,
          dataset: { source: 'mnist', validationSplit: 0.1, seed },
          training: { batchSize: 32, epochs: 1, seed },
          gan: { sampleEvery: 1000 },
        },
        backend: 'wasm',
        overrides: { limit: 320 },
        cacheDir: dir,
      },
      (e) => events.push(e),
      new RunControl(),
      { quality: false },
    );
    const done = events.at(-1) as EventOf<'done'>;
    expect(done.type).toBe('done');
    const lastGrid = events.filter((e): e is EventOf<'samples'> => e.type === 'samples').at(-1)!;

    // What the studio does: store the weights in the project, export the generator as TF.js, reload it.
    const project = { ...newProject('gan', 'export test', { graph }), weights: weightsSchema.parse(done.weights) };
    const exported = loadExportModels(project);
    expect(exported.trained).toBe(true);
    const generator = exported.models.find((m) => m.name === 'generator')!.model;
    const modelJson = await writeTfjsModel(generator, join(dir, 'generator'));
    disposeExportModels(exported);
    const reloaded = await loadTfjsModel(modelJson);

    // The run's fixed noise batch through the reloaded generator.
    const z = sampleLatent({ size: 100, distribution: 'normal' }, GRID_SAMPLES, seed + GRID_SEED_OFFSET);
    const images = tf.tidy(() => toUnitRange(reloaded.predict(z) as tf.Tensor, [0, 1]));
    const grid = tileGrid({ data: images.dataSync(), count: GRID_SAMPLES, height: 28, width: 28, channels: 1 });
    const maxDiff = Math.max(...grid.pixels.data.map((v, i) => Math.abs(v - lastGrid.grid.data[i])));
    expect(maxDiff).toBeLessThanOrEqual(1);
    tf.dispose([z, images]);
    reloaded.dispose();
  });
});
