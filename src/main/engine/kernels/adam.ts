/**
 * A fused Adam step for the wasm backend. TF.js's Adam runs ~12 elementwise
 * kernels per variable per step, each a full pass over memory (for the
 * source CNN's 694k weights that is ~6 ms of a ~35 ms step). There is no
 * optimizer kernel to register, so the pack wraps AdamOptimizer.applyGradients:
 * on wasm it makes one SIMD pass per variable with the same float32 math, op
 * for op, and the same state variables (so saving/restoring optimizer state
 * still works); on any other backend the original runs unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { simdKernels } from './simd.js';
import { type WasmBackend, heapF32 } from './wasm-backend.js';

interface Moment {
  originalName: string;
  variable: tf.Variable;
}
interface AdamInternals {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Moment[];
  accumulatedSecondMoment: Moment[];
  incrementIterations(): void;
}
type Grads = tf.NamedTensorMap | Array<{ name: string; tensor: tf.Tensor }>;
type Apply = (this: tf.AdamOptimizer, grads: Grads) => void;

const f = Math.fround;
let original: Apply | null = null;

/** The scalar's float32 value, read straight from the heap (no sync readback). */
function scalarOf(backend: WasmBackend, t: tf.Tensor): number {
  return heapF32(backend, t)[0];
}

function fusedApply(this: tf.AdamOptimizer, grads: Grads): void {
  const backend = tf.backend() as WasmBackend;
  const simd = tf.getBackend() === 'wasm' ? simdKernels(backend) : null;
  if (!simd || !original) return original?.call(this, grads);
  const opt = this as unknown as AdamInternals;
  const names = Array.isArray(grads) ? grads.map((v) => v.name) : Object.keys(grads);
  // Tensors created on another backend (data not yet moved to the wasm heap): take the ordinary path.
  const onHeap = (t: tf.Tensor | undefined) => !t || backend.dataIdMap.has(t.dataId);
  const all: Array<tf.Tensor | undefined> = [
    opt.accBeta1,
    opt.accBeta2,
    ...names.map((n) => tf.engine().registeredVariables[n]),
  ];
  all.push(...(Array.isArray(grads) ? grads.map((g) => g.tensor) : Object.values(grads)));
  all.push(...[...opt.accumulatedFirstMoment, ...opt.accumulatedSecondMoment].map((m) => m?.variable));
  if (!all.every(onHeap)) return original.call(this, grads);
  const c1 = f(1 - scalarOf(backend, opt.accBeta1));
  const c2 = f(1 - scalarOf(backend, opt.accBeta2));
  const [b1, b2, omb1, omb2, negLr, eps] = [
    opt.beta1,
    opt.beta2,
    1 - opt.beta1,
    1 - opt.beta2,
    -opt.learningRate,
    opt.epsilon,
  ].map(f);
  tf.tidy(() => {
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      opt.accumulatedFirstMoment[i] ??= {
        originalName: `${name}/m`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      opt.accumulatedSecondMoment[i] ??= {
        originalName: `${name}/v`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      const gradient = Array.isArray(grads) ? grads[i].tensor : grads[name];
      if (gradient == null) return;
      const m = opt.accumulatedFirstMoment[i].variable;
      const v = opt.accumulatedSecondMoment[i].variable;
      const outs = [value, m, v].map((t) => backend.makeOutput(t.shape, 'float32'));
      const at = (t: tf.TensorInfo) => backend.dataIdMap.get(t.dataId).memoryOffset;
      const n = value.size;
      const vec = n - (n % 4);
      simd.adam(
        at(value),
        at(gradient),
        at(m),
        at(v),
        at(outs[0]),
        at(outs[1]),
        at(outs[2]),
        vec * 4,
        b1,
        b2,
        omb1,
        omb2,
        c1,
        c2,
        negLr,
        eps,
      );
      if (vec < n) {
        // The last n % 4 elements, with the same float32 rounding at every step.
        const [W, G, M, V] = [value, gradient, m, v].map((t) => heapF32(backend, t));
        const [WO, MO, VO] = outs.map((t) => heapF32(backend, t));
        for (let k = vec; k < n; k++) {
          const mk = f(f(M[k] * b1) + f(G[k] * omb1));
          const vk = f(f(V[k] * b2) + f(f(G[k] * G[k]) * omb2));
          MO[k] = mk;
          VO[k] = vk;
          WO[k] = f(f(f(f(mk / c1) / f(f(Math.sqrt(f(vk / c2))) + eps)) * negLr) + W[k]);
        }
      }
      const [nw, nm, nv] = outs.map((t) => tf.engine().makeTensorFromTensorInfo(t));
      m.assign(nm);
      v.assign(nv);
      value.assign(nw);
    });
    opt.accBeta1.assign(tf.mul(opt.accBeta1, opt.beta1));
    opt.accBeta2.assign(tf.mul(opt.accBeta2, opt.beta2));
  });
  opt.incrementIterations();
}

/** Route every AdamOptimizer through the fused step while on wasm (idempotent). */
export function installFusedAdam(): void {
  if (original) return;
  const proto = tf.AdamOptimizer.prototype as unknown as { applyGradients: Apply };
  original = proto.applyGradients;
  proto.applyGradients = fusedApply;
}
