/**
 * Identity on wasm shares its input's memory (as the cpu backend's does)
 * instead of copying it: TF.js clones every tensor a gradient saves, so the
 * stock copy moved every saved activation once more per training step.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';

describe('kernel pack: Identity', () => {
  it('a clone shares the memory, has the values, and outlives its source', async () => {
    await initBackend('wasm');
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const buffers = tf.backend().numDataIds();
    const y = tf.clone(x);
    expect(y.dataId).toBe(x.dataId);
    expect(tf.backend().numDataIds()).toBe(buffers); // no second buffer
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(y.shape).toEqual([2, 3]);
    y.dispose();
    expect(tf.backend().numDataIds()).toBe(buffers - 1);
  });

  it('a clone keeps its values when the variable it came from is assigned', async () => {
    await initBackend('wasm');
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const snapshot = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2, 3]);
    expect(Array.from(v.dataSync())).toEqual([7, 8, 9]);
    tf.dispose([v, snapshot]);
  });

  it('int32 and bool clones too; string tensors keep the stock kernel', async () => {
    await initBackend('wasm');
    const i = tf.clone(tf.tensor1d([1, -2], 'int32'));
    expect(Array.from(i.dataSync())).toEqual([1, -2]);
    const b = tf.clone(tf.tensor1d([true, false], 'bool'));
    expect(Array.from(b.dataSync())).toEqual([1, 0]);
    const s = tf.clone(tf.tensor1d(['a', 'b'], 'string'));
    expect(s.arraySync()).toEqual(['a', 'b']);
    tf.dispose([i, b, s]);
  });

  it('training steps (which clone what they save) leak no tensor and no buffer', async () => {
    await initBackend('wasm');
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [6], units: 8, activation: 'tanh' }), tf.layers.dense({ units: 2 })],
    });
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const x = tf.randomUniform([4, 6], 0, 1, 'float32', 1);
    const y = tf.randomUniform([4, 2], 0, 1, 'float32', 2);
    await model.trainOnBatch(x, y);
    const before = { ...tf.memory(), dataIds: tf.backend().numDataIds() };
    const profile = await tf.profile(async () => void (await model.trainOnBatch(x, y)));
    const identities = profile.kernels.filter((k) => k.name === 'Identity');
    expect(identities.length).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.backend().numDataIds()).toBe(before.dataIds);
    tf.dispose([x, y]);
    model.dispose();
  });
});
