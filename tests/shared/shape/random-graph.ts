/**
 * A seeded generator of valid random graphs (images, sequences, token
 * sequences, vectors; chains with branches and merges), built in lockstep
 * with a real TF.js functional model: the generator reads TF.js's own tensor
 * shapes to keep its choices valid, so the product's shape rules are never
 * consulted while generating.
 */
import type * as tf from '@tensorflow/tfjs';
import { type LayerKind, type ParamsOf } from '../../../src/shared/layers/params.js';
import { ACTIVATIONS } from '../../../src/shared/layers/types.js';
import { applyNode } from '../layers/tf-oracle.js';
import { GraphBuilder } from './build.js';

import { seededRandom as seeded } from '../../../src/shared/random.js';

export { seeded };

export class RandomGraph {
  readonly g = new GraphBuilder();
  readonly tensors = new Map<string, tf.SymbolicTensor>();
  private readonly rand: () => number;

  constructor(seed: number) {
    this.rand = seeded(seed);
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }

  add<K extends LayerKind>(kind: K, params: Partial<ParamsOf<K>>, ...inputs: string[]): string {
    const id = this.g.add(kind, params, ...inputs);
    this.tensors.set(
      id,
      applyNode(
        this.g.node(id),
        inputs.map((i) => this.tensors.get(i)!),
      ),
    );
    return id;
  }

  shape(id: string): (number | null)[] {
    return [...this.tensors.get(id)!.shape];
  }

  private activation() {
    return this.pick(ACTIVATIONS);
  }

  /** A shape-preserving layer of any rank. */
  private elementwise(x: string): string {
    switch (this.int(0, 3)) {
      case 0:
        return this.add('BatchNormalization', { center: this.chance(0.8), scale: this.chance(0.8) }, x);
      case 1:
        return this.add('LayerNormalization', { center: this.chance(0.8), scale: this.chance(0.8) }, x);
      case 2:
        return this.add('Dropout', { rate: this.pick([0, 0.25, 0.5]) }, x);
      default:
        return this.add('Activation', { activation: this.activation(), alpha: 0.1 }, x);
    }
  }

  /** Fits a window of `k` (dilated span) with padding 'valid' only when the image is large enough. */
  private padding(x: string, span: number[]): 'valid' | 'same' {
    const [, h, w] = this.shape(x);
    return (h ?? 0) >= span[0] && (w ?? 0) >= span[1] && this.chance(0.5) ? 'valid' : 'same';
  }

  private imageStep(x: string): string {
    const [, h, w] = this.shape(x) as number[];
    switch (this.int(0, 7)) {
      case 0:
      case 1: {
        const kernelSize = [this.int(1, 4), this.int(1, 4)];
        const dilate = this.chance(0.3);
        const strides = dilate ? [1, 1] : [this.int(1, 2), this.int(1, 2)];
        const dilationRate = dilate ? [this.int(1, 2), this.int(1, 2)] : [1, 1];
        const span = kernelSize.map((k, i) => k + (k - 1) * (dilationRate[i] - 1));
        const padding = this.padding(x, span);
        return this.add(
          'Conv2D',
          {
            filters: this.int(1, 6),
            kernelSize,
            strides,
            dilationRate,
            padding,
            activation: this.activation(),
            useBias: this.chance(0.8),
          },
          x,
        );
      }
      case 2: {
        const poolSize = [this.int(1, 3), this.int(1, 3)];
        const kind = this.pick(['MaxPooling2D', 'AveragePooling2D'] as const);
        return this.add(
          kind,
          { poolSize, strides: [this.int(1, 3), this.int(1, 3)], padding: this.padding(x, poolSize) },
          x,
        );
      }
      case 3:
        if (h * w > 64) return this.elementwise(x);
        return this.add(
          'UpSampling2D',
          { size: [this.int(1, 2), this.int(1, 2)], interpolation: this.pick(['nearest', 'bilinear'] as const) },
          x,
        );
      case 4:
        if (h * w > 100) return this.elementwise(x);
        return this.add(
          'Conv2DTranspose',
          {
            filters: this.int(1, 5),
            kernelSize: [this.int(1, 4), this.int(1, 4)],
            strides: [this.int(1, 2), this.int(1, 2)],
            padding: this.pick(['valid', 'same'] as const),
            activation: this.activation(),
          },
          x,
        );
      case 5:
        return this.imageMerge(x);
      default:
        return this.elementwise(x);
    }
  }

  /** Two 'same' branches joined by Add (equal channels) or Concatenate. */
  private imageMerge(x: string): string {
    const concat = this.chance(0.5);
    const filters = this.int(1, 4);
    const branch = () =>
      this.chance(0.3) && !concat
        ? x
        : this.add(
            'Conv2D',
            {
              filters: concat ? this.int(1, 4) : filters,
              kernelSize: [this.int(1, 3), this.int(1, 3)],
              padding: 'same',
            },
            x,
          );
    const a =
      concat || this.chance(0.5) ? branch() : this.add('Conv2D', { filters, kernelSize: [1, 1], padding: 'same' }, x);
    const b = branch();
    const c =
      !concat && this.chance(0.3)
        ? this.add('Conv2D', { filters: this.shape(a)[3]!, kernelSize: [3, 3], padding: 'same' }, x)
        : undefined;
    // Add needs identical channels: project every branch to the first one's width.
    const align = (id: string) =>
      this.shape(id)[3] === this.shape(a)[3]
        ? id
        : this.add('Conv2D', { filters: this.shape(a)[3]!, kernelSize: [1, 1] }, id);
    const ins = concat ? [a, b] : [a, align(b), ...(c ? [c] : [])];
    return this.add(concat ? 'Concatenate' : 'Add', {}, ...ins);
  }

  private sequenceStep(x: string): string {
    switch (this.int(0, 5)) {
      case 0: {
        const kind = this.pick(['SimpleRNN', 'LSTM', 'GRU'] as const);
        return this.add(
          kind,
          {
            units: this.int(1, 6),
            returnSequences: true,
            activation: this.pick(['tanh', 'relu'] as const),
            useBias: this.chance(0.8),
          },
          x,
        );
      }
      case 1:
        return this.add(
          'Bidirectional',
          {
            cell: this.pick(['SimpleRNN', 'LSTM', 'GRU'] as const),
            units: this.int(1, 5),
            returnSequences: true,
            mergeMode: this.pick(['concat', 'sum', 'mul', 'ave'] as const),
          },
          x,
        );
      case 2:
        return this.add('Dense', { units: this.int(1, 8), activation: this.activation() }, x);
      case 3: {
        const units = this.int(1, 5);
        const a = this.add('Dense', { units }, x);
        const b = this.chance(0.5)
          ? this.add('LSTM', { units: this.int(1, 5), returnSequences: true }, x)
          : this.add('Dense', { units }, x);
        const add = this.shape(a)[2] === this.shape(b)[2] && this.chance(0.5);
        return this.add(add ? 'Add' : 'Concatenate', {}, a, b);
      }
      default:
        return this.elementwise(x);
    }
  }

  private vectorStep(x: string): string {
    switch (this.int(0, 3)) {
      case 0: {
        const units = this.int(1, 16);
        const a = this.add('Dense', { units, activation: this.activation() }, x);
        const b = this.add('Dense', { units: this.chance(0.5) ? units : this.int(1, 16) }, x);
        return this.add(this.shape(a)[1] === this.shape(b)[1] && this.chance(0.6) ? 'Add' : 'Concatenate', {}, a, b);
      }
      case 1:
        return this.elementwise(x);
      default:
        return this.add(
          'Dense',
          { units: this.int(1, 24), activation: this.activation(), useBias: this.chance(0.8) },
          x,
        );
    }
  }

  /** Generates one whole graph; returns the builder's document. */
  generate(): void {
    const family = this.int(0, 9);
    let x: string;
    if (family < 4) {
      x = this.add('Input', { shape: [this.int(4, 20), this.int(4, 20), this.int(1, 3)] });
      for (let i = this.int(1, 6); i > 0; i--) x = this.imageStep(x);
      x = this.chance(0.5)
        ? this.add('Flatten', {}, x)
        : this.add(this.pick(['GlobalAveragePooling2D', 'GlobalMaxPooling2D'] as const), {}, x);
    } else if (family < 7) {
      const tokens = this.chance(0.35);
      const steps = this.int(2, 8);
      x = tokens
        ? this.add('Input', { shape: [steps], dtype: 'int32' })
        : this.add('Input', { shape: [steps, this.int(1, 5)] });
      if (tokens) x = this.add('Embedding', { inputDim: this.int(2, 40), outputDim: this.int(1, 6) }, x);
      for (let i = this.int(1, 5); i > 0; i--) x = this.sequenceStep(x);
      const end = this.int(0, 2);
      if (end === 0) x = this.add(this.pick(['SimpleRNN', 'LSTM', 'GRU'] as const), { units: this.int(1, 6) }, x);
      else if (end === 1)
        x = this.add(
          'Bidirectional',
          {
            cell: this.pick(['SimpleRNN', 'LSTM', 'GRU'] as const),
            units: this.int(1, 4),
            mergeMode: this.pick(['concat', 'sum'] as const),
          },
          x,
        );
      else x = this.add(this.chance(0.5) ? 'Flatten' : 'Reshape', { targetShape: [-1] }, x);
    } else {
      // A generator-like vector model: latent -> Dense -> Reshape to an image -> upsampling convs.
      x = this.chance(0.5)
        ? this.add('Noise', { size: this.int(2, 32) })
        : this.add('Input', { shape: [this.int(2, 32)] });
      for (let i = this.int(0, 3); i > 0; i--) x = this.vectorStep(x);
      const [h, w, c] = [this.int(2, 5), this.int(2, 5), this.int(1, 4)];
      x = this.add('Dense', { units: h * w * c }, x);
      x = this.add(
        'Reshape',
        {
          targetShape: this.pick([
            [h, w, c],
            [-1, w, c],
            [h, -1, c],
            [h, w, -1],
          ]),
        },
        x,
      );
      for (let i = this.int(0, 3); i > 0; i--) x = this.imageStep(x);
      x = this.add('Flatten', {}, x);
    }
    for (let i = this.int(0, 2); i > 0; i--) x = this.vectorStep(x);
    this.add('Dense', { units: this.int(1, 10), activation: this.pick(['softmax', 'sigmoid', 'linear'] as const) }, x);
  }
}
