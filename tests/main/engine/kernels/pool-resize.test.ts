import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { compareKernel, randomTensor, rng } from './compare.js';

describe('kernel pack: AvgPoolGrad matches the cpu backend', () => {
  const cases = [
    { x: [2, 8, 8, 4], filterSize: 2, strides: 2, pad: 'valid' },
    { x: [3, 9, 7, 5], filterSize: 3, strides: 2, pad: 'same' },
    { x: [1, 6, 6, 2], filterSize: [3, 2], strides: 1, pad: 'valid' },
    { x: [2, 5, 5, 3], filterSize: 3, strides: [1, 2], pad: 'same' },
  ];
  it.each(cases)('%j', async (c) => {
    const rand = rng(81);
    const info = tf.backend_util.computePool2DInfo(
      c.x as [number, number, number, number],
      c.filterSize as number,
      c.strides as number,
      1,
      c.pad as 'same',
    );
    const r = await compareKernel('AvgPoolGrad', {
      inputs: { dy: randomTensor(info.outShape, rand), input: randomTensor(c.x, rand) },
      attrs: { filterSize: c.filterSize, strides: c.strides, pad: c.pad },
    });
    expect(r.shape).toEqual(c.x);
    expect(r.relError).toBeLessThan(1e-5);
  });
});

/**
 * The reference is built from the forward resize on the cpu backend (its
 * backward kernel is wrong for batch > 1 in TF.js 4.22): resizing a tensor of
 * unique values reveals which source pixel each output pixel copied, and the
 * gradient is dy scatter-added onto those sources.
 */
function referenceGrad(
  shape: number[],
  size: [number, number],
  attrs: { alignCorners: boolean; halfPixelCenters: boolean },
  dy: Float32Array,
): Float32Array {
  const [B, H, W, C] = shape;
  const ids = tf.tensor4d(
    Float32Array.from({ length: B * H * W * C }, (_, i) => i),
    [B, H, W, C],
  );
  const src = tf.image.resizeNearestNeighbor(ids, size, attrs.alignCorners, attrs.halfPixelCenters).dataSync();
  const dx = new Float32Array(B * H * W * C);
  src.forEach((from, i) => (dx[from] += dy[i]));
  return dx;
}

// Stock wasm is wrong with halfPixelCenters and cpu with batch > 1, so the reference comes from the forward op.
describe('kernel pack: ResizeNearestNeighborGrad (UpSampling2D nearest) against a forward-derived reference', () => {
  const cases = [
    { shape: [2, 5, 6, 3], size: [10, 12], alignCorners: false, halfPixelCenters: false },
    { shape: [3, 4, 4, 2], size: [7, 9], alignCorners: false, halfPixelCenters: true },
    { shape: [2, 4, 5, 4], size: [8, 9], alignCorners: true, halfPixelCenters: false },
    { shape: [1, 6, 6, 1], size: [4, 3], alignCorners: false, halfPixelCenters: false }, // downsampling
  ] as const;
  it.each(cases)('%j', async (c) => {
    await initBackend('cpu');
    const dy = randomTensor([c.shape[0], c.size[0], c.size[1], c.shape[3]], rng(91));
    const want = referenceGrad([...c.shape], [c.size[0], c.size[1]], c, dy.values);
    await initBackend('wasm');
    const got = tf
      .engine()
      .runKernel(
        'ResizeNearestNeighborGrad',
        { images: tf.zeros([...c.shape]), dy: tf.tensor(dy.values, dy.shape) },
        { alignCorners: c.alignCorners, halfPixelCenters: c.halfPixelCenters },
      ) as tf.Tensor;
    expect(got.shape).toEqual([...c.shape]);
    const g = got.dataSync();
    const den = Math.max(...want.map(Math.abs));
    expect(Math.max(...want.map((v, i) => Math.abs(v - g[i]))) / den).toBeLessThan(1e-5);
  });
});
