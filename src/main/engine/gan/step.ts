/**
 * One adversarial update at a time: a discriminator (critic) step on a batch
 * of real images and a batch of generated ones, and a generator step through
 * the discriminator. Each model has its own optimizer and only its own
 * trainable weights are updated (`optimizer.minimize(…, varList)`); the
 * backward pass of a D step never enters G, because the fakes are made
 * outside the tape.
 */
import * as tf from '@tensorflow/tfjs';
import type { GanConfig } from '../../../shared/training/config.js';
import { discriminatorLoss, generatorLoss, gradientPenalty, shownScore } from './losses.js';
import type { GanModels } from './models.js';
import { sampleLatent } from './noise.js';
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

type Settings = Pick<GanConfig, 'loss' | 'labelSmoothing' | 'clipValue' | 'generatorOptimizer' | 'discriminatorOptimizer' | 'gradientPenalty'>;

const trainable = (model: tf.LayersModel): tf.Variable[] => model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);

export class AdversarialSteps {
  readonly generatorOptimizer: tf.Optimizer;
  readonly discriminatorOptimizer: tf.Optimizer;
  private readonly gVars: tf.Variable[];
  private readonly dVars: tf.Variable[];
  /** Without BatchNormalization in D, real and fake go through it as one batch (fewer, larger kernels). */
  private readonly jointBatch: boolean;

  constructor(
    private readonly models: GanModels,
    private readonly settings: Settings,
  ) {
    this.generatorOptimizer = ganOptimizer(settings.generatorOptimizer);
    this.discriminatorOptimizer = ganOptimizer(settings.discriminatorOptimizer);
    this.gVars = trainable(models.generator);
    this.dVars = trainable(models.discriminator);
    this.jointBatch = !models.discriminator.layers.some((l) => l.getClassName() === 'BatchNormalization');
    if (settings.loss === 'wasserstein-gp') enableSecondOrderGradients();
  }

  private generate(z: tf.Tensor, training: boolean): tf.Tensor {
    return this.models.generator.apply(z, { training }) as tf.Tensor;
  }

  private score(x: tf.Tensor): tf.Tensor {
    return this.models.discriminator.apply(x, { training: true }) as tf.Tensor;
  }

  /** One D update on `real` (already scaled to the generator's range) against G(z), z drawn with `seed`. */
  discriminatorStep(real: tf.Tensor, seed: number): DiscriminatorStats {
    const fake = tf.tidy(() => this.generate(sampleLatent(this.models.latent, real.shape[0], seed), true));
    try {
      return this.updateDiscriminator(real, fake, seed);
    } finally {
      fake.dispose();
    }
  }

  /** One D update on a real and a fake batch; `fake` is a constant here (no gradient reaches G). */
  private updateDiscriminator(real: tf.Tensor, fake: tf.Tensor, seed: number): DiscriminatorStats {
    const { loss, labelSmoothing } = this.settings;
    let means: tf.Tensor | undefined;
    const cost = this.discriminatorOptimizer.minimize(
      () => {
        let realScores: tf.Tensor;
        let fakeScores: tf.Tensor;
        if (this.jointBatch) {
          const scores = this.score(tf.concat([real, fake]));
          [realScores, fakeScores] = tf.split(scores, 2);
        } else {
          realScores = this.score(real);
          fakeScores = this.score(fake);
        }
        means = tf.keep(tf.stack([shownScore(loss, realScores), shownScore(loss, fakeScores)]));
        const base = discriminatorLoss(loss, realScores, fakeScores, labelSmoothing);
        if (loss !== 'wasserstein-gp') return base;
        const lambda = this.settings.gradientPenalty ?? DEFAULT_GRADIENT_PENALTY;
        return tf.add(base, gradientPenalty((x) => this.score(x), real, fake, lambda, seed + 1));
      },
      true,
      this.dVars,
    )!;
    if (loss === 'wasserstein') this.clipCritic();
    const [lossValue] = cost.dataSync();
    const [realMean, fakeMean] = means!.dataSync();
    tf.dispose([cost, means!]);
    return { loss: lossValue, real: realMean, fake: fakeMean };
  }

  /** One G update: fool D on a fresh batch of `batch` fakes. */
  generatorStep(batch: number, seed: number): GeneratorStats {
    return this.updateGenerator(batch, seed);
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
  stepPair(real: readonly tf.Tensor[], seed: number): { d: DiscriminatorStats; g: GeneratorStats } {
    const k = real.length;
    const d: DiscriminatorStats = { loss: 0, real: 0, fake: 0 };
    const add = (s: DiscriminatorStats) => {
      d.loss += s.loss / k;
      d.real += s.real / k;
      d.fake += s.fake / k;
    };
    for (let i = 0; i < k - 1; i++) add(this.discriminatorStep(real[i], seed + i));
    const g = this.updateGenerator(real[k - 1].shape[0], seed + k, (fake) => add(this.updateDiscriminator(real[k - 1], fake, seed + k - 1)));
    return { d, g };
  }

  private updateGenerator(batch: number, seed: number, beforeScoring?: (fake: tf.Tensor) => void): GeneratorStats {
    let mean: tf.Tensor | undefined;
    const cost = this.generatorOptimizer.minimize(
      () => {
        const fake = this.generate(sampleLatent(this.models.latent, batch, seed), true);
        beforeScoring?.(fake);
        const scores = this.score(fake);
        mean = tf.keep(shownScore(this.settings.loss, scores));
        return generatorLoss(this.settings.loss, scores);
      },
      true,
      this.gVars,
    )!;
    const [lossValue] = cost.dataSync();
    const [fakeMean] = mean!.dataSync();
    tf.dispose([cost, mean!]);
    return { loss: lossValue, fake: fakeMean };
  }

  /** WGAN: keep every critic weight in [−c, c] (a crude Lipschitz bound). */
  clipCritic(): void {
    const c = this.settings.clipValue;
    tf.tidy(() => {
      for (const v of this.dVars) v.assign(tf.clipByValue(v, -c, c));
    });
  }

  /** G(z) in inference mode (BatchNorm moving statistics), as an exported generator would give. */
  sample(z: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.generate(z, false));
  }

  dispose(): void {
    this.generatorOptimizer.dispose();
    this.discriminatorOptimizer.dispose();
  }
}
