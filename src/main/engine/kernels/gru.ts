/**
 * GRU as one op on wasm, for training and inference, as the LSTM
 * (lstm.ts): TF.js's layer runs the generic RNN loop, ~100 kernel calls per
 * time step forward and backward; here the forward pass over the sequence
 * and its backpropagation through time are one kernel each
 * (gru-kernel.ts), the sequence's own gradient a third, run only when
 * asked for. Both variants: TF.js's GRU (reset before the recurrent product)
 * and Deepwire's ResetAfterGRU (Keras's default). Only the plain case is
 * taken: no mask, dropout while training, initial or returned state, not
 * stateful; activation tanh, sigmoid, relu or linear, gates sigmoid or
 * hard_sigmoid; backwards too (Bidirectional's second layer). Everything
 * else runs the layer's own call.
 */
import * as tf from '@tensorflow/tfjs';
import { ResetAfterGRU } from '../compile/layers/gru-reset-after.js';
import {
  GRU_GRAD_KERNEL,
  GRU_INPUT_GRAD_KERNEL,
  GRU_KERNEL,
  type GruAttrs,
  gruForwardKernel,
  gruGradKernel,
} from './gru-kernel.js';
import { type RecurrentLayer, plainSequence, wrapLayerCall } from './layer-call.js';
import { lstmInputGradKernel } from './lstm-kernel.js';
import { type CellActivation, type GateActivation, recurrentKernelsAvailable } from './recurrent-heap.js';
import { type SequenceKernels, fusedSequence, registerWasmKernels } from './recurrent-op.js';
import type { WasmBackend } from './wasm-backend.js';

type Weight = { read(): tf.Tensor };
interface GruCell {
  /** TF.js's GRUCell; ResetAfterGRUCell keeps its own (kernelW, recurrentW, biasW). */
  kernel?: Weight;
  recurrentKernel?: Weight;
  bias?: Weight | null;
  kernelW?: Weight;
  recurrentW?: Weight;
  biasW?: Weight;
  activation: { getClassName(): string };
  recurrentActivation: { getClassName(): string };
  dropout: number;
  recurrentDropout: number;
}
interface GruLayer extends RecurrentLayer {
  cell: GruCell;
  returnSequences: boolean;
}

const ACTIVATIONS = new Set<string>(['tanh', 'sigmoid', 'relu', 'linear']);
const GATES = new Set<string>(['sigmoid', 'hardSigmoid']);

export type GruOptions = Omit<GruAttrs, 'save'>;

const KERNELS: SequenceKernels = {
  forward: GRU_KERNEL,
  grad: GRU_GRAD_KERNEL,
  inputGrad: GRU_INPUT_GRAD_KERNEL,
  internals: ['gates', 'rec', 'hs', 'pre'],
};

/**
 * Keras's GRU over x [B, T, I] with h₀ = 0 (kernel W [I, 3U] and recurrent kernel R [U, 3U] with the
 * gates z, r, h along the columns; bias [3U], or [2, 3U] when reset after, or null): every h_t
 * ([B, T, U], in processing order) or the last ([B, U]). While a gradient is taped, gradients for x, W,
 * R and b.
 */
export function gru(
  x: tf.Tensor3D,
  W: tf.Tensor2D,
  R: tf.Tensor2D,
  b: tf.Tensor | null,
  options: GruOptions,
): tf.Tensor {
  const bias = b ?? tf.zeros(options.resetAfter ? [2, W.shape[1]] : [W.shape[1]]);
  return fusedSequence(KERNELS, x, W, R, bias, options);
}

let installed = false;
let enabled = true;

/** Switch the fused op off (the layers' own calls everywhere) or back on: for comparing the two in one process. */
export function useFusedGru(on: boolean): void {
  enabled = on;
}

/** Register the kernels on wasm and take over the calls of GRU and ResetAfterGRU; once per process. */
export function installFusedGru(): void {
  if (installed) return;
  registerWasmKernels([
    [GRU_KERNEL, gruForwardKernel],
    [GRU_GRAD_KERNEL, gruGradKernel],
    [GRU_INPUT_GRAD_KERNEL, lstmInputGradKernel],
  ]);
  for (const [className, resetAfter] of [
    ['GRU', false],
    [ResetAfterGRU.className, true],
  ] as const)
    wrapLayerCall<GruLayer>(className, (layer, inputs, kwargs) => {
      const x = enabled ? plainSequence(layer, inputs, kwargs, true) : null;
      const c = layer.cell;
      const activation = c.activation.getClassName();
      const gate = c.recurrentActivation.getClassName();
      const dropping = kwargs?.training === true && (c.dropout || c.recurrentDropout);
      const [W, R] = [c.kernelW ?? c.kernel, c.recurrentW ?? c.recurrentKernel];
      if (!x || !W || !R || dropping || !ACTIVATIONS.has(activation) || !GATES.has(gate)) return null;
      if (!recurrentKernelsAvailable(tf.backend() as WasmBackend)) return null;
      return tf.tidy(() =>
        gru(x, W.read() as tf.Tensor2D, R.read() as tf.Tensor2D, (c.biasW ?? c.bias)?.read() ?? null, {
          activation: activation as CellActivation,
          gate: gate as GateActivation,
          returnSequences: layer.returnSequences,
          goBackwards: layer.goBackwards,
          resetAfter,
        }),
      );
    });
  installed = true;
}
