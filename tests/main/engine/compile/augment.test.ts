/**
 * The random augmentations and Normalization as TF.js layers: the warp samples exactly as TF's
 * ImageProjectiveTransformV3 (tf.image.transform on cpu) for every fill mode and interpolation, the layers
 * are the identity outside training, draw repeatably from their seed, keep the gradient, and Normalization
 * computes Keras's (x − mean) / max(√variance, 1e-7).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { warpImages, type FillMode, type Interpolation } from '../../../../src/main/engine/compile/layers/augment.js';
import {
  KerasNormalization,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
} from '../../../../src/main/engine/compile/layers/index.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const image = (seed = 1) => tf.randomUniform([2, 7, 9, 3], -1, 1, 'float32', seed) as tf.Tensor4D;
const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe('warpImages samples as tf.image.transform', () => {
  // A rotation with a shift and a zoom (per image), all reaching outside the image. No point lands on a half:
  // there nearest rounding differs (TF's std::round goes away from zero, TF.js's Math.round up; Deepwire is TF's).
  const transforms = Float32Array.from([
    ...[0.8, -0.6, 3.1, 0.6, 0.8, -1.63, 0, 0],
    ...[1.3, 0, -2.23, 0, 0.7, 2.37, 0, 0],
  ]);
  const modes: FillMode[] = ['reflect', 'wrap', 'constant', 'nearest'];
  const interpolations: Interpolation[] = ['bilinear', 'nearest'];
  for (const fillMode of modes) {
    for (const interpolation of interpolations) {
      it(`${fillMode}, ${interpolation}`, () => {
        const x = image();
        const ours = warpImages(x, transforms, { fillMode, interpolation, fillValue: 0.25 });
        // One image at a time: TF.js 4.22's cpu Transform returns after the first image of a batch.
        for (const b of [0, 1]) {
          const one = x.slice([b], [1]);
          const theirs = tf.image.transform(
            one,
            tf.tensor2d(transforms.slice(8 * b, 8 * b + 8), [1, 8]),
            interpolation,
            fillMode,
            0.25,
          );
          expect(maxDiff(ours.slice([b], [1]), theirs)).toBeLessThan(1e-5);
        }
      });
    }
  }

  it('passes the gradient back to the image (tf.image.transform has none)', () => {
    const x = image();
    const g = tf.grad((v: tf.Tensor) =>
      tf.sum(
        warpImages(v as tf.Tensor4D, transforms, { fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0 }),
      ),
    )(x);
    // Each output pixel's bilinear weights sum to 1, so the gradient sums to the number of output values.
    expect(tf.sum(g).dataSync()[0]).toBeCloseTo(2 * 7 * 9 * 3, 2);
  });
});

describe('the augmentation layers', () => {
  const layers = () => [
    new RandomFlip({ mode: 'horizontal_and_vertical', seed: 11 }),
    new RandomRotation({ factor: 0.2, seed: 11 }),
    new RandomTranslation({ heightFactor: 0.2, widthFactor: 0.2, seed: 11 }),
    new RandomZoom({ heightFactor: 0.3, seed: 11 }),
  ];

  it('are the identity outside training and change the images while training', () => {
    const x = tf.randomUniform([8, 7, 9, 3], -1, 1, 'float32', 2) as tf.Tensor4D;
    for (const layer of layers()) {
      expect(maxDiff(layer.apply(x, { training: false }) as tf.Tensor, x)).toBe(0);
      expect(maxDiff(layer.apply(x, { training: true }) as tf.Tensor, x), layer.getClassName()).toBeGreaterThan(0.01);
    }
  });

  it('draw the same augmentations from the same seed, and new ones on each call', () => {
    const x = image(3);
    const [a, b] = [layers(), layers()];
    a.forEach((layer, i) => {
      const first = layer.apply(x, { training: true }) as tf.Tensor;
      expect(maxDiff(first, b[i].apply(x, { training: true }) as tf.Tensor)).toBe(0);
      expect(maxDiff(first, layer.apply(x, { training: true }) as tf.Tensor)).toBeGreaterThan(0);
    });
  });

  it('RandomFlip flips whole images: each output is the image, or it reversed along width', () => {
    const x = tf.randomUniform([16, 4, 5, 2], 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = new RandomFlip({ mode: 'horizontal', seed: 5 }).apply(x, { training: true }) as tf.Tensor4D;
    const flipped = tf.reverse(x, 2);
    let flips = 0;
    for (let i = 0; i < 16; i++) {
      const yi = y.slice([i], [1]);
      const same = maxDiff(yi, x.slice([i], [1])) === 0;
      const rev = maxDiff(yi, flipped.slice([i], [1])) === 0;
      expect(same || rev).toBe(true);
      if (rev) flips++;
    }
    expect(flips).toBeGreaterThan(2);
    expect(flips).toBeLessThan(14);
  });

  it("tf.keras's rotation matrix at a quarter turn rotates a square image about its centre", () => {
    // cos 0, sin 1: [cos, −sin, x offset, sin, cos, y offset] with the offsets of get_rotation_matrix (w = h = 3).
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const ours = warpImages(x, Float32Array.from([0, -1, 2, 1, 0, 0, 0, 0]), {
      fillMode: 'constant',
      interpolation: 'nearest',
      fillValue: 0,
    });
    expect(Array.from(ours.dataSync())).toEqual([3, 6, 9, 2, 5, 8, 1, 4, 7]);
  });

  it('factors of 0 leave the images as they are, even while training', () => {
    const x = image(5);
    const still = [
      new RandomRotation({ factor: 0 }),
      new RandomTranslation({ heightFactor: 0, widthFactor: 0 }),
      new RandomZoom({ heightFactor: 0, widthFactor: 0 }),
    ];
    for (const layer of still) expect(maxDiff(layer.apply(x, { training: true }) as tf.Tensor, x)).toBeLessThan(1e-5);
  });
});

describe('Normalization', () => {
  it("is Keras's (x − mean) / max(√variance, 1e-7), with 2C + 1 non-trainable weights", () => {
    const layer = new KerasNormalization({ name: 'norm' });
    const x = tf.tensor2d([
      [1, 2, 3],
      [4, 6, 8],
    ]);
    layer.apply(x);
    expect(layer.trainableWeights).toHaveLength(0);
    expect(layer.nonTrainableWeights.map((w) => w.shape)).toEqual([[3], [3], []]);
    layer.setWeights([tf.tensor1d([1, 2, 3]), tf.tensor1d([4, 0, 0.25]), tf.scalar(10)]);
    const y = layer.apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync()).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([0, 0, 0, 1.5, 4e7, 10]);
  });
});
