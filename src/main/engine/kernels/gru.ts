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
import { wrapLayerCall } from './layer-call.js';
import { lstmInputGradKernel } from './lstm-kernel.js';
import {
  type GatedCell,
  type GatedLayer,
  type SequenceKernels,
  fusableCall,
  fusedSequence,
  registerWasmKernels,
} from './recurrent-op.js';

type Weight = { read(): tf.Tensor };
interface GruCell extends GatedCell {
  /** TF.js's GRUCell; ResetAfterGRUCell keeps its own (kernelW, recurrentW, biasW). */
  kernel?: Weight;
  recurrentKernel?: Weight;
  bias?: Weight | null;
  kernelW?: Weight;
  recurrentW?: Weight;
  biasW?: Weight;
}

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
    wrapLayerCall<GatedLayer<GruCell>>(className, (layer, inputs, kwargs) => {
      const call = enabled ? fusableCall(layer, inputs, kwargs) : null;
      const c = layer.cell;
      const [W, R] = [c.kernelW ?? c.kernel, c.recurrentW ?? c.recurrentKernel];
      if (!call || !W || !R) return null;
      const b = (c.biasW ?? c.bias)?.read() ?? null;
      return tf.tidy(() =>
        gru(call.x, W.read() as tf.Tensor2D, R.read() as tf.Tensor2D, b, { ...call.options, resetAfter }),
      );
    });
  installed = true;
}
