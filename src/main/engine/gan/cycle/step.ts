/**
 * One CycleGAN step (Zhu et al. 2017, least-squares GAN losses):
 * 1. generators: min over G, F of
 *    (D_B(G(a)) − 1)² + (D_A(F(b)) − 1)²                       adversarial
 *    + λ (|F(G(a)) − a| + |G(F(b)) − b|)                        cycle (L1)
 *    + λ_id (|G(b) − b| + |F(a) − a|)                           identity
 * 2. discriminators, on the generators' images passed through the history
 *    buffers: ½ ((D(real) − 1)² + D(fake)²) each, one Adam per model.
 * Means run over pixels, and over patches for a PatchGAN.
 */
import * as tf from '@tensorflow/tfjs';
import type { CycleConfig } from '../../../../shared/training/cycle.js';
import { setLearningRate } from '../../train/optimizers.js';
import { ganOptimizer } from '../optimizers.js';
import type { CycleModels } from './models.js';
import { ImageHistory } from './history.js';

export interface CycleLosses {
  dA: number;
  dB: number;
  /** The generators' total objective. */
  g: number;
  cycle: number;
  identity: number;
  /** Mean D_B scores of real B and of G(a): how the B discriminator sees the two. */
  dReal: number;
  dFake: number;
}

const vars = (...models: tf.LayersModel[]) =>
  models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
const mse = (x: tf.Tensor, target: number) => tf.mean(tf.square(tf.sub(x, target)));
const l1 = (x: tf.Tensor, y: tf.Tensor) => tf.mean(tf.abs(tf.sub(x, y)));

export class CycleSteps {
  private readonly gOpt: tf.Optimizer;
  private readonly dAOpt: tf.Optimizer;
  private readonly dBOpt: tf.Optimizer;
  private readonly historyA: ImageHistory;
  private readonly historyB: ImageHistory;

  constructor(
    private readonly m: CycleModels,
    private readonly cfg: Pick<CycleConfig, 'cycleWeight' | 'identityWeight' | 'historySize'>,
    rates: { generator: number; discriminator: number },
    random: () => number,
  ) {
    this.gOpt = ganOptimizer({ name: 'adam', learningRate: rates.generator });
    this.dAOpt = ganOptimizer({ name: 'adam', learningRate: rates.discriminator });
    this.dBOpt = ganOptimizer({ name: 'adam', learningRate: rates.discriminator });
    this.historyA = new ImageHistory(cfg.historySize, random);
    this.historyB = new ImageHistory(cfg.historySize, random);
  }

  setRates(generator: number, discriminator: number): void {
    setLearningRate(this.gOpt, generator);
    setLearningRate(this.dAOpt, discriminator);
    setLearningRate(this.dBOpt, discriminator);
  }

  step(a: tf.Tensor, b: tf.Tensor): CycleLosses {
    const { gAB, gBA, dA, dB } = this.m;
    const lambda = this.cfg.cycleWeight;
    const lambdaId = lambda * this.cfg.identityWeight;
    let fakeA: tf.Tensor | undefined;
    let fakeB: tf.Tensor | undefined;
    const terms: tf.Tensor[] = [];
    const run = (model: tf.LayersModel, x: tf.Tensor) => model.apply(x, { training: true }) as tf.Tensor;
    const gLoss = this.gOpt.minimize(
      () => {
        const fb = run(gAB, a);
        const fa = run(gBA, b);
        fakeB = tf.keep(fb);
        fakeA = tf.keep(fa);
        const adversarial = tf.add(mse(run(dB, fb), 1), mse(run(dA, fa), 1));
        const cycle = tf.mul(tf.add(l1(run(gBA, fb), a), l1(run(gAB, fa), b)), lambda);
        const identity = lambdaId > 0 ? tf.mul(tf.add(l1(run(gAB, b), b), l1(run(gBA, a), a)), lambdaId) : tf.scalar(0);
        terms.push(tf.keep(cycle), tf.keep(identity));
        return tf.addN([adversarial, cycle, identity]) as tf.Scalar;
      },
      true,
      vars(gAB, gBA),
    )!;
    const pooledA = this.historyA.query(fakeA!);
    const pooledB = this.historyB.query(fakeB!);
    const scores: tf.Tensor[] = [];
    const dLoss = (d: tf.LayersModel, real: tf.Tensor, fake: tf.Tensor, keepScores: boolean) => () => {
      const sReal = run(d, real);
      const sFake = run(d, fake);
      if (keepScores) scores.push(tf.keep(tf.mean(sReal)), tf.keep(tf.mean(sFake)));
      return tf.mul(tf.add(mse(sReal, 1), mse(sFake, 0)), 0.5) as tf.Scalar;
    };
    const dALoss = this.dAOpt.minimize(dLoss(dA, a, pooledA, false), true, vars(dA))!;
    const dBLoss = this.dBOpt.minimize(dLoss(dB, b, pooledB, true), true, vars(dB))!;
    const read = (t: tf.Tensor) => t.dataSync()[0];
    const out: CycleLosses = {
      dA: read(dALoss),
      dB: read(dBLoss),
      g: read(gLoss),
      cycle: read(terms[0]),
      identity: read(terms[1]),
      dReal: read(scores[0]),
      dFake: read(scores[1]),
    };
    tf.dispose([gLoss, dALoss, dBLoss, fakeA!, fakeB!, pooledA, pooledB, ...terms, ...scores]);
    return out;
  }

  dispose(): void {
    for (const o of [this.gOpt, this.dAOpt, this.dBOpt]) o.dispose();
  }
}
