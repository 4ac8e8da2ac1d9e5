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
  LSTM_GRAD_KERNEL,
  LSTM_INPUT_GRAD_KERNEL,
  LSTM_KERNEL,
  lstmForwardKernel,
  lstmGradKernel,
  lstmInputGradKernel,
} from './lstm-kernel.js';
import { wrapLayerCall } from './layer-call.js';
import {
  type GatedCell,
  type GatedLayer,
  type SequenceKernels,
  type SequenceOptions,
  fusableCall,
  fusedSequence,
  registerWasmKernels,
} from './recurrent-op.js';

interface LstmCell extends GatedCell {
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
}

export type LstmOptions = SequenceOptions;

const KERNELS: SequenceKernels = {
  forward: LSTM_KERNEL,
  grad: LSTM_GRAD_KERNEL,
  inputGrad: LSTM_INPUT_GRAD_KERNEL,
  internals: ['gates', 'cs', 'acts', 'hs', 'pre'],
};

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
  return fusedSequence(KERNELS, x, W, R, b ?? tf.zeros([W.shape[1]]), options);
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
  registerWasmKernels([
    [LSTM_KERNEL, lstmForwardKernel],
    [LSTM_GRAD_KERNEL, lstmGradKernel],
    [LSTM_INPUT_GRAD_KERNEL, lstmInputGradKernel],
  ]);
  wrapLayerCall<GatedLayer<LstmCell>>('LSTM', (layer, inputs, kwargs) => {
    const call = enabled ? fusableCall(layer, inputs, kwargs) : null;
    if (!call) return null;
    const c = layer.cell;
    return tf.tidy(() =>
      lstm(
        call.x,
        c.kernel.read() as tf.Tensor2D,
        c.recurrentKernel.read() as tf.Tensor2D,
        (c.bias?.read() as tf.Tensor1D | undefined) ?? null,
        call.options,
      ),
    );
  });
  installed = true;
}
