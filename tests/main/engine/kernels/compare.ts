/** Run one kernel on wasm (with the kernel pack) and on cpu, and compare. */
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../../src/main/engine/backend/select.js';

export interface KernelCase {
  inputs: Record<string, { shape: number[]; values: Float32Array; dtype?: 'float32' | 'int32' }>;
  attrs: Record<string, unknown>;
}

/** A small deterministic generator so failures reproduce. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function randomTensor(
  shape: number[],
  rand: () => number,
  reluLike = false,
): { shape: number[]; values: Float32Array } {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) {
    const v = rand() * 2 - 1;
    values[i] = reluLike ? Math.max(0, v) : v;
  }
  return { shape, values };
}

async function runOn(
  backend: 'wasm' | 'cpu',
  kernel: string,
  c: KernelCase,
): Promise<{ shape: number[]; values: Float32Array }> {
  await initBackend(backend);
  return tf.tidy(() => {
    const inputs: Record<string, tf.Tensor> = {};
    for (const [k, v] of Object.entries(c.inputs)) inputs[k] = tf.tensor(v.values, v.shape, v.dtype ?? 'float32');
    const out = tf.engine().runKernel(kernel, inputs, c.attrs as tf.NamedAttrMap) as tf.Tensor;
    return { shape: out.shape, values: out.dataSync() as Float32Array };
  });
}

/** max |wasm − cpu| / max |cpu|, plus both shapes. */
export async function compareKernel(
  kernel: string,
  c: KernelCase,
): Promise<{ relError: number; shape: number[]; cpuShape: number[] }> {
  const got = await runOn('wasm', kernel, c);
  const want = await runOn('cpu', kernel, c);
  let num = 0;
  let den = 0;
  for (let i = 0; i < want.values.length; i++) {
    num = Math.max(num, Math.abs(want.values[i] - got.values[i]));
    den = Math.max(den, Math.abs(want.values[i]));
  }
  if (got.values.length !== want.values.length) num = Infinity;
  return { relError: den === 0 ? num : num / den, shape: got.shape, cpuShape: want.shape };
}

/** max |want − got| / max |want| (Infinity when the lengths differ). */
export function relError(want: Float32Array, got: Float32Array): number {
  let num = want.length === got.length ? 0 : Infinity;
  let den = 0;
  for (let i = 0; i < want.length; i++) {
    num = Math.max(num, Math.abs(want[i] - got[i]));
    den = Math.max(den, Math.abs(want[i]));
  }
  return den === 0 ? num : num / den;
}
