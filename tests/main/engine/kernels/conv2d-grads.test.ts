import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compareKernel, randomTensor, rng } from './compare.js';

type Pad = 'valid' | 'same';
interface Geometry {
  x: [number, number, number, number];
  k: [number, number];
  out: number;
  strides: number | [number, number];
  pad: Pad;
}

// Stride 1, 2 and mixed; valid and same; 1, 2, 3, 8, 16 channels; batch 1 and >1; odd/even/non-square sizes.
const GEOMETRIES: Geometry[] = [
  { x: [1, 8, 8, 1], k: [3, 3], out: 4, strides: 1, pad: 'valid' },
  { x: [3, 7, 9, 3], k: [3, 3], out: 5, strides: 1, pad: 'same' },
  { x: [2, 9, 9, 8], k: [3, 3], out: 16, strides: 2, pad: 'valid' },
  { x: [2, 10, 7, 3], k: [3, 2], out: 4, strides: 2, pad: 'same' },
  { x: [4, 12, 11, 2], k: [5, 5], out: 3, strides: [2, 3], pad: 'same' },
  { x: [2, 10, 10, 16], k: [4, 4], out: 8, strides: 2, pad: 'valid' },
  { x: [5, 6, 6, 4], k: [1, 1], out: 6, strides: 1, pad: 'valid' },
  { x: [1, 11, 11, 3], k: [2, 2], out: 7, strides: 2, pad: 'same' },
  { x: [6, 14, 14, 1], k: [3, 3], out: 32, strides: 1, pad: 'valid' },
  // Few input channels, many filters (the filter gradient's other product order), with strides and padding.
  { x: [3, 11, 10, 1], k: [3, 3], out: 16, strides: 2, pad: 'same' },
  { x: [2, 9, 9, 2], k: [3, 3], out: 32, strides: [2, 1], pad: 'valid' },
  // ≥ 4 input channels: the input gradient by stride phases (DCGAN-like 5×5/2 same; taps missing a phase; stride > kernel).
  { x: [2, 14, 14, 8], k: [5, 5], out: 6, strides: 2, pad: 'same' },
  { x: [2, 9, 8, 4], k: [1, 1], out: 3, strides: 2, pad: 'valid' },
  { x: [3, 11, 13, 5], k: [3, 4], out: 7, strides: [2, 3], pad: 'same' },
  { x: [2, 7, 7, 6], k: [3, 3], out: 4, strides: 1, pad: 'same' },
  { x: [2, 8, 8, 4], k: [2, 2], out: 3, strides: 3, pad: 'valid' },
];

function outShape(g: Geometry): number[] {
  const info = tf.backend_util.computeConv2DInfo(g.x, [g.k[0], g.k[1], g.x[3], g.out], g.strides, 1, g.pad);
  return info.outShape;
}

describe('kernel pack: convolution gradients match the cpu backend', () => {
  it.each(GEOMETRIES)('Conv2DBackpropFilter x=%j', async (g) => {
    const rand = rng(11);
    const filterShape = [g.k[0], g.k[1], g.x[3], g.out];
    const r = await compareKernel('Conv2DBackpropFilter', {
      inputs: { x: randomTensor(g.x, rand), dy: randomTensor(outShape(g), rand) },
      attrs: { strides: g.strides, pad: g.pad, dataFormat: 'NHWC', filterShape },
    });
    expect(r.shape).toEqual(filterShape);
    expect(r.relError).toBeLessThan(1e-5);
  });

  it.each(GEOMETRIES)('Conv2DBackpropInput x=%j', async (g) => {
    const rand = rng(12);
    const r = await compareKernel('Conv2DBackpropInput', {
      inputs: { dy: randomTensor(outShape(g), rand), filter: randomTensor([g.k[0], g.k[1], g.x[3], g.out], rand) },
      attrs: { strides: g.strides, pad: g.pad, dataFormat: 'NHWC', inputShape: g.x },
    });
    expect(r.shape).toEqual(g.x);
    expect(r.relError).toBeLessThan(1e-5);
  });
});
