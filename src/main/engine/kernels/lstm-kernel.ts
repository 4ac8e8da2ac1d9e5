/**
 * The LSTM's two kernels on the wasm heap: the whole forward pass over the
 * sequence (DeepwireLstm) and its backpropagation through time
 * (DeepwireLstmGrad). Each is one kernel call: the products on the pack's
 * GEMM straight on the heap (x·W + b for all steps at once, then h·R per
 * step into the same rows), the gates with the pack's SIMD sigmoid/tanh, the
 * cell arithmetic in wasm SIMD (lstm-simd.ts; JS loops over heap views where
 * it does not apply), so no TF.js op runs per time step. Keras's layout: the kernel's columns are the gates i, f, c, o.
 *
 * Saved for the gradient (time-major, row t·B + b): the gates after their
 * activations [T·B, 4U], the cell states c and act(c) [T·B, U], the outputs
 * h [T·B, U], and for hard_sigmoid gates also their inputs (the clip's
 * gradient is decided on them, as TF.js's ClipByValue gradient does).
 */
import type * as tf from '@tensorflow/tfjs';
import { gemm, gemmKernels } from './gemm.js';
import { lstmSimd } from './lstm-simd.js';
import {
  type SequenceAttrs,
  activate,
  code,
  f32,
  gateSlope,
  slope,
  addStepGrad,
  inputProduct,
  storeStep,
  gradStart,
  timeMajorCopy,
} from './recurrent-heap.js';
import { simdKernels } from './simd.js';
import { type Info, type WasmBackend, byteOffset, dispose, transpose } from './wasm-backend.js';

export type LstmAttrs = SequenceAttrs;

interface ForwardInputs extends tf.NamedTensorInfoMap {
  x: Info;
  kernel: Info;
  recurrentKernel: Info;
  bias: Info;
}

/**
 * Outputs: y ([B, T, U] in processing order, or the last step's [B, U]); when `save`, also the gates
 * [T·B, 4U], c and act(c) [T·B, U], h [T·B, U], and for hard_sigmoid the gates' inputs [T·B, 4U].
 */
export function lstmForwardKernel(args: { inputs: ForwardInputs; backend: WasmBackend; attrs: LstmAttrs }): Info[] {
  const { inputs, backend, attrs } = args;
  const { activation, gate, returnSequences, goBackwards, save } = attrs;
  const [B, T, I] = inputs.x.shape;
  const U = inputs.recurrentKernel.shape[0];
  const G = 4 * U;
  const steps = save ? T : Math.min(T, 2); // c, act(c), h: every step, or the last two
  const hard = gate === 'hardSigmoid' && save;
  const y = backend.makeOutput(returnSequences ? [B, T, U] : [B, U], 'float32');
  const gates = backend.makeOutput([T * B, G], 'float32');
  const cs = backend.makeOutput([steps * B, U], 'float32');
  const acts = backend.makeOutput([steps * B, U], 'float32');
  const hs = backend.makeOutput([steps * B, U], 'float32');
  const pre = hard ? backend.makeOutput([T * B, G], 'float32') : null;
  const xt = timeMajorCopy(backend, inputs.x, goBackwards, false);
  const zero = backend.makeOutput([B, U], 'float32'); // c₀
  const heap = backend.wasm.HEAPF32; // after the allocations (the heap may have grown)
  const k = gemmKernels(backend)!;
  const simd = U % 4 === 0 ? lstmSimd(backend) : null;
  const at = (t: Info) => byteOffset(backend, t) >> 2;
  const [Z, C, A, H, XT, Y, C0] = [gates, cs, acts, hs, xt, y, zero].map(at);
  heap.fill(0, C0, C0 + B * U);
  const P = pre ? at(pre) : -1;
  const bias = at(inputs.bias);
  // z = b + x·W for every step at once; each step then adds h_{t−1}·R into its own rows.
  inputProduct(k, heap, XT, byteOffset(backend, inputs.kernel), Z, bias, T * B, G, I);
  const slot = (t: number) => (save ? t : t % 2) * B * U;
  for (let t = 0; t < T; t++) {
    const z = Z + t * B * G;
    if (t > 0) gemm(k, heap, 4 * (H + slot(t - 1)), byteOffset(backend, inputs.recurrentKernel), 4 * z, B, G, U);
    if (P >= 0) heap.copyWithin(P + t * B * G, z, z + B * G);
    for (let b = 0; b < B; b++) {
      const row = z + b * G;
      activate(backend, heap, gate, row, 2 * U);
      activate(backend, heap, activation, row + 2 * U, U);
      activate(backend, heap, gate, row + 3 * U, U);
    }
    const c = C + slot(t);
    const cPrev = t > 0 ? C + slot(t - 1) : C0;
    if (simd) simd.cell(4 * z, 4 * cPrev, 4 * c, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        for (let j = 0; j < U; j++)
          heap[c + b * U + j] =
            f32(heap[row + U + j] * heap[cPrev + b * U + j]) + f32(heap[row + j] * heap[row + 2 * U + j]);
      }
    const a = A + slot(t);
    heap.copyWithin(a, c, c + B * U);
    activate(backend, heap, activation, a, B * U);
    const h = H + slot(t);
    if (simd) simd.out(4 * z, 4 * a, 4 * h, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const o = z + b * G + 3 * U;
        for (let j = 0; j < U; j++) heap[h + b * U + j] = heap[o + j] * heap[a + b * U + j];
      }
    if (returnSequences) storeStep(heap, Y, h, t, B, T, U);
  }
  if (!returnSequences) heap.copyWithin(Y, H + slot(T - 1), H + slot(T - 1) + B * U);
  dispose(backend, xt, zero);
  if (!save) {
    dispose(backend, gates, cs, acts, hs);
    return [y];
  }
  return pre ? [y, gates, cs, acts, hs, pre] : [y, gates, cs, acts, hs];
}

interface GradInputs extends tf.NamedTensorInfoMap {
  x: Info;
  kernel: Info;
  recurrentKernel: Info;
  dy: Info;
  gates: Info;
  cs: Info;
  acts: Info;
  hs: Info;
  /** The gates' inputs (hard_sigmoid only). */
  pre?: Info;
}

/**
 * Outputs dz [(T + 1)·B, 4U] (the gates' gradients, time-major, and a block of zeros), dW [I, 4U],
 * dR [U, 4U], db [4U] from dy and the forward's saved internals.
 */
export function lstmGradKernel(args: { inputs: GradInputs; backend: WasmBackend; attrs: LstmAttrs }): Info[] {
  const { inputs, backend, attrs } = args;
  const { activation, gate, returnSequences } = attrs;
  const [B, T, I] = inputs.x.shape;
  const U = inputs.recurrentKernel.shape[0];
  const G = 4 * U;
  const { dW, dR, dz, dh, rT, hT, xT, zero } = gradStart(backend, inputs, G, attrs);
  const db = backend.makeOutput([G], 'float32');
  const dc = backend.makeOutput([B, U], 'float32');
  const heap = backend.wasm.HEAPF32;
  const k = gemmKernels(backend)!;
  // SIMD for the common cell (tanh with sigmoid gates, U a multiple of 4), JS for the rest.
  const simd = U % 4 === 0 && activation === 'tanh' && gate === 'sigmoid' ? lstmSimd(backend) : null;
  const at = (t: Info) => byteOffset(backend, t) >> 2;
  const [DY, Z, C, A] = [inputs.dy, inputs.gates, inputs.cs, inputs.acts].map(at);
  const P = inputs.pre ? at(inputs.pre) : -1;
  const [DW, DR, DB, DZ, DH, DC, RT, XT, HT, C0] = [dW, dR, db, dz, dh, dc, rT, xT, hT, zero].map(at);
  const act = code(activation);
  const gt = code(gate);
  heap.fill(0, DC, DC + B * U);
  // dh: the output's gradient, plus dz_{t+1}·Rᵀ from the step after.
  for (let t = T - 1; t >= 0; t--) {
    if (returnSequences) addStepGrad(heap, DH, DY, t, B, T, U);
    const z = Z + t * B * G;
    const d = DZ + t * B * G;
    const c = C + t * B * U;
    const a = A + t * B * U;
    const cPrev = t > 0 ? c - B * U : C0;
    if (simd) simd.cellgrad(4 * z, 4 * a, 4 * cPrev, 4 * DH, 4 * DC, 4 * d, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        const drow = d + b * G;
        const pre = P >= 0 ? P + t * B * G + b * G : 0; // read only for hard_sigmoid
        for (let j = 0; j < U; j++) {
          const e = b * U + j;
          const g = heap[DH + e];
          const ig = heap[row + j];
          const fg = heap[row + U + j];
          const cg = heap[row + 2 * U + j];
          const og = heap[row + 3 * U + j];
          const ac = heap[a + e];
          const dcell = f32(f32(f32(g * og) * slope(act, ac)) + heap[DC + e]);
          heap[drow + j] = f32(f32(dcell * cg) * gateSlope(gt, ig, heap[pre + j]));
          heap[drow + U + j] = f32(f32(dcell * heap[cPrev + e]) * gateSlope(gt, fg, heap[pre + U + j]));
          heap[drow + 2 * U + j] = f32(f32(dcell * ig) * slope(act, cg));
          heap[drow + 3 * U + j] = f32(f32(g * ac) * gateSlope(gt, og, heap[pre + 3 * U + j]));
          heap[DC + e] = f32(dcell * fg);
        }
      }
    if (t > 0) {
      heap.fill(0, DH, DH + B * U);
      gemm(k, heap, 4 * d, 4 * RT, 4 * DH, B, U, G);
    }
  }
  heap.fill(0, DW, DW + I * G);
  gemm(k, heap, 4 * XT, 4 * DZ, 4 * DW, I, G, T * B);
  heap.fill(0, DR, DR + U * G);
  gemm(k, heap, 4 * HT, 4 * (DZ + B * G), 4 * DR, U, G, T * B);
  heap.fill(0, DB, DB + G);
  simdKernels(backend)!.colsum(4 * DZ, T * B, 4 * G, 4 * DB);
  dispose(backend, dh, dc, rT, xT, hT, zero);
  return [dz, dW, dR, db];
}

interface InputGradInputs extends tf.NamedTensorInfoMap {
  x: Info;
  kernel: Info;
  dz: Info;
}

/** dx [B, T, I] = dz·Wᵀ, back in x's layout (and order, when backwards); x gives only the shape. */
export function lstmInputGradKernel(args: { inputs: InputGradInputs; backend: WasmBackend; attrs: LstmAttrs }): Info[] {
  const { inputs, backend, attrs } = args;
  const [B, T, I] = inputs.x.shape;
  const G = inputs.kernel.shape[1];
  const dx = backend.makeOutput([B, T, I], 'float32');
  const wT = transpose(backend, inputs.kernel, [1, 0]);
  const dxt = backend.makeOutput([T * B, I], 'float32');
  const heap = backend.wasm.HEAPF32;
  const [DX, DZ, WT, DXT] = [dx, inputs.dz, wT, dxt].map((t) => byteOffset(backend, t) >> 2);
  heap.fill(0, DXT, DXT + T * B * I);
  gemm(gemmKernels(backend)!, heap, 4 * DZ, 4 * WT, 4 * DXT, T * B, I, G);
  for (let t = 0; t < T; t++) {
    const ts = attrs.goBackwards ? T - 1 - t : t;
    for (let b = 0; b < B; b++)
      heap.copyWithin(DX + (b * T + ts) * I, DXT + (t * B + b) * I, DXT + (t * B + b + 1) * I);
  }
  dispose(backend, wT, dxt);
  return [dx];
}

export const LSTM_KERNEL = 'DeepwireLstm';
export const LSTM_GRAD_KERNEL = 'DeepwireLstmGrad';
export const LSTM_INPUT_GRAD_KERNEL = 'DeepwireLstmInputGrad';
