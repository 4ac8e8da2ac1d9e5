/**
 * The history buffer of Zhu et al. (2017, after Shrivastava et al.): the
 * discriminator sees generated images drawn half from the current batch and
 * half from up to `size` earlier ones, which damps oscillation. Each new
 * image, once the buffer is full, is either passed through (p = ½) or swapped
 * for a random stored one, which it replaces.
 */
import * as tf from '@tensorflow/tfjs';

export class ImageHistory {
  private readonly images: Float32Array[] = [];

  constructor(
    private readonly size: number,
    private readonly random: () => number,
  ) {}

  /** The batch the discriminator should see for `fakes` (NHWC); the caller disposes both. */
  query(fakes: tf.Tensor): tf.Tensor {
    if (this.size === 0) return fakes.clone();
    const [n, ...shape] = fakes.shape;
    const per = shape.reduce((a, b) => a * b, 1);
    const values = fakes.dataSync() as Float32Array;
    const out = new Float32Array(values.length);
    for (let i = 0; i < n; i++) {
      const image = values.slice(i * per, (i + 1) * per);
      let chosen: Float32Array = image;
      if (this.images.length < this.size) this.images.push(image);
      else if (this.random() < 0.5) {
        const j = Math.floor(this.random() * this.size);
        chosen = this.images[j];
        this.images[j] = image;
      }
      out.set(chosen, i * per);
    }
    return tf.tensor(out, fakes.shape);
  }

  get stored(): number {
    return this.images.length;
  }
}
