/**
 * ReflectionPadding2D as a TF.js layer (TF.js has none): `tf.mirrorPad` in
 * 'reflect' mode over height and width. MirrorPad has a kernel on wasm and
 * cpu and a registered gradient in tfjs-core, so it trains everywhere.
 */
import * as tf from '@tensorflow/tfjs';
import { singleInput } from './single-input.js';

export interface ReflectionPadArgs {
  name: string;
  /** [top, bottom, left, right], or Keras's [[top, bottom], [left, right]] (from a saved config). */
  padding: readonly number[] | readonly (readonly number[])[];
}

export class ReflectionPadding2D extends tf.layers.Layer {
  static className = 'ReflectionPadding2D';
  private readonly padding: [number, number, number, number];

  constructor(args: ReflectionPadArgs) {
    super({ name: args.name });
    const [t, b, l, r] = args.padding.flat();
    this.padding = [t, b, l, r];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = singleInput<tf.Tensor4D>(inputs);
    const [t, b, l, r] = this.padding;
    return tf.mirrorPad(
      x,
      [
        [0, 0],
        [t, b],
        [l, r],
        [0, 0],
      ],
      'reflect',
    );
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [t, b, l, r] = this.padding;
    const grow = (d: number | null, a: number, c: number) => (d === null ? null : d + a + c);
    return [s[0], grow(s[1], t, b), grow(s[2], l, r), s[3]];
  }

  override getConfig(): tf.serialization.ConfigDict {
    const [t, b, l, r] = this.padding;
    return {
      ...super.getConfig(),
      padding: [
        [t, b],
        [l, r],
      ],
    };
  }
}

tf.serialization.registerClass(ReflectionPadding2D);
