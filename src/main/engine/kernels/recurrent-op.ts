/**
 * A fused recurrent layer (LSTM, GRU) as one op on the tape: its forward
 * kernel over the whole sequence, its backpropagation-through-time kernel,
 * and the sequence's own gradient as a third kernel run only when asked for.
 */
import * as tf from '@tensorflow/tfjs';
import { type RecurrentLayer, plainSequence } from './layer-call.js';
import {
  type CellActivation,
  type GateActivation,
  type SequenceAttrs,
  recurrentKernelsAvailable,
} from './recurrent-heap.js';
import type { WasmBackend } from './wasm-backend.js';

export interface SequenceKernels {
  forward: string;
  grad: string;
  inputGrad: string;
  /** The names the gradient kernel takes the forward's extra outputs under, in order (a missing last one is left out). */
  internals: string[];
}

const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];

/**
 * The layer's output over x [B, T, I] from its kernel W, recurrent kernel R and bias. The kernels
 * take `{ ...attrs, save }`: while a gradient is taped, `save` keeps every step's internals and the
 * gradient kernel answers [dz, dW, dR, db] (dz: the gates' gradients, time-major, for dx = dz·Wᵀ).
 */
export function fusedSequence(
  k: SequenceKernels,
  x: tf.Tensor3D,
  W: tf.Tensor2D,
  R: tf.Tensor2D,
  bias: tf.Tensor,
  options: object,
): tf.Tensor {
  const inputs = { x, kernel: W, recurrentKernel: R, bias };
  const taping = (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
  if (!taping) return run(k.forward, inputs, { ...options, save: false })[0];
  const attrs = { ...options, save: true };
  // As tf.customGrad, but each input's gradient is a function the tape calls only for inputs on the path to
  // what is differentiated: the sequence's gradient (one more product) is skipped when it is the data.
  const forwardFunc = (_: unknown, save: (ts: tf.Tensor[]) => void) => {
    const [value, ...internals] = run(k.forward, inputs, attrs);
    save([x, W, R, ...internals]);
    return value;
  };
  const backwardsFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [x2, w2, r2, ...internals] = saved;
    const gradInputs: tf.NamedTensorMap = { x: x2, kernel: w2, recurrentKernel: r2, dy };
    internals.forEach((t, i) => (gradInputs[k.internals[i]] = t));
    const [dz, dW, dR, db] = run(k.grad, gradInputs, attrs);
    return {
      0: () => run(k.inputGrad, { x: x2, kernel: w2, dz }, attrs)[0],
      1: () => dW,
      2: () => dR,
      3: () => db,
    };
  };
  const engine = tf.engine() as unknown as {
    runKernelFunc(p: {
      forwardFunc: typeof forwardFunc;
      backwardsFunc: typeof backwardsFunc;
      inputs: tf.NamedTensorMap;
    }): tf.Tensor;
  };
  return engine.runKernelFunc({ forwardFunc, backwardsFunc, inputs: { 0: x, 1: W, 2: R, 3: bias } });
}

/** Register each [name, kernel] on wasm unless it is there already. */
export function registerWasmKernels(kernels: ReadonlyArray<readonly [string, unknown]>): void {
  for (const [kernelName, kernelFunc] of kernels)
    if (!tf.getKernel(kernelName, 'wasm'))
      tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as tf.KernelFunc });
}

/** What a gated cell (LSTM's, GRU's) tells the fused ops. */
export interface GatedCell {
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  dropout: number;
  recurrentDropout: number;
}
export interface GatedLayer<C extends GatedCell> extends RecurrentLayer {
  cell: C;
  returnSequences: boolean;
}

/** The options every fused recurrent op takes (its kernels' attrs, less `save`). */
export type SequenceOptions = Omit<SequenceAttrs, 'save'>;

const ACTIVATIONS = new Set<string>(['tanh', 'sigmoid', 'relu', 'linear']);
const GATES = new Set<string>(['sigmoid', 'hardSigmoid']);

/**
 * The sequence and the options of a fused op when it can take this call: the plain case (plainSequence,
 * backwards included), no dropout while training, activation tanh, sigmoid, relu or linear, gates sigmoid or
 * hard_sigmoid, the pack's kernels on this backend. Null otherwise (the layer's own call runs).
 */
export function fusableCall(
  layer: GatedLayer<GatedCell>,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Record<string, unknown> | undefined,
): { x: tf.Tensor3D; options: SequenceOptions } | null {
  const x = plainSequence(layer, inputs, kwargs, true);
  const c = layer.cell;
  const activation = c.activation.getClassName();
  const gate = c.recurrentActivation.getClassName();
  const dropping = kwargs?.training === true && (c.dropout || c.recurrentDropout);
  if (!x || dropping || !ACTIVATIONS.has(activation) || !GATES.has(gate)) return null;
  if (!recurrentKernelsAvailable(tf.backend() as WasmBackend)) return null;
  const options = {
    activation: activation as CellActivation,
    gate: gate as GateActivation,
    returnSequences: layer.returnSequences,
    goBackwards: layer.goBackwards,
  };
  return { x, options };
}
