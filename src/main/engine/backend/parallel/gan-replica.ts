/**
 * The helper thread's half of a data-parallel GAN run (gan-trainer.ts): G and
 * D compiled from the run's graph, the engine's weights, its own
 * AdversarialSteps whose every update goes through the shared exchange.
 */
import * as tf from '@tensorflow/tfjs';
import { compileGan } from '../../gan/models.js';
import { AdversarialSteps, type GradientExchange } from '../../gan/step.js';
import { AVERAGED, CTRL, GRADS_READY, type GanInitMessage, type GanStepMessage } from './protocol.js';

/** The helper's side of an update's exchange: offer its gradients, take the mean back. */
class HelperExchange implements GradientExchange {
  constructor(
    private readonly ctrl: Int32Array,
    private readonly grads: Float32Array,
    private readonly values: Float32Array,
  ) {}

  reduce(own: Float32Array, values: Float32Array): void {
    this.grads.set(own);
    this.values.set(values);
    Atomics.store(this.ctrl, CTRL.state, GRADS_READY);
    Atomics.notify(this.ctrl, CTRL.state);
    while (Atomics.load(this.ctrl, CTRL.state) === GRADS_READY) Atomics.wait(this.ctrl, CTRL.state, GRADS_READY, 1000);
    if (Atomics.load(this.ctrl, CTRL.state) !== AVERAGED) throw new Error('the engine thread abandoned the step');
    own.set(this.grads.subarray(0, own.length));
    values.set(this.values.subarray(0, values.length));
  }
}

export class GanReplica {
  private constructor(private readonly steps: AdversarialSteps) {}

  static create(m: GanInitMessage): GanReplica {
    const models = compileGan(m.graph, m.settings.loss, m.compile);
    const set = (model: tf.LayersModel, weights: Float32Array[]) =>
      model.setWeights(weights.map((w, i) => tf.tensor(w, model.weights[i].shape as number[])));
    set(models.generator, m.weights.generator);
    set(models.discriminator, m.weights.discriminator);
    const steps = new AdversarialSteps(models, m.settings);
    steps.exchange = new HelperExchange(
      new Int32Array(m.control),
      new Float32Array(m.grads),
      new Float32Array(m.values),
    );
    return new GanReplica(steps);
  }

  step(m: GanStepMessage): void {
    if (m.mode === 'apply') return this.steps.applyPair(m.k);
    const real = m.real.map((x) => tf.tensor(x, m.realShape));
    const labels = m.labels?.map((y) => tf.tensor2d(y, [y.length, 1], 'int32'));
    try {
      this.steps.stepPair(real, m.seed, labels, m.rows);
    } finally {
      tf.dispose([...real, ...(labels ?? [])]);
    }
  }
}
