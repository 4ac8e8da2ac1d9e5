/**
 * The helper thread of data-parallel training: holds replica 1 of the model
 * and its optimizer, computes gradients on its half of each batch, and applies
 * the averaged gradients the engine thread hands back (see protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../select.js';
import {
  AVERAGED,
  CTRL,
  FAILED,
  GRADS_READY,
  IDLE,
  type FromHelper,
  type InitMessage,
  type StepMessage,
  type ToHelper,
} from './protocol.js';
import type { GanReplica } from './gan-replica.js';
import { applyGradients, computeGradients, rebuildOptimizer, setLearningRate } from './replica.js';

let model: tf.LayersModel | null = null;
let gan: GanReplica | null = null;
let optimizer: tf.Optimizer | null = null;
let ctrl: Int32Array;
let grads: Float32Array;
let values: Float32Array;

const post = (m: FromHelper) => parentPort?.postMessage(m);

async function init(m: InitMessage): Promise<void> {
  await initBackend(m.backend);
  model = await tf.models.modelFromJSON({ modelTopology: JSON.parse(m.modelJson) as tf.io.ModelJSON['modelTopology'] });
  model.setWeights(m.weights.map((w, i) => tf.tensor(w, model!.weights[i].shape as number[])));
  optimizer = rebuildOptimizer(m.optimizer as { className: string; config: tf.serialization.ConfigDict });
  model.compile({ optimizer, loss: m.compile.loss, metrics: m.compile.metrics });
  if (m.optimizerState.length > 0)
    await optimizer.setWeights(m.optimizerState.map((s) => ({ name: s.name, tensor: tf.tensor(s.data, s.shape) })));
  ctrl = new Int32Array(m.control);
  grads = new Float32Array(m.grads);
  values = new Float32Array(m.values);
}

function step(m: StepMessage): void {
  if (!model || !optimizer) throw new Error('step before init');
  setLearningRate(optimizer, m.learningRate);
  if (m.mode === 'apply') {
    // A single-thread step: the engine computes everything; this replica only applies its mean.
  } else if (m.xShape[0] === 0) {
    grads.fill(0);
    values.fill(0);
  } else {
    const x = tf.tensor(m.x, m.xShape);
    const y = tf.tensor(m.y, m.yShape);
    values.set(computeGradients(model, x, y, grads));
    tf.dispose([x, y]);
  }
  Atomics.store(ctrl, CTRL.state, GRADS_READY);
  Atomics.notify(ctrl, CTRL.state);
  while (Atomics.load(ctrl, CTRL.state) === GRADS_READY) Atomics.wait(ctrl, CTRL.state, GRADS_READY, 1000);
  if (Atomics.load(ctrl, CTRL.state) !== AVERAGED) return; // the engine gave up (FAILED): nothing to apply
  applyGradients(model, optimizer, grads);
  Atomics.store(ctrl, CTRL.state, IDLE);
  Atomics.notify(ctrl, CTRL.state);
}

parentPort?.on('message', (m: ToHelper) => {
  void (async () => {
    try {
      if (m.type === 'init') {
        await init(m);
        post({ type: 'ready' });
      } else if (m.type === 'init-gan') {
        await initBackend(m.backend);
        // Loaded only by GAN runs: the GAN modules are not needed for classifiers.
        const { GanReplica } = await import('./gan-replica.js');
        ctrl = new Int32Array(m.control);
        gan = GanReplica.create(m);
        post({ type: 'ready' });
      } else if (m.type === 'step') {
        step(m);
      } else if (m.type === 'gan-step') {
        if (!gan) throw new Error('step before init');
        gan.step(m);
      } else {
        process.exit(0);
      }
    } catch (e) {
      if (ctrl) {
        Atomics.store(ctrl, CTRL.state, FAILED);
        Atomics.notify(ctrl, CTRL.state);
      }
      post({ type: 'error', message: (e as Error).message ?? String(e) });
    }
  })();
});
