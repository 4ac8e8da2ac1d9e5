/**
 * The GRU's two kernels on the wasm heap, as the LSTM's (lstm-kernel.ts): the
 * forward pass over the whole sequence (DeepwireGru) and its
 * backpropagation through time (DeepwireGruGrad), each one call, the
 * products on the pack's GEMM (x·W + b for all steps at once), the gates with
 * the pack's SIMD sigmoid/tanh. Keras's layout: the kernel's columns are the
 * gates z, r, h. Both of Keras's variants:
 *   reset before (TF.js's GRU): h̃ = act(x·Wh + b_h + (r ⊙ h₋₁)·Rh), two products per step;
 *   reset after (ResetAfterGRU): h̃ = act(x·Wh + b_h + r ⊙ (h₋₁·Rh + b'_h)), one product per step,
 *   bias [2, 3U] (input side, recurrent side);
 * then h = z ⊙ h₋₁ + (1 − z) ⊙ h̃, with z, r = gate(x·W + h₋₁·R + biases) on their columns.
 *
 * Saved for the gradient (time-major, row t·B + b): z, r, h̃ after their activations [T·B, 3U],
 * `rec` [T·B, U] (r ⊙ h₋₁, or h₋₁·Rh + b'_h when reset after), the outputs h [T·B, U], and for
 * hard_sigmoid gates the gates' inputs [T·B, 3U] (the z and r columns).
 */
import type * as tf from '@tensorflow/tfjs';
import { gemm, gemmKernels } from './gemm.js';
import { gruSimd } from './gru-simd.js';
import {
  type SequenceAttrs,
  activate,
  code,
  columnSums,
  f32,
  gateSlope,
  slope,
  addStepGrad,
  inputProduct,
  storeStep,
  gradStart,
  timeMajorCopy,
} from './recurrent-heap.js';
import { type Info, type WasmBackend, byteOffset, dispose, transpose } from './wasm-backend.js';

export interface GruAttrs extends SequenceAttrs {
  resetAfter: boolean;
}

interface ForwardInputs extends tf.NamedTensorInfoMap {
  x: Info;
  kernel: Info;
  recurrentKernel: Info;
  /** [3U], or [2, 3U] when reset after. */
  bias: Info;
}

/**
 * Outputs: y ([B, T, U] in processing order, or the last step's [B, U]); when `save`, also the gates
 * [T·B, 3U], rec [T·B, U], h [T·B, U], and for hard_sigmoid the gates' inputs [T·B, 3U].
 */
export function gruForwardKernel(args: { inputs: ForwardInputs; backend: WasmBackend; attrs: GruAttrs }): Info[] {
  const { inputs, backend, attrs } = args;
  const { activation, gate, returnSequences, goBackwards, resetAfter, save } = attrs;
  const [B, T, I] = inputs.x.shape;
  const U = inputs.recurrentKernel.shape[0];
  const G = 3 * U;
  const steps = save ? T : Math.min(T, 2); // rec and h: every step, or the last two
  const hard = gate === 'hardSigmoid' && save;
  const y = backend.makeOutput(returnSequences ? [B, T, U] : [B, U], 'float32');
  const gates = backend.makeOutput([T * B, G], 'float32');
  const rec = backend.makeOutput([steps * B, U], 'float32');
  const hs = backend.makeOutput([steps * B, U], 'float32');
  const pre = hard ? backend.makeOutput([T * B, G], 'float32') : null;
  const hu = resetAfter ? backend.makeOutput([B, G], 'float32') : null; // h₋₁·R + b' of the step
  const xt = timeMajorCopy(backend, inputs.x, goBackwards, false);
  const zero = backend.makeOutput([B, U], 'float32'); // h₀
  const heap = backend.wasm.HEAPF32; // after the allocations (the heap may have grown)
  const k = gemmKernels(backend)!;
  const simd = U % 4 === 0 ? gruSimd(backend) : null;
  const at = (t: Info) => byteOffset(backend, t) >> 2;
  const [Z, Q, H, XT, Y, H0] = [gates, rec, hs, xt, y, zero].map(at);
  const [W, R] = [inputs.kernel, inputs.recurrentKernel].map((t) => byteOffset(backend, t));
  heap.fill(0, H0, H0 + B * U);
  const P = pre ? at(pre) : -1;
  const HU = hu ? at(hu) : -1;
  const bias = at(inputs.bias);
  // z = b + x·W for every step at once; each step then adds its recurrent part.
  inputProduct(k, heap, XT, W, Z, bias, T * B, G, I);
  const slot = (t: number) => (save ? t : t % 2) * B * U;
  for (let t = 0; t < T; t++) {
    const z = Z + t * B * G;
    const hp = t > 0 ? H + slot(t - 1) : H0;
    const q = Q + slot(t);
    if (HU >= 0) {
      for (let b = 0; b < B; b++) heap.copyWithin(HU + b * G, bias + G, bias + 2 * G);
      if (t > 0) gemm(k, heap, 4 * hp, R, 4 * HU, B, G, U);
      if (simd) simd.recurrent(4 * z, 4 * HU, 4 * q, B, 4 * U, 4 * G);
      else
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < 2 * U; j++) heap[z + b * G + j] = f32(heap[z + b * G + j] + heap[HU + b * G + j]);
          heap.copyWithin(q + b * U, HU + b * G + 2 * U, HU + (b + 1) * G);
        }
    } else if (t > 0) gemm(k, heap, 4 * hp, R, 4 * z, B, 2 * U, U, { b: G, c: G });
    if (P >= 0) heap.copyWithin(P + t * B * G, z, z + B * G);
    for (let b = 0; b < B; b++) activate(backend, heap, gate, z + b * G, 2 * U);
    // The candidate's recurrent part: r ⊙ (h₋₁·Rh + b'_h), or (r ⊙ h₋₁)·Rh.
    if (simd) (HU >= 0 ? simd.candidate : simd.resetBefore)(4 * z, 4 * (HU >= 0 ? q : hp), 4 * q, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        for (let j = 0; j < U; j++) {
          const e = b * U + j;
          if (HU >= 0) heap[row + 2 * U + j] = f32(heap[row + 2 * U + j] + f32(heap[row + U + j] * heap[q + e]));
          else heap[q + e] = f32(heap[row + U + j] * heap[hp + e]);
        }
      }
    if (HU < 0 && t > 0) gemm(k, heap, 4 * q, R + 8 * U, 4 * (z + 2 * U), B, U, U, { b: G, c: G });
    for (let b = 0; b < B; b++) activate(backend, heap, activation, z + b * G + 2 * U, U);
    const h = H + slot(t);
    if (simd) simd.out(4 * z, 4 * hp, 4 * h, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        for (let j = 0; j < U; j++) {
          const e = b * U + j;
          const zg = heap[row + j];
          heap[h + e] = f32(f32(zg * heap[hp + e]) + f32(f32(1 - zg) * heap[row + 2 * U + j]));
        }
      }
    if (returnSequences) storeStep(heap, Y, h, t, B, T, U);
  }
  if (!returnSequences) heap.copyWithin(Y, H + slot(T - 1), H + slot(T - 1) + B * U);
  dispose(backend, xt, zero, ...(hu ? [hu] : []));
  if (!save) {
    dispose(backend, gates, rec, hs);
    return [y];
  }
  return pre ? [y, gates, rec, hs, pre] : [y, gates, rec, hs];
}

interface GradInputs extends tf.NamedTensorInfoMap {
  x: Info;
  kernel: Info;
  recurrentKernel: Info;
  dy: Info;
  gates: Info;
  rec: Info;
  hs: Info;
  /** The gates' inputs (hard_sigmoid only). */
  pre?: Info;
}

/**
 * Outputs dz [(T + 1)·B, 3U] (the gradients of the gates' input-side sums, time-major, and a block of
 * zeros), dW [I, 3U], dR [U, 3U], db ([3U], or [2, 3U] when reset after) from dy and the saved internals.
 */
export function gruGradKernel(args: { inputs: GradInputs; backend: WasmBackend; attrs: GruAttrs }): Info[] {
  const { inputs, backend, attrs } = args;
  const { activation, gate, returnSequences, resetAfter } = attrs;
  const [B, T, I] = inputs.x.shape;
  const U = inputs.recurrentKernel.shape[0];
  const G = 3 * U;
  const { dW, dR, dz, dh, rT, hT, xT, zero } = gradStart(backend, inputs, G, attrs); // rT [3U, U]: Rzᵀ, Rrᵀ, Rhᵀ
  const db = backend.makeOutput(resetAfter ? [2, G] : [G], 'float32');
  // Reset after: the recurrent side's gradients (z, r, and r ⊙ dh̃), which differ from dz in the h̃ columns.
  const dhu = resetAfter ? backend.makeOutput([(T + 1) * B, G], 'float32') : null;
  const dq = backend.makeOutput([B, U], 'float32'); // reset before: dL/d(r ⊙ h₋₁)
  const qT = resetAfter ? null : transpose(backend, inputs.rec, [1, 0]);
  const heap = backend.wasm.HEAPF32;
  const k = gemmKernels(backend)!;
  // SIMD for the common cell (tanh with sigmoid gates, U a multiple of 4), JS for the rest.
  const simd = U % 4 === 0 && activation === 'tanh' && gate === 'sigmoid' ? gruSimd(backend) : null;
  const at = (t: Info) => byteOffset(backend, t) >> 2;
  const [DY, Z, Q, H] = [inputs.dy, inputs.gates, inputs.rec, inputs.hs].map(at);
  const P = inputs.pre ? at(inputs.pre) : -1;
  const [DW, DR, DB, DZ, DH, DQ, RT, XT, HT, H0] = [dW, dR, db, dz, dh, dq, rT, xT, hT, zero].map(at);
  const DHU = dhu ? at(dhu) : -1;
  const act = code(activation);
  const gt = code(gate);
  if (DHU >= 0) heap.fill(0, DHU + T * B * G, DHU + (T + 1) * B * G);
  // dh: the output's gradient, plus what flows back from the step after.
  for (let t = T - 1; t >= 0; t--) {
    if (returnSequences) addStepGrad(heap, DH, DY, t, B, T, U);
    const z = Z + t * B * G;
    const d = DZ + t * B * G;
    const du = DHU + t * B * G;
    const hp = t > 0 ? H + (t - 1) * B * U : H0;
    const q = Q + t * B * U;
    const pre = P + t * B * G; // read only for hard_sigmoid
    if (simd)
      (DHU >= 0 ? simd.gradAfter : simd.gradBefore)(
        4 * z,
        4 * hp,
        4 * DH,
        4 * d,
        4 * q,
        4 * Math.max(du, 0),
        B,
        4 * U,
        4 * G,
      );
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        const drow = d + b * G;
        for (let j = 0; j < U; j++) {
          const e = b * U + j;
          const g = heap[DH + e];
          const zg = heap[row + j];
          const hh = heap[row + 2 * U + j];
          heap[drow + j] = f32(f32(f32(g * heap[hp + e]) - f32(g * hh)) * gateSlope(gt, zg, heap[pre + b * G + j]));
          const dhh = f32(f32(g * f32(1 - zg)) * slope(act, hh));
          heap[drow + 2 * U + j] = dhh;
          if (DHU < 0) continue;
          const rg = heap[row + U + j];
          heap[drow + U + j] = f32(f32(dhh * heap[q + e]) * gateSlope(gt, rg, heap[pre + b * G + U + j]));
          heap[du + b * G + j] = heap[drow + j];
          heap[du + b * G + U + j] = heap[drow + U + j];
          heap[du + b * G + 2 * U + j] = f32(dhh * rg);
          heap[DH + e] = f32(g * zg);
        }
      }
    if (DHU >= 0) {
      if (t > 0) gemm(k, heap, 4 * du, 4 * RT, 4 * DH, B, U, G);
      continue;
    }
    // Reset before: dq = dh̃·Rhᵀ, then r's gradient and dh₋₁ = dh ⊙ z + dq ⊙ r + [dz, dr]·[Rz, Rr]ᵀ.
    heap.fill(0, DQ, DQ + B * U);
    gemm(k, heap, 4 * (d + 2 * U), 4 * (RT + 2 * U * U), 4 * DQ, B, U, U, { a: G });
    if (simd) simd.resetGrad(4 * z, 4 * hp, 4 * DQ, 4 * DH, 4 * d, B, 4 * U, 4 * G);
    else
      for (let b = 0; b < B; b++) {
        const row = z + b * G;
        for (let j = 0; j < U; j++) {
          const e = b * U + j;
          const rg = heap[row + U + j];
          const dqe = heap[DQ + e];
          heap[d + b * G + U + j] = f32(f32(dqe * heap[hp + e]) * gateSlope(gt, rg, heap[pre + b * G + U + j]));
          heap[DH + e] = f32(f32(heap[DH + e] * heap[row + j]) + f32(dqe * rg));
        }
      }
    if (t > 0) gemm(k, heap, 4 * d, 4 * RT, 4 * DH, B, U, 2 * U, { a: G });
  }
  heap.fill(0, DW, DW + I * G);
  gemm(k, heap, 4 * XT, 4 * DZ, 4 * DW, I, G, T * B);
  heap.fill(0, DR, DR + U * G);
  heap.fill(0, DB, DB + (resetAfter ? 2 : 1) * G);
  columnSums(backend, heap, DZ, T * B, G, DB);
  if (DHU >= 0) {
    gemm(k, heap, 4 * HT, 4 * (DHU + B * G), 4 * DR, U, G, T * B);
    columnSums(backend, heap, DHU, T * B, G, DB + G);
  } else {
    gemm(k, heap, 4 * HT, 4 * (DZ + B * G), 4 * DR, U, 2 * U, T * B, { b: G, c: G });
    gemm(k, heap, 4 * at(qT!), 4 * (DZ + 2 * U), 4 * (DR + 2 * U), U, U, T * B, { b: G, c: G });
  }
  dispose(backend, dh, dq, rT, xT, hT, zero, ...(dhu ? [dhu] : []), ...(qT ? [qT] : []));
  return [dz, dW, dR, db];
}

export const GRU_KERNEL = 'DeepwireGru';
export const GRU_GRAD_KERNEL = 'DeepwireGruGrad';
export const GRU_INPUT_GRAD_KERNEL = 'DeepwireGruInputGrad';
