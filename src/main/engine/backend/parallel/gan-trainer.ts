/**
 * Data-parallel GAN training on two threads: the engine thread and a helper
 * thread each hold replicas of G and D with their own AdversarialSteps. For a
 * split step pair each runs the pair on its half of the real batches, drawing
 * its rows of the run's seeded noise (noise.ts `rowsOf`), and every update
 * (k D updates, one G update) exchanges gradients through shared memory: the
 * helper writes its gradients, the engine writes the mean weighted by the
 * halves' sizes, and both apply it with identical optimizers, so the
 * replicas stay equal without sending weights. Losses and shown means are
 * averaged the same way: the whole batch's. With BatchNormalization each half
 * normalises with its own statistics (as PyTorch's DDP without SyncBatchNorm).
 * The schedule (schedule.ts) splits only while it measures faster; in a
 * one-thread step the engine computes the whole pair and the helper only
 * applies the same updates.
 */
import type { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../../shared/errors.js';
import type { GraphDoc } from '../../../../shared/graph/types.js';
import type { BackendName } from '../../../../shared/training/backend.js';
import type { GanConfig } from '../../../../shared/training/config.js';
import type { CompileGanOptions, GanModels } from '../../gan/models.js';
import type { AdversarialSteps, DiscriminatorStats, GeneratorStats, GradientExchange } from '../../gan/step.js';
import { startHelper, waitSync } from './helper.js';
import { AVERAGED, CTRL, FAILED, GRADS_READY, type FromHelper, type GanStepMessage } from './protocol.js';
import type { Policy } from './trainer.js';
import { ModeSchedule } from './schedule.js';

/** The engine's side of each update's exchange: the mean of both halves, or (helper weight 0) its own. */
class EngineExchange implements GradientExchange {
  /** This thread's and the helper's share of the batch. */
  weights: [number, number] = [1, 0];

  constructor(
    private readonly ctrl: Int32Array,
    private readonly grads: Float32Array,
    private readonly values: Float32Array,
    private readonly why: () => string | null,
  ) {}

  reduce(own: Float32Array, values: Float32Array): void {
    waitSync(this.ctrl, GRADS_READY, this.why);
    const [wA, wB] = this.weights;
    const g = this.grads;
    const v = this.values;
    if (wB === 0) {
      g.set(own);
    } else {
      for (let i = 0; i < own.length; i++) own[i] = g[i] = wA * own[i] + wB * g[i];
      for (let i = 0; i < values.length; i++) values[i] = wA * values[i] + wB * v[i];
    }
    Atomics.store(this.ctrl, CTRL.state, AVERAGED);
    Atomics.notify(this.ctrl, CTRL.state);
  }
}

type Pair = { d: DiscriminatorStats; g: GeneratorStats };

export class GanDataParallel {
  private readonly ctrl: Int32Array;
  private readonly exchange: EngineExchange;
  private readonly schedule: ModeSchedule;
  private lastError: string | null = null;
  private broken: string | null = null;

  private constructor(
    private readonly steps: AdversarialSteps,
    private readonly worker: Worker,
    shared: { control: SharedArrayBuffer; grads: SharedArrayBuffer; values: SharedArrayBuffer },
    policy: Policy,
  ) {
    this.schedule = new ModeSchedule(policy === 'always-split' ? { warmup: Infinity, window: 1, hold: 1 } : undefined);
    this.ctrl = new Int32Array(shared.control);
    this.exchange = new EngineExchange(
      this.ctrl,
      new Float32Array(shared.grads),
      new Float32Array(shared.values),
      () => this.lastError,
    );
    steps.exchange = this.exchange;
    worker.on('message', (m: FromHelper) => {
      if (m.type === 'error') this.lastError = m.message;
    });
    worker.on('error', (e) => (this.lastError = e.message));
  }

  /**
   * Start the helper with replicas of `models` (compiled from `graph` with `compile`, trained with
   * `settings`) before the first step; `steps` is the engine's, on `models`.
   */
  static async start(
    run: {
      models: GanModels;
      steps: AdversarialSteps;
      graph: GraphDoc;
      settings: GanConfig;
      compile: CompileGanOptions;
    },
    backend: BackendName,
    policy: Policy = 'adaptive',
  ): Promise<GanDataParallel> {
    const { generator, discriminator } = run.models;
    const size = (m: tf.LayersModel) =>
      m.trainableWeights.reduce((n, w) => n + tf.util.sizeFromShape(w.shape as number[]), 0);
    const shared = {
      control: new SharedArrayBuffer(4 * 4),
      grads: new SharedArrayBuffer(4 * Math.max(size(generator), size(discriminator))),
      values: new SharedArrayBuffer(4 * 3),
    };
    const weights = (m: tf.LayersModel) => m.getWeights().map((w) => w.dataSync() as Float32Array);
    const worker = await startHelper({
      type: 'init-gan',
      backend,
      graph: run.graph,
      settings: run.settings,
      compile: run.compile,
      weights: { generator: weights(generator), discriminator: weights(discriminator) },
      ...shared,
    });
    return new GanDataParallel(run.steps, worker, shared, policy);
  }

  /** Threads the steps currently use: 2 while splitting pays, else 1 (see schedule.ts). */
  get threadsInUse(): 1 | 2 {
    return this.schedule.current === 'split' ? 2 : 1;
  }

  /** AdversarialSteps.stepPair over both threads (or the engine's alone, the helper following). */
  async stepPair(real: readonly tf.Tensor[], seed: number, labels?: readonly tf.Tensor[]): Promise<Pair> {
    if (this.broken)
      throw new DeepwireError('DW502', `data-parallel training stopped after an earlier failure: ${this.broken}`);
    const n = real[0].shape[0];
    const mode = n < 2 ? 'apply' : this.schedule.next();
    try {
      const t0 = performance.now();
      const result = mode === 'split' ? this.split(real, seed, labels) : this.alone(real, seed, labels);
      if (n >= 2) this.schedule.record(mode, performance.now() - t0);
      return result;
    } catch (e) {
      // Release the helper (it returns without applying) and refuse further steps: the replicas may differ now.
      this.broken = (e as Error).message;
      Atomics.store(this.ctrl, CTRL.state, FAILED);
      Atomics.notify(this.ctrl, CTRL.state);
      if (!this.lastError) await new Promise((r) => setTimeout(r, 20)); // let the helper's error message arrive
      if (this.lastError && e instanceof DeepwireError && e.code === 'DW502')
        throw new DeepwireError('DW502', `training helper thread failed: ${this.lastError}`);
      throw e;
    }
  }

  private alone(real: readonly tf.Tensor[], seed: number, labels?: readonly tf.Tensor[]): Pair {
    const n = real[0].shape[0];
    this.post({
      type: 'gan-step',
      mode: 'apply',
      k: real.length,
      seed,
      rows: { start: 0, count: n, total: n },
      real: [],
      realShape: [],
    });
    this.exchange.weights = [1, 0];
    return this.steps.stepPair(real, seed, labels);
  }

  private split(real: readonly tf.Tensor[], seed: number, labels?: readonly tf.Tensor[]): Pair {
    const n = real[0].shape[0];
    const nA = Math.ceil(n / 2);
    const halves = (ts: readonly tf.Tensor[]) => ts.map((t) => tf.split(t, [nA, n - nA]));
    const r = halves(real);
    const l = labels && halves(labels);
    try {
      this.post({
        type: 'gan-step',
        mode: 'split',
        k: real.length,
        seed,
        rows: { start: nA, count: n - nA, total: n },
        real: r.map(([, b]) => b.dataSync() as Float32Array),
        realShape: r[0][1].shape,
        ...(l ? { labels: l.map(([, b]) => b.dataSync() as Int32Array) } : {}),
      });
      this.exchange.weights = [nA / n, (n - nA) / n];
      return this.steps.stepPair(
        r.map(([a]) => a),
        seed,
        l?.map(([a]) => a),
        { start: 0, count: nA, total: n },
      );
    } finally {
      tf.dispose([...r.flat(), ...(l ?? []).flat()]);
    }
  }

  private post(m: GanStepMessage): void {
    this.worker.postMessage(m);
  }

  async close(): Promise<void> {
    this.steps.exchange = null;
    this.worker.postMessage({ type: 'close' });
    await this.worker.terminate();
  }
}
