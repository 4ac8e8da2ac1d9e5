import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { loadDataset, type LoadedDataset } from '../../../../src/main/engine/datasets/load.js';
import { createScorer, type QualityScorer } from '../../../../src/main/engine/quality/score.js';

let cacheDir: string;
let ds: LoadedDataset;
let scorer: QualityScorer;
const config = { source: 'mnist' as const, validationSplit: 0.1, seed: 42 };
const options = () => ({
  cacheDir,
  datasetKey: config,
  trainImages: 4000,
  epochs: 2,
  sampleSize: 400,
  splitSeed: 42,
  validationSplit: 0.1,
});

beforeAll(async () => {
  await initBackend('wasm');
  cacheDir = await mkdtemp(join(tmpdir(), 'dw-quality-'));
  ds = await loadDataset(config, { kind: 'gan', cacheDir, limit: 300 });
  scorer = await createScorer(ds, options());
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('quality score (Fréchet distance of feature-net features)', () => {
  it('trains a feature network that knows the digits', () => {
    expect(scorer.net.fromCache).toBe(false);
    expect(scorer.net.accuracy).toBeGreaterThan(0.85);
  });

  it('is near its floor for real images, larger for an untrained generator, far larger for noise', () => {
    const floor = scorer.realFloor;
    const realTrain = scorer.realImages('train', 400);
    const realScore = scorer.score(realTrain);
    // An untrained MLP generator: sigmoid(dense(relu(dense(z)))) gives grey speckle around 0.5.
    const untrained = tf.tidy(() => {
      const z = tf.randomNormal([400, 100], 0, 1, 'float32', 1);
      const h = tf.relu(tf.matMul(z, tf.randomNormal([100, 128], 0, 0.1, 'float32', 2)));
      return tf
        .sigmoid(tf.matMul(h, tf.randomNormal([128, 784], 0, 0.1, 'float32', 3)))
        .reshape([400, 28, 28, 1]) as tf.Tensor4D;
    });
    const noise = tf.randomUniform([400, 28, 28, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const untrainedScore = scorer.score(untrained);
    const noiseScore = scorer.score(noise);
    tf.dispose([realTrain, untrained, noise]);
    expect(floor).toBeGreaterThanOrEqual(0);
    expect(realScore).toBeLessThan(untrainedScore / 10);
    expect(floor).toBeLessThan(untrainedScore / 10);
    expect(noiseScore).toBeGreaterThan(floor * 20);
  });

  it('reloads the cached network instead of training again, with the same scores', async () => {
    expect((await readdir(join(cacheDir, 'quality'))).length).toBe(1);
    const again = await createScorer(ds, options());
    expect(again.net.fromCache).toBe(true);
    expect(again.realFloor).toBeCloseTo(scorer.realFloor, 4);
  });
});
