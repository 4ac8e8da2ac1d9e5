/** The CycleGAN trainer's parts: the history buffer, the learning-rate schedule and the domain transform. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../src/shared/random.js';
import { invertThick } from '../../../../../src/main/engine/gan/cycle/domains.js';
import { ImageHistory } from '../../../../../src/main/engine/gan/cycle/history.js';
import { decayedRate } from '../../../../../src/main/engine/gan/cycle/train-cycle.js';

describe('ImageHistory', () => {
  it('passes images through until full, then mixes in stored ones, never holding more than its size', async () => {
    await tf.setBackend('cpu');
    const history = new ImageHistory(3, seededRandom(1));
    const batch = (v: number) => tf.fill([2, 1, 1, 1], v);
    const first = history.query(batch(1));
    expect(Array.from(first.dataSync())).toEqual([1, 1]);
    history.query(batch(2));
    expect(history.stored).toBe(3);
    const seen = new Set<number>();
    for (let i = 3; i < 40; i++) for (const v of history.query(batch(i)).dataSync()) seen.add(v);
    expect(history.stored).toBe(3);
    // Some outputs are older images from the buffer, some the new ones.
    expect([...seen].some((v) => v < 10)).toBe(true);
    expect([...seen].some((v) => v > 30)).toBe(true);
  });

  it('with size 0 is the identity', async () => {
    await tf.setBackend('cpu');
    const history = new ImageHistory(0, seededRandom(1));
    expect(Array.from(history.query(tf.tensor4d([5, 6], [2, 1, 1, 1])).dataSync())).toEqual([5, 6]);
  });
});

describe('decayedRate', () => {
  it('is constant for the first half, then falls linearly to 0 at the last step', () => {
    expect(decayedRate(2e-4, 1, 100, 0.5)).toBe(2e-4);
    expect(decayedRate(2e-4, 50, 100, 0.5)).toBe(2e-4);
    expect(decayedRate(2e-4, 75, 100, 0.5)).toBeCloseTo(1e-4, 12);
    expect(decayedRate(2e-4, 100, 100, 0.5)).toBe(0);
  });
});

describe('invertThick (domain B of the built-in pair)', () => {
  it('thickens strokes with a 3×3 max filter, then inverts', () => {
    const src = new Uint8Array(25);
    src[12] = 200; // the centre of a 5×5 image
    const out = invertThick(src, 1, 5, 5);
    const rows = Array.from({ length: 5 }, (_, y) => Array.from(out.slice(y * 5, y * 5 + 5)));
    expect(rows).toEqual([
      [255, 255, 255, 255, 255],
      [255, 55, 55, 55, 255],
      [255, 55, 55, 55, 255],
      [255, 55, 55, 55, 255],
      [255, 255, 255, 255, 255],
    ]);
  });
});
