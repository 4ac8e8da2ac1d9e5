/**
 * LSTM as one op on wasm, for training and inference. TF.js's layer runs the
 * generic RNN loop: per time step the input's slice and its product, the
 * recurrent product, bias add, split, the gates, reshapes and the tape's
 * clones, ~100 kernel calls per step forward and backward (2,742 per
 * training step of the LSTM on MNIST rows), so the step is per-call
 * overhead. Here the forward pass over the whole sequence is one kernel and
 * its gradient, a hand-written backpropagation through time, another
 * (lstm-kernel.ts), as one op on the tape (nothing inside is taped or
 * cloned); the sequence's own gradient is a third, run only when asked for.
 * Only the plain case is taken: no mask, dropout, initial or returned state,
 * not stateful; activation tanh, sigmoid, relu or linear, gates sigmoid or
 * hard_sigmoid. Backwards (Bidirectional's second layer) is taken too: the
 * kernels read the sequence from its end. Everything else runs TF.js's call.
 */
import * as tf from '@tensorflow/tfjs';
import {
  type CellActivation,
  type GateActivation,
  LSTM_GRAD_KERNEL,
  LSTM_INPUT_GRAD_KERNEL,
  LSTM_KERNEL,
  type LstmAttrs,
  lstmForwardKernel,
  lstmGradKernel,
  lstmInputGradKernel,
  lstmKernelsAvailable,
} from './lstm-kernel.js';
import { type RecurrentLayer, plainSequence, wrapLayerCall } from './layer-call.js';
import type { WasmBackend } from './wasm-backend.js';

interface LstmCell {
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  dropout: number;
  recurrentDropout: number;
}
interface LstmLayer extends RecurrentLayer {
  cell: LstmCell;
  returnSequences: boolean;
}

const ACTIVATIONS = new Set<string>(['tanh', 'sigmoid', 'relu', 'linear']);
const GATES = new Set<string>(['sigmoid', 'hardSigmoid']);

export interface LstmOptions {
  activation: CellActivation;
  gate: GateActivation;
  returnSequences: boolean;
  goBackwards: boolean;
}

const run = (name: string, inputs: tf.NamedTensorMap, attrs: LstmAttrs) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];

/**
 * Keras's LSTM over x [B, T, I] with h₀ = c₀ = 0 (kernel W [I, 4U] and recurrent kernel R [U, 4U] with
 * the gates i, f, c, o along the columns, bias [4U] or null): every h_t ([B, T, U], in processing
 * order) or the last ([B, U]). While a gradient is taped, gradients for x, W, R and b.
 */
export function lstm(
  x: tf.Tensor3D,
  W: tf.Tensor2D,
  R: tf.Tensor2D,
  b: tf.Tensor1D | null,
  options: LstmOptions,
): tf.Tensor {
  const bias = b ?? tf.zeros([W.shape[1]]);
  const taping = (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
  if (!taping) return run(LSTM_KERNEL, { x, kernel: W, recurrentKernel: R, bias }, { ...options, save: false })[0];
  const attrs: LstmAttrs = { ...options, save: true };
  // As tf.customGrad, but each input's gradient is a function the tape calls only for inputs on the path to
  // what is differentiated: the sequence's gradient (one more product) is skipped when it is the data.
  const forwardFunc = (_: unknown, save: (ts: tf.Tensor[]) => void) => {
    const [value, ...internals] = run(LSTM_KERNEL, { x, kernel: W, recurrentKernel: R, bias }, attrs);
    save([x, W, R, ...internals]);
    return value;
  };
  const backwardsFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => {
    const [x2, w2, r2, gates, cs, acts, hs, pre] = saved;
    const inputs: tf.NamedTensorMap = { x: x2, kernel: w2, recurrentKernel: r2, dy, gates, cs, acts, hs };
    if (pre) inputs.pre = pre;
    const [dz, dW, dR, db] = run(LSTM_GRAD_KERNEL, inputs, attrs);
    return {
      0: () => run(LSTM_INPUT_GRAD_KERNEL, { x: x2, kernel: w2, dz }, attrs)[0],
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

let installed = false;
let enabled = true;

/** Switch the fused op off (TF.js's own layer everywhere) or back on: for comparing the two in one process. */
export function useFusedLstm(on: boolean): void {
  enabled = on;
}

/** Register the kernels on wasm and take over LSTM's call; once per process. */
export function installFusedLstm(): void {
  if (installed) return;
  for (const [kernelName, kernelFunc] of [
    [LSTM_KERNEL, lstmForwardKernel],
    [LSTM_GRAD_KERNEL, lstmGradKernel],
    [LSTM_INPUT_GRAD_KERNEL, lstmInputGradKernel],
  ] as const)
    if (!tf.getKernel(kernelName, 'wasm'))
      tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  wrapLayerCall<LstmLayer>('LSTM', (layer, inputs, kwargs) => {
    const x = enabled ? plainSequence(layer, inputs, kwargs, true) : null;
    const c = layer.cell;
    const activation = c.activation.getClassName();
    const gate = c.recurrentActivation.getClassName();
    const dropping = kwargs?.training === true && (c.dropout || c.recurrentDropout);
    if (!x || dropping || !ACTIVATIONS.has(activation) || !GATES.has(gate)) return null;
    if (!lstmKernelsAvailable(tf.backend() as WasmBackend)) return null;
    return tf.tidy(() =>
      lstm(
        x,
        c.kernel.read() as tf.Tensor2D,
        c.recurrentKernel.read() as tf.Tensor2D,
        (c.bias?.read() as tf.Tensor1D | undefined) ?? null,
        {
          activation: activation as CellActivation,
          gate: gate as GateActivation,
          returnSequences: layer.returnSequences,
          goBackwards: layer.goBackwards,
        },
      ),
    );
  });
  installed = true;
}
