/**
 * BatchMatMul for wasm. The stock kernel hands only the plain a·b case
 * (no transposes, batch 1) to XNNPACK; with either transpose flag it falls
 * back to a scalar triple loop that is ~10× slower — and every Dense layer's
 * gradient (xᵀ·dy, dy·Wᵀ) takes that path. We transpose the operand
 * physically (cheap, O(n)) and let XNNPACK do the O(n³) part.
 */
import * as tf from '@tensorflow/tfjs';
import { type Info, type WasmBackend, dispose, runStock, transpose, view } from './wasm-backend.js';

interface Attrs {
  transposeA: boolean;
  transposeB: boolean;
}

/** [.., r, c] -> [c, r] for a batch-1 matrix (any leading 1s dropped). */
function transpose2d(backend: WasmBackend, t: Info): Info {
  const r = t.shape[t.shape.length - 2];
  const c = t.shape[t.shape.length - 1];
  return transpose(backend, view(t, [r, c]), [1, 0]);
}

export function batchMatMul(args: { inputs: { a: Info; b: Info }; backend: WasmBackend; attrs: Attrs }): Info {
  const { inputs, backend, attrs } = args;
  const { a, b } = inputs;
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if ((!attrs.transposeA && !attrs.transposeB) || batchA !== 1 || batchB !== 1 || a.dtype !== 'float32') {
    return runStock(backend, 'BatchMatMul', { a, b }, attrs);
  }
  const a2 = attrs.transposeA ? transpose2d(backend, a) : a;
  const b2 = attrs.transposeB ? transpose2d(backend, b) : b;
  const out = runStock(backend, 'BatchMatMul', { a: a2, b: b2 }, { transposeA: false, transposeB: false });
  if (a2 !== a) dispose(backend, a2);
  if (b2 !== b) dispose(backend, b2);
  // Keep the caller's leading batch dims (all 1 here).
  const lead = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
  return { ...out, shape: [...lead, out.shape[out.shape.length - 2], out.shape[out.shape.length - 1]] };
}
