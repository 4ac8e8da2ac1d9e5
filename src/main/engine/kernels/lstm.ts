/**
 * LSTM inference as a few ops per time step on wasm. TF.js's layer runs the
 * generic RNN loop (per step: the input's slice and its own product, the
 * recurrent product, bias add, split, the gates, reshapes, ~22 kernel calls),
 * so predicting with the LSTM on MNIST rows is per-call overhead. Here the
 * input product x·W + b is one matmul over all time steps and each step is
 * the recurrent product, one add, one split and the gate arithmetic, with the
 * layer's own activation objects (the same values). Only while no gradient is
 * taped (inference; training keeps TF.js's call and its gradient) and only
 * the plain case: no mask, initial or returned state, not stateful, not
 * backwards, no dropout in training mode.
 */
import * as tf from '@tensorflow/tfjs';
import { type RecurrentLayer, plainSequence, wrapLayerCall } from './layer-call.js';

interface LstmCell {
  units: number;
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { apply(x: tf.Tensor): tf.Tensor };
  recurrentActivation: { apply(x: tf.Tensor): tf.Tensor };
  dropout: number;
  recurrentDropout: number;
}
interface LstmLayer extends RecurrentLayer {
  cell: LstmCell;
  returnSequences: boolean;
}

/** Keras's LSTM (gates i, f, c, o in that order along the kernel's columns) over x [B, T, I], h₀ = c₀ = 0. */
export function lstmForward(x: tf.Tensor3D, cell: LstmCell, returnSequences: boolean): tf.Tensor {
  const [B, T, I] = x.shape;
  const gate = (z: tf.Tensor) => cell.recurrentActivation.apply(z);
  const act = (z: tf.Tensor) => cell.activation.apply(z);
  return tf.tidy(() => {
    // Time-major, so each step's rows are contiguous: [T·B, I] · W + b.
    const xt = tf.reshape(tf.transpose(x, [1, 0, 2]), [T * B, I]) as tf.Tensor2D;
    let zx = tf.matMul(xt, cell.kernel.read() as tf.Tensor2D) as tf.Tensor;
    if (cell.bias) zx = tf.add(zx, cell.bias.read());
    const steps = tf.split(zx, T, 0);
    const r = cell.recurrentKernel.read() as tf.Tensor2D;
    const hs: tf.Tensor[] = [];
    let h: tf.Tensor | null = null;
    let c: tf.Tensor | null = null;
    for (let t = 0; t < T; t++) {
      const z: tf.Tensor = h ? tf.add(steps[t], tf.matMul(h as tf.Tensor2D, r)) : steps[t];
      const [zi, zf, zc, zo] = tf.split(z, 4, 1);
      const ig = tf.mul(gate(zi), act(zc));
      c = c ? tf.add(tf.mul(gate(zf), c), ig) : ig;
      h = tf.mul(gate(zo), act(c));
      if (returnSequences) hs.push(h);
    }
    return returnSequences ? tf.stack(hs, 1) : h!;
  });
}

let installed = false;

/** Install once per process. */
export function installFusedLstmInference(): void {
  if (installed) return;
  wrapLayerCall<LstmLayer>('LSTM', (layer, inputs, kwargs) => {
    const x = plainSequence(layer, inputs, kwargs);
    const taping = (tf.engine().state as unknown as { gradientDepth: number }).gradientDepth > 0;
    const c = layer.cell;
    const dropping = kwargs?.training === true && (c.dropout || c.recurrentDropout);
    return x && !taping && !dropping ? lstmForward(x, c, layer.returnSequences) : null;
  });
  installed = true;
}
