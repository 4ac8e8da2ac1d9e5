/**
 * One adversarial update at a time: a discriminator (critic) step on a batch
 * of real images and a batch of generated ones, and a generator step through
 * the discriminator. Each model has its own optimizer and only its own
 * trainable weights are updated (`optimizer.minimize(…, varList)`); the
 * backward pass of a D step never enters G, because the fakes are made
 * outside the tape.
 */
import * as tf from '@tensorflow/tfjs';
import { applyFlatGradients, flattenGradients } from '../backend/parallel/replica.js';
import type { GanConfig } from '../../../shared/training/config.js';
import { discriminatorLoss, generatorLoss, gradientPenalty, shownScore } from './losses.js';
import { feed, sampleLabels } from './conditional.js';
import type { GanModels } from './models.js';
import { rowsOf, sampleLatent, wholeBatch, type Rows } from './noise.js';
import { ganOptimizer } from './optimizers.js';
import { enableSecondOrderGradients } from './second-order.js';

export const DEFAULT_GRADIENT_PENALTY = 10;

export interface DiscriminatorStats {
  loss: number;
  /** Mean D(x) on the real batch (probability for vanilla, raw score otherwise). */
  real: number;
  /** Mean D(G(z)) on the fake batch. */
  fake: number;
}

export interface GeneratorStats {
  loss: number;
  fake: number;
}

/**
 * How the discriminator's scores become losses. The default is the loss
 * family of the settings (losses.ts); a semi-supervised GAN brings its own
 * (sgan.ts). `score` runs D, for heads that look at more data (labelled batches).
 */
export interface DiscriminatorHead {
  discriminatorLoss(realScores: tf.Tensor, fakeScores: tf.Tensor, score: (x: tf.Tensor) => tf.Tensor): tf.Scalar;
  generatorLoss(fakeScores: tf.Tensor): tf.Scalar;
  /** What the UI plots as D(x) / D(G(z)). */
  shown(scores: tf.Tensor): tf.Scalar;
}

/**
 * How an update's gradients become the step when a batch is split over two
 * threads (backend/parallel/gan-trainer.ts): each thread's gradients (flat,
 * in trainable-variable order) and values ([loss, ...shown means]) of its
 * rows are replaced, in place, by the whole batch's means, which each
 * thread then applies with its own identical optimizer.
 */
export interface GradientExchange {
  reduce(grads: Float32Array, values: Float32Array): void;
}

type Settings = Pick<
  GanConfig,
  'loss' | 'labelSmoothing' | 'clipValue' | 'generatorOptimizer' | 'discriminatorOptimizer' | 'gradientPenalty'
>;

/** Without BatchNormalization in D, real and fake can go through it as one batch (the same scores). */
export const scoresJointly = (models: Pick<GanModels, 'discriminator'>): boolean =>
  !models.discriminator.layers.some((l) => l.getClassName() === 'BatchNormalization');

const trainable = (model: tf.LayersModel): tf.Variable[] =>
  model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);

export class AdversarialSteps {
  readonly generatorOptimizer: tf.Optimizer;
  readonly discriminatorOptimizer: tf.Optimizer;
  private readonly gVars: tf.Variable[];
  private readonly dVars: tf.Variable[];
  /** Without BatchNormalization in D, real and fake go through it as one batch (fewer, larger kernels). */
  private readonly jointBatch: boolean;
  private readonly head: DiscriminatorHead;
  /** Set while a second thread shares the steps; each update then goes through it. */
  exchange: GradientExchange | null = null;
  private readonly flat = new Map<tf.Variable[], Float32Array>();

  constructor(
    private readonly models: GanModels,
    private readonly settings: Settings,
    head?: DiscriminatorHead,
  ) {
    this.head = head ?? {
      discriminatorLoss: (real, fake) => discriminatorLoss(settings.loss, real, fake, settings.labelSmoothing),
      generatorLoss: (fake) => generatorLoss(settings.loss, fake),
      shown: (scores) => shownScore(settings.loss, scores),
    };
    this.generatorOptimizer = ganOptimizer(settings.generatorOptimizer);
    this.discriminatorOptimizer = ganOptimizer(settings.discriminatorOptimizer);
    this.gVars = trainable(models.generator);
    this.dVars = trainable(models.discriminator);
    this.jointBatch = scoresJointly(models);
    if (settings.loss === 'wasserstein-gp') enableSecondOrderGradients();
  }

  private generate(z: tf.Tensor, training: boolean, labels?: tf.Tensor): tf.Tensor {
    return this.models.generator.apply(feed(z, labels, this.models.conditional?.generatorLabelAt), {
      training,
    }) as tf.Tensor;
  }

  private score(x: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    return this.models.discriminator.apply(feed(x, labels, this.models.conditional?.discriminatorLabelAt), {
      training: true,
    }) as tf.Tensor;
  }

  /** `rows` of the latent batch drawn with `seed`. */
  private latent(rows: Rows, seed: number): tf.Tensor2D {
    return rowsOf(rows, (batch) => sampleLatent(this.models.latent, batch, seed));
  }

  /** Labels for `rows` of a batch of fakes (conditional GANs only): drawn with the latent batch's seed. */
  private fakeLabels(rows: Rows, seed: number): tf.Tensor | undefined {
    const c = this.models.conditional;
    return c && rowsOf(rows, (batch) => sampleLabels(c.classes, batch, seed + 31));
  }

  /**
   * One D update on `real` (already scaled to the generator's range) against G(z), z drawn with `seed`.
   * A conditional GAN's D sees `realLabels` with the real images, and the fakes' own random labels.
   * `rows`: which rows of the whole batch `real` is, when a batch is split over two threads.
   */
  discriminatorStep(
    real: tf.Tensor,
    seed: number,
    realLabels?: tf.Tensor,
    rows: Rows = wholeBatch(real.shape[0]),
  ): DiscriminatorStats {
    const fakeLabels = this.fakeLabels(rows, seed);
    const fake = tf.tidy(() => this.generate(this.latent(rows, seed), true, fakeLabels));
    try {
      return this.updateDiscriminator(real, fake, seed, rows, realLabels, fakeLabels);
    } finally {
      tf.dispose([fake, ...(fakeLabels ? [fakeLabels] : [])]);
    }
  }

  /** One D update on a real and a fake batch; `fake` is a constant here (no gradient reaches G). */
  private updateDiscriminator(
    real: tf.Tensor,
    fake: tf.Tensor,
    seed: number,
    rows: Rows,
    realLabels?: tf.Tensor,
    fakeLabels?: tf.Tensor,
  ): DiscriminatorStats {
    const { loss } = this.settings;
    const conditional = this.models.conditional !== undefined;
    const rl = conditional ? realLabels : undefined;
    const fl = conditional ? fakeLabels : undefined;
    const [lossValue, realMean, fakeMean] = this.minimize(this.discriminatorOptimizer, this.dVars, () => {
      let realScores: tf.Tensor;
      let fakeScores: tf.Tensor;
      if (this.jointBatch) {
        const scores = this.score(tf.concat([real, fake]), rl && fl && tf.concat([rl, fl]));
        [realScores, fakeScores] = tf.split(scores, 2);
      } else {
        realScores = this.score(real, rl);
        fakeScores = this.score(fake, fl);
      }
      const shown = tf.stack([this.head.shown(realScores), this.head.shown(fakeScores)]);
      const base = this.head.discriminatorLoss(realScores, fakeScores, (x) => this.score(x));
      if (loss !== 'wasserstein-gp') return { loss: base, shown };
      const lambda = this.settings.gradientPenalty ?? DEFAULT_GRADIENT_PENALTY;
      // Conditional critics are penalised at the real samples' labels.
      const penalty = gradientPenalty((x) => this.score(x, rl), real, fake, lambda, seed + 1, rows);
      return { loss: tf.add(base, penalty) as tf.Scalar, shown };
    });
    if (loss === 'wasserstein') this.clipCritic();
    return { loss: lossValue, real: realMean, fake: fakeMean };
  }

  /**
   * optimizer.minimize of `f`'s loss over `vars`; [loss, ...shown] as numbers. With an exchange the
   * gradients and values are first averaged with the other thread's (the same update on both threads).
   */
  private minimize(
    optimizer: tf.Optimizer,
    vars: tf.Variable[],
    f: () => { loss: tf.Scalar; shown: tf.Tensor },
  ): number[] {
    let shown: tf.Tensor | undefined;
    const body = () => {
      const r = f();
      shown = tf.keep(r.shown);
      return r.loss;
    };
    if (!this.exchange) {
      const cost = optimizer.minimize(body, true, vars)!;
      const values = [cost.dataSync()[0], ...shown!.dataSync()];
      tf.dispose([cost, shown!]);
      return values;
    }
    const { value, grads } = tf.variableGrads(body, vars);
    const flat = this.flatBuffer(vars);
    flattenGradients(vars, grads, flat);
    const values = Float32Array.from([value.dataSync()[0], ...shown!.dataSync()]);
    tf.dispose([value, shown!, ...Object.values(grads)]);
    this.exchange.reduce(flat, values);
    applyFlatGradients(vars, optimizer, flat);
    return Array.from(values);
  }

  /** One G update: fool D on a fresh batch of `batch` fakes. */
  generatorStep(batch: number, seed: number): GeneratorStats {
    return this.updateGenerator(wholeBatch(batch), seed);
  }

  /**
   * `real.length` D updates, then one G update. The last D update and the G
   * update share one generated batch, as in PyTorch's DCGAN example: the G
   * update runs that batch through the just-updated D. Nesting the D update
   * inside the G update's gradient closure lets TF.js reuse the generator's
   * forward pass (the D update's own tape only reaches D's weights; the
   * outer tape's path from G's weights to its loss runs through the fakes
   * and D's new weights, never through the D update).
   */
  stepPair(
    real: readonly tf.Tensor[],
    seed: number,
    realLabels?: readonly tf.Tensor[],
    rows: Rows = wholeBatch(real[0].shape[0]),
  ): { d: DiscriminatorStats; g: GeneratorStats } {
    const k = real.length;
    const d: DiscriminatorStats = { loss: 0, real: 0, fake: 0 };
    const add = (s: DiscriminatorStats) => {
      d.loss += s.loss / k;
      d.real += s.real / k;
      d.fake += s.fake / k;
    };
    for (let i = 0; i < k - 1; i++) add(this.discriminatorStep(real[i], seed + i, realLabels?.[i], rows));
    const g = this.updateGenerator(rows, seed + k, (fake, fakeLabels) =>
      add(this.updateDiscriminator(real[k - 1], fake, seed + k - 1, rows, realLabels?.[k - 1], fakeLabels)),
    );
    return { d, g };
  }

  /**
   * The updates of a step pair computed on the other thread (a one-thread step of a split run): k D
   * updates and one G update, each the gradient the exchange hands over, so this replica stays equal.
   */
  applyPair(k: number): void {
    const values = new Float32Array(3);
    const receive = (vars: tf.Variable[], optimizer: tf.Optimizer) => {
      const flat = this.flatBuffer(vars);
      this.exchange!.reduce(flat, values);
      applyFlatGradients(vars, optimizer, flat);
    };
    for (let i = 0; i < k; i++) {
      receive(this.dVars, this.discriminatorOptimizer);
      if (this.settings.loss === 'wasserstein') this.clipCritic();
    }
    receive(this.gVars, this.generatorOptimizer);
  }

  /** One reusable buffer per model for its flat gradients. */
  private flatBuffer(vars: tf.Variable[]): Float32Array {
    let flat = this.flat.get(vars);
    if (!flat) this.flat.set(vars, (flat = new Float32Array(vars.reduce((n, v) => n + v.size, 0))));
    return flat;
  }

  private updateGenerator(
    rows: Rows,
    seed: number,
    beforeScoring?: (fake: tf.Tensor, labels?: tf.Tensor) => void,
  ): GeneratorStats {
    const labels = this.fakeLabels(rows, seed);
    try {
      const [lossValue, fakeMean] = this.minimize(this.generatorOptimizer, this.gVars, () => {
        const fake = this.generate(this.latent(rows, seed), true, labels);
        beforeScoring?.(fake, labels);
        const scores = this.score(fake, labels);
        return { loss: this.head.generatorLoss(scores), shown: this.head.shown(scores) };
      });
      return { loss: lossValue, fake: fakeMean };
    } finally {
      labels?.dispose();
    }
  }

  /** WGAN: keep every critic weight in [−c, c] (a crude Lipschitz bound). */
  clipCritic(): void {
    const c = this.settings.clipValue;
    tf.tidy(() => {
      for (const v of this.dVars) v.assign(tf.clipByValue(v, -c, c));
    });
  }

  /** G(z) in inference mode (BatchNorm moving statistics), as an exported generator would give; `labels` for conditional GANs. */
  sample(z: tf.Tensor, labels?: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.generate(z, false, this.models.conditional ? labels : undefined));
  }

  dispose(): void {
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
  }
}
