/**
 * Keras's random image augmentations as TF.js layers (TF.js 4.22 has none of them): active while training,
 * the identity otherwise. The draws come from a seeded generator per layer (the compile's seed sequence), one
 * set per call, so a run is repeatable; the distributions and transform matrices are tf.keras 2's.
 *
 * Rotation, translation and zoom move each image by an affine map and sample it as TF's
 * ImageProjectiveTransformV3 does (tf.image.transform: the same fill modes and interpolations), but with
 * gathers weighted on the CPU-computed coordinates, so the gradient flows back to the input (tf.image.transform
 * has none) on every backend. RandomFlip is tf.reverse chosen per image.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';
import { seededRandom } from '../../datasets/rng.js';

export type FillMode = 'reflect' | 'wrap' | 'constant' | 'nearest';
export type Interpolation = 'bilinear' | 'nearest';

/** TF's map_coord (image_ops.h): an output coordinate outside [0, len − 1] mapped into the image per fill mode. */
export function mapCoordinate(c: number, len: number, mode: FillMode): number {
  let v = c;
  if (mode === 'reflect') {
    if (v < 0) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * len;
        if (v < sz2) v = sz2 * Math.trunc(-v / sz2) + v;
        v = v < -len ? v + sz2 : -v - 1;
      }
    } else if (v > len - 1) {
      if (len <= 1) v = 0;
      else {
        const sz2 = 2 * len;
        v -= sz2 * Math.trunc(v / sz2);
        if (v >= len) v = sz2 - v - 1;
      }
    }
  } else if (mode === 'wrap') {
    if (v < 0) {
      if (len <= 1) v = 0;
      else v += len * (Math.trunc(-v / (len - 1)) + 1);
    } else if (v > len - 1) {
      if (len <= 1) v = 0;
      else v -= len * Math.trunc(v / (len - 1));
    }
  } else if (mode === 'constant') {
    return v;
  }
  return Math.min(Math.max(v, 0), len - 1);
}

/** std::round: halves away from zero. */
const roundHalfAway = (v: number): number => Math.sign(v) * Math.round(Math.abs(v));

interface Warp {
  fillMode: FillMode;
  interpolation: Interpolation;
  fillValue: number;
}

/**
 * Samples images x [N, H, W, C] at the points each output pixel maps to: `transforms` holds 8 numbers per image
 * [a0, a1, a2, b0, b1, b2, c0, c1], output (x, y) -> input ((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k),
 * k = c0·x + c1·y + 1, as tf.image.transform reads them. Differentiable in x.
 */
export function warpImages(x: tf.Tensor4D, transforms: Float32Array, warp: Warp): tf.Tensor4D {
  const [n, h, w, ch] = x.shape;
  const pixels = n * h * w;
  const taps = warp.interpolation === 'bilinear' ? 4 : 1;
  const index = Array.from({ length: taps }, () => new Int32Array(pixels));
  const weight = Array.from({ length: taps }, () => new Float32Array(pixels));
  const fill = new Float32Array(pixels);
  let p = 0;
  for (let b = 0; b < n; b++) {
    const [a0, a1, a2, b0, b1, b2, c0, c1] = transforms.subarray(8 * b, 8 * b + 8);
    for (let y = 0; y < h; y++) {
      for (let xo = 0; xo < w; xo++, p++) {
        const k = c0 * xo + c1 * y + 1;
        const inX = mapCoordinate((a0 * xo + a1 * y + a2) / k, w, warp.fillMode);
        const inY = mapCoordinate((b0 * xo + b1 * y + b2) / k, h, warp.fillMode);
        const tap = (t: number, yy: number, xx: number, wt: number) => {
          if (yy < 0 || yy > h - 1 || xx < 0 || xx > w - 1) fill[p] += wt * warp.fillValue;
          else {
            index[t][p] = (b * h + yy) * w + xx;
            weight[t][p] = wt;
          }
        };
        if (taps === 1) {
          tap(0, roundHalfAway(inY), roundHalfAway(inX), 1);
        } else {
          const y0 = Math.floor(inY);
          const x0 = Math.floor(inX);
          const dy = inY - y0;
          const dx = inX - x0;
          tap(0, y0, x0, (1 - dy) * (1 - dx));
          tap(1, y0, x0 + 1, (1 - dy) * dx);
          tap(2, y0 + 1, x0, dy * (1 - dx));
          tap(3, y0 + 1, x0 + 1, dy * dx);
        }
      }
    }
  }
  return tf.tidy(() => {
    const flat = tf.reshape(x, [pixels, ch]);
    let out: tf.Tensor = tf.tile(tf.tensor2d(fill, [pixels, 1]), [1, ch]);
    for (let t = 0; t < taps; t++) {
      const gathered = tf.gather(flat, tf.tensor1d(index[t], 'int32'));
      out = tf.add(out, tf.mul(gathered, tf.tensor2d(weight[t], [pixels, 1])));
    }
    return tf.reshape(out, [n, h, w, ch]) as tf.Tensor4D;
  });
}

/** A uniform draw in [lo, hi). */
const uniform = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();

/** What every augmentation layer shares: the seeded draws and the training-only switch. */
abstract class RandomImageLayer extends tf.layers.Layer {
  protected readonly random: () => number;

  /** `seed` is the run's (not part of the config: a loaded model draws from a fixed one). */
  constructor(args: { name?: string; seed?: number }) {
    super({ name: args.name });
    this.random = seededRandom(args.seed ?? 1337);
  }

  protected abstract augment(x: tf.Tensor4D): tf.Tensor4D;

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = singleInput<tf.Tensor4D>(inputs);
    return kwargs.training ? this.augment(x) : x;
  }
}

export type FlipMode = 'horizontal_and_vertical' | 'horizontal' | 'vertical';

export class RandomFlip extends RandomImageLayer {
  static className = 'RandomFlip';
  private readonly mode: FlipMode;

  constructor(args: { name?: string; seed?: number; mode: FlipMode }) {
    super(args);
    this.mode = args.mode;
  }

  protected augment(x: tf.Tensor4D): tf.Tensor4D {
    const n = x.shape[0];
    const axes: (1 | 2)[] = this.mode === 'horizontal' ? [2] : this.mode === 'vertical' ? [1] : [2, 1];
    // Keras flips left-right first, then top-bottom, each image with probability 1/2.
    const draws = axes.map(() => Array.from({ length: n }, () => this.random() < 0.5));
    return tf.tidy(() =>
      axes.reduce((y, axis, i) => {
        const mask = tf.tensor4d(
          draws[i].map((d) => (d ? 1 : 0)),
          [n, 1, 1, 1],
        );
        return tf.add(tf.mul(mask, tf.reverse(y, axis)), tf.mul(tf.sub(1, mask), y)) as tf.Tensor4D;
      }, x),
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode };
  }
}

interface WarpArgs {
  name?: string;
  seed?: number;
  fillMode?: FillMode;
  interpolation?: Interpolation;
  fillValue?: number;
}

/** Rotation, translation and zoom: an affine map per image, drawn by `transforms`. */
abstract class AffineImageLayer extends RandomImageLayer {
  protected readonly warp: Warp;

  constructor(args: WarpArgs) {
    super(args);
    this.warp = {
      fillMode: args.fillMode ?? 'reflect',
      interpolation: args.interpolation ?? 'bilinear',
      fillValue: args.fillValue ?? 0,
    };
  }

  /** 8 numbers per image, as warpImages reads them. */
  protected abstract transforms(n: number, h: number, w: number): Float32Array;

  protected augment(x: tf.Tensor4D): tf.Tensor4D {
    const [n, h, w] = x.shape;
    return warpImages(x, this.transforms(n, h, w), this.warp);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), ...this.warp };
  }
}

export class RandomRotation extends AffineImageLayer {
  static className = 'RandomRotation';
  private readonly factor: number;

  constructor(args: WarpArgs & { factor: number }) {
    super(args);
    this.factor = args.factor;
  }

  /** tf.keras's get_rotation_matrix: about the image centre, angle uniform in ±factor·2π. */
  protected transforms(n: number, h: number, w: number): Float32Array {
    const out = new Float32Array(8 * n);
    for (let b = 0; b < n; b++) {
      const angle = uniform(this.random, -this.factor * 2 * Math.PI, this.factor * 2 * Math.PI);
      const cos = Math.cos(angle);
      const sin = Math.sin(angle);
      const xOffset = (w - 1 - (cos * (w - 1) - sin * (h - 1))) / 2;
      const yOffset = (h - 1 - (sin * (w - 1) + cos * (h - 1))) / 2;
      out.set([cos, -sin, xOffset, sin, cos, yOffset, 0, 0], 8 * b);
    }
    return out;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factor: this.factor };
  }
}

export class RandomTranslation extends AffineImageLayer {
  static className = 'RandomTranslation';
  private readonly heightFactor: number;
  private readonly widthFactor: number;

  constructor(args: WarpArgs & { heightFactor: number; widthFactor: number }) {
    super(args);
    this.heightFactor = args.heightFactor;
    this.widthFactor = args.widthFactor;
  }

  /** tf.keras's get_translation_matrix: shifts uniform in ±factor × the side. */
  protected transforms(n: number, h: number, w: number): Float32Array {
    const out = new Float32Array(8 * n);
    for (let b = 0; b < n; b++) {
      const dy = uniform(this.random, -this.heightFactor * h, this.heightFactor * h);
      const dx = uniform(this.random, -this.widthFactor * w, this.widthFactor * w);
      out.set([1, 0, -dx, 0, 1, -dy, 0, 0], 8 * b);
    }
    return out;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heightFactor: this.heightFactor, widthFactor: this.widthFactor };
  }
}

export class RandomZoom extends AffineImageLayer {
  static className = 'RandomZoom';
  private readonly heightFactor: number;
  /** Negative: the height's draw (Keras's width_factor None). */
  private readonly widthFactor: number;

  constructor(args: WarpArgs & { heightFactor: number; widthFactor?: number | null }) {
    super(args);
    this.heightFactor = args.heightFactor;
    this.widthFactor = args.widthFactor ?? -1;
  }

  /** tf.keras's get_zoom_matrix: scales 1 + z about the centre, z uniform in ±factor (positive zooms out). */
  protected transforms(n: number, h: number, w: number): Float32Array {
    const out = new Float32Array(8 * n);
    for (let b = 0; b < n; b++) {
      const zy = uniform(this.random, 1 - this.heightFactor, 1 + this.heightFactor);
      const zx = this.widthFactor < 0 ? zy : uniform(this.random, 1 - this.widthFactor, 1 + this.widthFactor);
      out.set([zx, 0, ((w - 1) / 2) * (1 - zx), 0, zy, ((h - 1) / 2) * (1 - zy), 0, 0], 8 * b);
    }
    return out;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      heightFactor: this.heightFactor,
      widthFactor: this.widthFactor < 0 ? null : this.widthFactor,
    };
  }
}

for (const cls of [RandomFlip, RandomRotation, RandomTranslation, RandomZoom]) tf.serialization.registerClass(cls);
