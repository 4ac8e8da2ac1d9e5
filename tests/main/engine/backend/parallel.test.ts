import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { DataParallelTrainer } from '../../../../src/main/engine/backend/parallel/trainer.js';
import { randomTensor, rng } from '../kernels/compare.js';

function smallCnn(): tf.LayersModel {
  const m = tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [8, 8, 1],
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 3,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  m.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

const trainers: DataParallelTrainer[] = [];
afterAll(async () => {
  for (const t of trainers) await t.close();
});

describe('data-parallel training on two threads', () => {
  it('follows the single-thread trajectory step for step, in split and single-thread steps (odd split 6/5)', async () => {
    await initBackend('wasm');
    const rand = rng(3);
    const x = tf.tensor4d(randomTensor([11, 8, 8, 1], rand).values, [11, 8, 8, 1]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
    const single = smallCnn();
    const parallel = smallCnn();
    parallel.setWeights(single.getWeights());
    const trainer = await DataParallelTrainer.start(parallel, 'wasm');
    trainers.push(trainer);
    // The adaptive schedule splits the first 3 steps, then alternates single-thread and split steps.
    for (let step = 0; step < 7; step++) {
      const want = (await single.trainOnBatch(x, y)) as number[];
      const got = await trainer.trainOnBatch(x, y);
      expect(got).toHaveLength(want.length);
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 5);
    }
    const a = single.getWeights().map((w) => w.dataSync());
    const b = parallel.getWeights().map((w) => w.dataSync());
    for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) expect(b[i][j]).toBeCloseTo(a[i][j], 5);
  });

  it('says why a model cannot be trained data-parallel', () => {
    const m = smallCnn();
    expect(DataParallelTrainer.unsuitable(m)).toBeNull();
    m.compile({ optimizer: 'sgd', loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.meanSquaredError(a, b) });
    expect(DataParallelTrainer.unsuitable(m)).toMatch(/loss is a function/);
  });

  it('turns a failed step into DW502 and refuses further steps', async () => {
    const model = smallCnn();
    const trainer = await DataParallelTrainer.start(model, 'wasm');
    trainers.push(trainer);
    const x = tf.zeros([4, 8, 8, 1]);
    const wrongLabels = tf.zeros([4, 5]); // the model has 3 classes
    await expect(trainer.trainOnBatch(x, wrongLabels)).rejects.toThrow();
    await expect(trainer.trainOnBatch(x, tf.zeros([4, 3]))).rejects.toMatchObject({ code: 'DW502' });
  });
});
