/**
 * SimpleRNN as one op on wasm. TF.js runs the layer one time step at a time
 * through the generic RNN loop (slices, a fused matmul, bias add, activation,
 * reshapes, and the tape's clones of each), ~50 kernel calls per time step
 * forward and backward: the SimpleRNN forecaster's step is per-call overhead,
 * not arithmetic. Here the input product x·W + b is one matmul over all time
 * steps, the recurrence three kernels per step, and the gradient is written
 * by hand (backpropagation through time): the weight gradients are one matmul
 * each over all steps. The ops inside a customGrad are not taped, so nothing
 * is cloned for the tape. Only the plain case is taken (no mask, dropout,
 * initial or returned state, not stateful, not backwards; activation tanh,
 * relu, sigmoid or linear); everything else runs TF.js's own call.
 */
import * as tf from '@tensorflow/tfjs';
import { type RecurrentLayer, plainSequence, wrapLayerCall } from './layer-call.js';

type Activation = 'tanh' | 'relu' | 'sigmoid' | 'linear';

interface Cell {
  kernel: { read(): tf.Tensor };
  recurrentKernel: { read(): tf.Tensor };
  bias: { read(): tf.Tensor } | null;
  activation: { getClassName(): string };
  dropout: number;
  recurrentDropout: number;
}
interface SimpleRnnLayer extends RecurrentLayer {
  cell: Cell;
  returnSequences: boolean;
}

const ACTIVATIONS = new Set<string>(['tanh', 'relu', 'sigmoid', 'linear']);

function activate(z: tf.Tensor, a: Activation): tf.Tensor {
  if (a === 'tanh') return tf.tanh(z);
  if (a === 'relu') return tf.relu(z);
  if (a === 'sigmoid') return tf.sigmoid(z);
  return z;
}

/** dL/dz from dL/dh and the activation's output h. */
function activationGrad(dh: tf.Tensor, h: tf.Tensor, a: Activation): tf.Tensor {
  if (a === 'tanh') return tf.mul(dh, tf.sub(1, tf.square(h)));
  if (a === 'relu') return tf.mul(dh, tf.step(h));
  if (a === 'sigmoid') return tf.mul(dh, tf.mul(h, tf.sub(1, h)));
  return dh;
}

/**
 * h_t = act(x_t·W + h_{t−1}·R + b), h_0 = 0, over x [B, T, I]; returns every
 * h_t ([B, T, U]) or the last ([B, U]). Gradients for x, W, R and b.
 */
export function simpleRnn(
  x: tf.Tensor3D,
  W: tf.Tensor2D,
  R: tf.Tensor2D,
  b: tf.Tensor1D | null,
  activation: Activation,
  returnSequences: boolean,
): tf.Tensor {
  const [B, T, I] = x.shape;
  const U = W.shape[1];
  const bias = b ?? tf.zeros([U]);
  const op = tf.customGrad((xIn, wIn, rIn, bIn, save) => {
    const [xs, w, r, bb] = [xIn, wIn, rIn, bIn] as tf.Tensor[];
    // Time-major, so each step's rows are contiguous: [T·B, I] · W + b.
    const xt = tf.reshape(tf.transpose(xs, [1, 0, 2]), [T * B, I]) as tf.Tensor2D;
    const zx = tf.add(tf.matMul(xt, w as tf.Tensor2D), bb);
    const steps = tf.split(zx, T, 0);
    const hs: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const z = t === 0 ? steps[0] : tf.add(steps[t], tf.matMul(hs[t - 1] as tf.Tensor2D, r as tf.Tensor2D));
      hs.push(activate(z, activation));
    }
    const all = tf.concat(hs, 0); // [T·B, U], time-major
    (save as (ts: tf.Tensor[]) => void)([xt, w, r, all]);
    const value = returnSequences ? tf.transpose(tf.reshape(all, [T, B, U]), [1, 0, 2]) : hs[T - 1];
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xt2, w2, r2, all2] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        const h = tf.split(all2, T, 0);
        const dys = returnSequences ? tf.split(tf.reshape(tf.transpose(dy, [1, 0, 2]), [T * B, U]), T, 0) : null;
        const dzs: tf.Tensor[] = new Array<tf.Tensor>(T);
        let carry: tf.Tensor | null = returnSequences ? null : dy;
        // Rᵀ once: every step's product then has the same right operand, which XNNPACK packs once and caches.
        const rT = tf.transpose(r2) as tf.Tensor2D;
        for (let t = T - 1; t >= 0; t--) {
          const dh = dys ? (carry ? tf.add(dys[t], carry) : dys[t]) : carry!;
          dzs[t] = activationGrad(dh, h[t], activation);
          if (t > 0) carry = tf.matMul(dzs[t] as tf.Tensor2D, rT);
        }
        const dz = tf.concat(dzs, 0) as tf.Tensor2D; // [T·B, U]
        const dW = tf.matMul(xt2, dz, true, false);
        const db = tf.sum(dz, 0);
        // dR = Σ_{t≥1} h_{t−1}ᵀ · dz_t: one product over the shifted rows.
        const dR =
          T > 1
            ? tf.matMul(tf.slice(all2, [0, 0], [(T - 1) * B, U]), tf.slice(dz, [B, 0], [(T - 1) * B, U]), true, false)
            : tf.zerosLike(r2);
        const dx = tf.transpose(tf.reshape(tf.matMul(dz, w2, false, true), [T, B, I]), [1, 0, 2]);
        return [dx, dW, dR, db];
      },
    };
  });
  return op(x, W, R, bias);
}

let installed = false;

/** Install once per process. */
export function installFusedSimpleRnn(): void {
  if (installed) return;
  wrapLayerCall<SimpleRnnLayer>('SimpleRNN', (layer, inputs, kwargs) => {
    const x = plainSequence(layer, inputs, kwargs);
    const c = layer.cell;
    const activation = c.activation.getClassName();
    if (!x || c.dropout || c.recurrentDropout || !ACTIVATIONS.has(activation)) return null;
    return tf.tidy(() =>
      simpleRnn(
        x,
        c.kernel.read() as tf.Tensor2D,
        c.recurrentKernel.read() as tf.Tensor2D,
        (c.bias?.read() as tf.Tensor1D | undefined) ?? null,
        activation as Activation,
        layer.returnSequences,
      ),
    );
  });
  installed = true;
}
