/**
 * One replica's share of a data-parallel training step: the gradients of the
 * model's compiled loss (plus regularizers, as LayersModel.trainOnBatch
 * computes it) on a slice of the batch, flattened into one buffer in
 * trainable-weight order, and applying a flat gradient buffer.
 */
import * as tf from '@tensorflow/tfjs';

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
interface CompiledInternals {
  lossFunctions: LossFn[];
  metricsTensors: Array<[LossFn, number]>;
  calculateLosses(): tf.Scalar[];
  collectedTrainableWeights: Array<{ read(): tf.Variable }>;
}

/** A Sequential keeps its compiled state (losses, metrics) on an inner functional model. */
function compiled(model: tf.LayersModel): CompiledInternals {
  const inner = (model as unknown as { model?: tf.LayersModel }).model;
  return (inner && inner !== model ? inner : model) as unknown as CompiledInternals;
}

export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  const m = compiled(model);
  return (m.collectedTrainableWeights ?? model.trainableWeights).map((w) => w.read());
}

export function parameterCount(model: tf.LayersModel): number {
  return trainableVariables(model).reduce((n, v) => n + v.size, 0);
}

/**
 * Loss and metric values on (x, y), gradients written into `out` (length =
 * parameterCount) in trainable-variable order.
 */
export function computeGradients(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, out: Float32Array): number[] {
  const m = compiled(model);
  if (!m.lossFunctions || m.lossFunctions.length !== 1)
    throw new Error('data-parallel training needs a compiled model with one output');
  const vars = trainableVariables(model);
  const metrics: tf.Scalar[] = [];
  const { value, grads } = tf.variableGrads(() => {
    const pred = model.apply(x, { training: true }) as tf.Tensor;
    let loss = tf.mean(m.lossFunctions[0](y, pred)) as tf.Scalar;
    for (const [metric] of m.metricsTensors) metrics.push(tf.keep(tf.mean(metric(y, pred)) as tf.Scalar));
    for (const r of m.calculateLosses()) loss = tf.add(loss, r);
    return loss;
  }, vars);
  flattenGradients(vars, grads, out);
  const values = [value.dataSync()[0], ...metrics.map((t) => t.dataSync()[0])];
  tf.dispose([value, ...Object.values(grads), ...metrics]);
  return values;
}

/** `grads` (keyed by variable name) into `out`, one after another in the order of `vars`. */
export function flattenGradients(vars: readonly tf.Variable[], grads: tf.NamedTensorMap, out: Float32Array): void {
  let offset = 0;
  for (const v of vars) {
    copyInto(grads[v.name], out, offset);
    offset += v.size;
  }
}

/** Copy a float32 tensor into `out` at `offset`: straight off the wasm heap when on wasm (one copy, no garbage). */
function copyInto(t: tf.Tensor, out: Float32Array, offset: number): void {
  const backend = tf.backend() as tf.KernelBackend & {
    wasm?: { HEAPF32: Float32Array };
    dataIdMap?: { get(id: object): { memoryOffset: number } };
  };
  if (backend.wasm && backend.dataIdMap && t.dtype === 'float32') {
    out.set(
      new Float32Array(backend.wasm.HEAPF32.buffer, backend.dataIdMap.get(t.dataId).memoryOffset, t.size),
      offset,
    );
  } else {
    out.set(t.dataSync() as Float32Array, offset);
  }
}

/** optimizer.applyGradients with the flat buffer cut back into one tensor per variable. */
export function applyGradients(model: tf.LayersModel, optimizer: tf.Optimizer, flat: Float32Array): void {
  applyFlatGradients(trainableVariables(model), optimizer, flat);
}

/** optimizer.applyGradients for `vars` from one flat buffer in their order. */
export function applyFlatGradients(vars: readonly tf.Variable[], optimizer: tf.Optimizer, flat: Float32Array): void {
  const named: tf.NamedTensorMap = {};
  let offset = 0;
  for (const v of vars) {
    named[v.name] = tf.tensor(flat.subarray(offset, offset + v.size), v.shape);
    offset += v.size;
  }
  optimizer.applyGradients(named);
  tf.dispose(Object.values(named));
}

/** The optimizer's class and config, enough to build an identical one elsewhere. */
export function describeOptimizer(optimizer: tf.Optimizer): { className: string; config: tf.serialization.ConfigDict } {
  return { className: optimizer.getClassName(), config: optimizer.getConfig() };
}

export function rebuildOptimizer(d: { className: string; config: tf.serialization.ConfigDict }): tf.Optimizer {
  const c = d.config as Record<string, number & boolean>;
  switch (d.className) {
    case 'Adam':
      return tf.train.adam(c.learningRate, c.beta1, c.beta2, c.epsilon);
    case 'SGD':
      return tf.train.sgd(c.learningRate);
    case 'Momentum':
      return tf.train.momentum(c.learningRate, c.momentum, c.useNesterov);
    case 'RMSProp':
      return tf.train.rmsprop(c.learningRate, c.decay, c.momentum, c.epsilon, c.centered);
    case 'Adagrad':
      return tf.train.adagrad(c.learningRate, c.initialAccumulatorValue);
    default:
      throw new Error(`data-parallel training does not know the optimizer ${d.className}`);
  }
}

/** The live learning rate (schedules change it between epochs). */
export function learningRateOf(optimizer: tf.Optimizer): number {
  return (optimizer as unknown as { learningRate: number }).learningRate;
}

/**
 * SGD and momentum cache the rate as a tensor behind a setter; the others read
 * the field each step. (Not `instanceof tf.SGDOptimizer`: tf.Optimizer's
 * Symbol.hasInstance makes every optimizer an instance of every optimizer class.)
 */
export function setLearningRate(optimizer: tf.Optimizer, rate: number): void {
  const o = optimizer as unknown as { learningRate: number; setLearningRate?: (r: number) => void };
  if (o.learningRate === rate) return;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(rate);
  else o.learningRate = rate;
}
