/**
 * Semi-supervised GAN (Salimans et al. 2016): a K + 1-output discriminator
 * trained from the first L labels and all images, reporting its test accuracy
 * beside the same network trained on the L labels alone.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SemiSupervisedHead, classLoss, LabelledBatches } from '../../../../src/main/engine/gan/sgan.js';
import { train } from '../../../../src/main/engine/train/train.js';
import { chooseBackend } from '../../../../src/main/engine/train/backend.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import {
  trainingEventSchema,
  type EventOf,
  type RunRequest,
  type TrainingEvent,
} from '../../../../src/shared/training/protocol.js';
import { mlpGan } from './graphs.js';

let cacheDir: string;
beforeAll(async () => {
  await chooseBackend('wasm');
  cacheDir = await mkdtemp(join(tmpdir(), 'dw-sgan-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function run(dUnits: number) {
  const req: RunRequest = {
    runId: 'sgan-test',
    project: {
      kind: 'gan',
      graph: mlpGan({ hidden: 64, latent: 16, dUnits, dOut: 'softmax' }),
      dataset: { source: 'mnist', validationSplit: 0.1, seed: 42, labelledLimit: 100 },
      training: { batchSize: 32, epochs: 2, seed: 42 },
      gan: { semiSupervised: true, sampleEvery: 100 },
    },
    backend: 'wasm',
    overrides: { limit: 640 },
    cacheDir,
  };
  const events: TrainingEvent[] = [];
  await train(req, (e) => events.push(trainingEventSchema.parse(e)), new RunControl(), { quality: false });
  return events;
}

describe('semi-supervised GAN', () => {
  it('losses in logits equal the probabilities they stand for', () => {
    const l = tf.tensor2d([
      [1, 2, 0.5],
      [0, -1, 3],
    ]); // K = 2 classes + fake
    const p = tf.softmax(l).arraySync() as number[][];
    const head = new SemiSupervisedHead(
      2,
      new LabelledBatches({ x: new Float32Array(1), y: new Int32Array(1), count: 1, shape: [1] }, 1, 1),
    );
    const notFake = p.map((r) => -Math.log(1 - r[2]));
    expect(head.generatorLoss(l).dataSync()[0]).toBeCloseTo((notFake[0] + notFake[1]) / 2, 5);
    expect(head.shown(l).dataSync()[0]).toBeCloseTo((1 - p[0][2] + 1 - p[1][2]) / 2, 5);
    expect(classLoss(l, tf.tensor1d([1, 0], 'int32')).dataSync()[0]).toBeCloseTo(
      (-Math.log(p[0][1]) - Math.log(p[1][0])) / 2,
      5,
    );
  });

  it('trains from the first 100 labels and reports its test accuracy and the supervised baseline’s', async () => {
    const events = await run(11);
    const done = events.at(-1) as EventOf<'done'>;
    expect(done).toMatchObject({ type: 'done', reason: 'completed' });
    const { testAccuracy, supervised_baseline_accuracy: baseline } = done.metrics;
    // Ten classes: chance is 10%; after 40 updates from 100 labels both are at least twice that (27.7% and 41.5% here).
    expect(testAccuracy).toBeGreaterThan(0.2);
    expect(baseline).toBeGreaterThan(0.2);
    const log = events.filter((e): e is EventOf<'log'> => e.type === 'log').map((e) => e.message);
    expect(log.some((m) => /first 100 labels and all 640 training images/.test(m))).toBe(true);
    expect(
      log.some((m) =>
        /Test accuracy from 100 labels: semi-supervised GAN [\d.]+%, the same network trained on the labels alone [\d.]+%/.test(
          m,
        ),
      ),
    ).toBe(true);
  }, 60_000);

  it('refuses a discriminator without K + 1 outputs (DW134)', async () => {
    const last = (await run(10)).at(-1) as EventOf<'error'>;
    expect(last).toMatchObject({ type: 'error', code: 'DW134' });
    expect(last.message).toMatch(/outputs 10 scores; .* needs 11 \(classes \+ fake\)/);
  });
});
