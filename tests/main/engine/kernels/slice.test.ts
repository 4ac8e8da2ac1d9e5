/**
 * Slice, SplitV and Unpack on wasm (the pack: straight from the heap, no
 * copy of the whole input per slice) give the cpu backend's results.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { PACK_KERNELS } from '../../../../src/main/engine/kernels/index.js';
import { rng } from './compare.js';

type Op = (x: tf.Tensor) => tf.Tensor[];

/** Each output's shape and values, on one backend. */
async function outputsOn(backend: 'wasm' | 'cpu', shape: number[], dtype: 'float32' | 'int32' | 'bool', op: Op) {
  await initBackend(backend);
  const rand = rng(shape.reduce((a, b) => a * 7 + b, 3));
  const values = Array.from({ length: tf.util.sizeFromShape(shape) }, () => Math.round((rand() * 2 - 1) * 1000));
  return tf.tidy(() => {
    const x = tf.tensor(dtype === 'bool' ? values.map((v) => v > 0) : values, shape, dtype);
    return op(x).map((t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }));
  });
}

const CASES: Array<[string, number[], Op]> = [
  ['Slice rows (contiguous)', [10, 6], (x) => [tf.slice(x, [3, 0], [4, 6])]],
  ['Slice columns', [10, 6], (x) => [tf.slice(x, [2, 1], [5, 3])]],
  ['Slice rank 4, size −1', [3, 5, 4, 6], (x) => [tf.slice(x, [1, 2, 0, 3], [-1, 2, 3, 2])]],
  ['Slice rank 5', [2, 3, 4, 2, 5], (x) => [tf.slice(x, [1, 0, 1, 1, 2], [1, 3, 2, 1, 3])]],
  ['Slice rank 1 and empty', [9], (x) => [tf.slice(x, [2], [5]), tf.slice(x, [4], [0])]],
  ['SplitV rows (time steps)', [28, 5], (x) => tf.split(x, 7, 0)],
  ['SplitV gates (last axis)', [4, 12], (x) => tf.split(x, 4, 1)],
  ['SplitV sizes, middle axis', [3, 9, 2], (x) => tf.split(x, [2, 4, 3], 1)],
  ['SplitV sizes with −1', [6, 10], (x) => tf.split(x, [3, -1, 2], 1)],
  ['Unpack axis 0', [4, 3, 2], (x) => tf.unstack(x, 0)],
  ['Unpack axis 1', [4, 5, 3], (x) => tf.unstack(x, 1)],
  ['Unpack last axis', [3, 2, 4], (x) => tf.unstack(x, 2)],
];

describe('kernel pack: Slice, SplitV, Unpack', () => {
  it('are part of the pack', () => {
    expect(Object.keys(PACK_KERNELS)).toEqual(expect.arrayContaining(['Slice', 'SplitV', 'Unpack']));
  });

  for (const dtype of ['float32', 'int32', 'bool'] as const) {
    it.each(CASES)(`%s (${dtype})`, async (_name, shape, op) => {
      const wasm = await outputsOn('wasm', shape, dtype, op);
      const cpu = await outputsOn('cpu', shape, dtype, op);
      expect(wasm).toEqual(cpu);
    });
  }

  it('strings keep the stock kernels', async () => {
    await initBackend('wasm');
    const x = tf.tensor2d([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(tf.slice(x, [1, 0], [1, 2]).arraySync()).toEqual([['c', 'd']]);
    expect(tf.unstack(x).map((t) => t.arraySync())).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    tf.disposeVariables();
  });

  it('leaves no buffer behind', async () => {
    await initBackend('wasm');
    const x = tf.randomNormal([28, 64, 16]);
    const before = tf.backend().numDataIds();
    tf.dispose([...tf.unstack(x, 1), ...tf.split(x, 4, 2), tf.slice(x, [1, 2, 3], [3, 4, 5])]);
    expect(tf.backend().numDataIds()).toBe(before);
    x.dispose();
  });
});
