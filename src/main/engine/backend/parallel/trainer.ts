/**
 * Data-parallel training on two threads: the calling (engine) thread and one
 * helper thread each hold a replica of the model, compute the gradients of
 * half of every batch at the same time, average them through shared memory,
 * and apply the same mean gradient with identical optimizers — so the
 * replicas stay equal without ever sending weights. `trainOnBatch` returns
 * what LayersModel.trainOnBatch does: [loss, ...metrics] over the whole batch.
 * Only the caller's model is used afterwards (evaluation, export); the
 * helper's BatchNormalization moving statistics are never read.
 */
import type { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../../shared/errors.js';
import type { BackendName } from '../../../../shared/training/backend.js';
import {
  AVERAGED,
  CTRL,
  FAILED,
  GRADS_READY,
  type FromHelper,
  type InitMessage,
  type StepMessage,
} from './protocol.js';
import { applyGradients, computeGradients, describeOptimizer, learningRateOf, parameterCount } from './replica.js';
import { STEP_TIMEOUT_MS, startHelper } from './helper.js';
import { ModeSchedule } from './schedule.js';

/** adaptive: split only while it is faster (measured); always-split: every step on both threads. */
export type Policy = 'adaptive' | 'always-split';

interface CompileConfig {
  loss: unknown;
  metrics?: unknown;
  optimizer: tf.Optimizer;
}

export class DataParallelTrainer {
  private readonly ctrl: Int32Array;
  private readonly grads: Float32Array;
  private readonly values: Float32Array;
  private readonly own: Float32Array;
  private lastError: string | null = null;
  private broken: string | null = null;
  private readonly schedule: ModeSchedule;

  private constructor(
    private readonly model: tf.LayersModel,
    private readonly worker: Worker,
    shared: { control: SharedArrayBuffer; grads: SharedArrayBuffer; values: SharedArrayBuffer },
    policy: Policy,
  ) {
    this.schedule = new ModeSchedule(policy === 'always-split' ? { warmup: Infinity, window: 1, hold: 1 } : undefined);
    this.ctrl = new Int32Array(shared.control);
    this.grads = new Float32Array(shared.grads);
    this.values = new Float32Array(shared.values);
    this.own = new Float32Array(this.grads.length);
    worker.on('message', (m: FromHelper) => {
      if (m.type === 'error') this.lastError = m.message;
    });
    worker.on('error', (e) => (this.lastError = e.message));
  }

  /**
   * Why `model` cannot be trained data-parallel, or null when it can: it must
   * be compiled with a named loss (a function cannot cross to the helper), one
   * input and one output.
   */
  static unsuitable(model: tf.LayersModel): string | null {
    const cfg = model as unknown as CompileConfig;
    if (!cfg.optimizer) return 'the model is not compiled';
    if (typeof cfg.loss !== 'string') return 'the loss is a function, not a named loss';
    if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'the model has several inputs or outputs';
    return null;
  }

  /** Start the helper with a replica of `model` on `backend` (check `unsuitable` first). */
  static async start(
    model: tf.LayersModel,
    backend: BackendName,
    policy: Policy = 'adaptive',
  ): Promise<DataParallelTrainer> {
    const cfg = model as unknown as CompileConfig;
    const why = DataParallelTrainer.unsuitable(model);
    if (why) throw new DeepwireError('DW502', `data-parallel training is not possible: ${why}`);
    const metrics = (Array.isArray(cfg.metrics) ? cfg.metrics : cfg.metrics ? [cfg.metrics] : []).filter(
      (m): m is string => typeof m === 'string',
    );
    const state = await cfg.optimizer.getWeights();
    const P = parameterCount(model);
    const shared = {
      control: new SharedArrayBuffer(4 * 4),
      grads: new SharedArrayBuffer(4 * P),
      values: new SharedArrayBuffer(4 * (1 + metrics.length)),
    };
    const init: InitMessage = {
      type: 'init',
      backend,
      modelJson: JSON.stringify(model.toJSON(null, false)),
      weights: model.getWeights().map((w) => w.dataSync() as Float32Array),
      compile: { loss: cfg.loss as string, metrics },
      optimizer: describeOptimizer(cfg.optimizer),
      optimizerState: state.map((s) => ({
        name: s.name,
        data: Float32Array.from(s.tensor.dataSync()),
        shape: s.tensor.shape,
      })),
      ...shared,
    };
    return new DataParallelTrainer(model, await startHelper(init), shared, policy);
  }

  /** Threads the steps currently use: 2 while splitting pays, else 1 (see schedule.ts). */
  get threadsInUse(): 1 | 2 {
    return this.schedule.current === 'split' ? 2 : 1;
  }

  /** One step on (x, y), split across both threads or not (schedule.ts); [loss, ...metrics] for the whole batch. */
  async trainOnBatch(x: tf.Tensor, y: tf.Tensor): Promise<number[]> {
    if (this.broken)
      throw new DeepwireError('DW502', `data-parallel training stopped after an earlier failure: ${this.broken}`);
    try {
      const mode = this.schedule.next();
      const t0 = performance.now();
      const result = mode === 'split' ? await this.splitStep(x, y) : await this.singleStep(x, y);
      this.schedule.record(mode, performance.now() - t0);
      return result;
    } catch (e) {
      // Release the helper (it returns without applying) and refuse further steps: the replicas may differ now.
      this.broken = (e as Error).message;
      Atomics.store(this.ctrl, CTRL.state, FAILED);
      Atomics.notify(this.ctrl, CTRL.state);
      throw e;
    }
  }

  /** All gradients here; the helper only applies them (keeping its replica equal). */
  private async singleStep(x: tf.Tensor, y: tf.Tensor): Promise<number[]> {
    const optimizer = (this.model as unknown as CompileConfig).optimizer;
    const empty = new Float32Array(0);
    this.worker.postMessage({
      type: 'step',
      mode: 'apply',
      x: empty,
      xShape: [0],
      y: empty,
      yShape: [0],
      learningRate: learningRateOf(optimizer),
    } satisfies StepMessage);
    const values = computeGradients(this.model, x, y, this.own);
    await this.waitFor(GRADS_READY);
    this.grads.set(this.own);
    applyGradients(this.model, optimizer, this.grads);
    Atomics.store(this.ctrl, CTRL.state, AVERAGED);
    Atomics.notify(this.ctrl, CTRL.state);
    return values;
  }

  private async splitStep(x: tf.Tensor, y: tf.Tensor): Promise<number[]> {
    const n = x.shape[0];
    const nA = Math.ceil(n / 2);
    const optimizer = (this.model as unknown as CompileConfig).optimizer;
    const [xA, xB] = tf.split(x, [nA, n - nA]);
    const [yA, yB] = tf.split(y, [nA, n - nA]);
    const step: StepMessage = {
      type: 'step',
      mode: 'split',
      x: xB.dataSync() as Float32Array | Int32Array,
      xShape: xB.shape,
      y: yB.dataSync() as Float32Array | Int32Array,
      yShape: yB.shape,
      learningRate: learningRateOf(optimizer),
    };
    this.worker.postMessage(step);
    const mine = computeGradients(this.model, xA, yA, this.own);
    tf.dispose([xA, xB, yA, yB]);
    await this.waitFor(GRADS_READY);
    // Weighted by each half's size: the mean gradient over the whole batch.
    const wA = nA / n;
    const wB = 1 - wA;
    const g = this.grads;
    const own = this.own;
    for (let i = 0; i < g.length; i++) g[i] = wA * own[i] + wB * g[i];
    const result = mine.map((v, i) => wA * v + wB * this.values[i]);
    applyGradients(this.model, optimizer, g);
    Atomics.store(this.ctrl, CTRL.state, AVERAGED);
    Atomics.notify(this.ctrl, CTRL.state);
    // The helper applies the same mean in parallel; the next step's wait for GRADS_READY covers its IDLE.
    return result;
  }

  /** Block (briefly) until the helper reaches `state`; a failure or a hang becomes DW502. */
  private async waitFor(state: number): Promise<void> {
    const deadline = Date.now() + STEP_TIMEOUT_MS;
    for (;;) {
      const now = Atomics.load(this.ctrl, CTRL.state);
      if (now === state) return;
      if (now === FAILED || this.lastError) {
        await new Promise((r) => setTimeout(r, 20)); // let the helper's error message arrive
        throw new DeepwireError('DW502', `training helper thread failed: ${this.lastError ?? 'unknown error'}`);
      }
      if (Date.now() > deadline) throw new DeepwireError('DW502', 'training helper thread stopped responding');
      Atomics.wait(this.ctrl, CTRL.state, now, 50);
      if (Atomics.load(this.ctrl, CTRL.state) === now) await new Promise((r) => setImmediate(r)); // keep error events flowing
    }
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' });
    await this.worker.terminate();
  }
}
