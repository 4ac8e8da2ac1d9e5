/**
 * What `deepwire doctor` reports: every backend with why it is (un)available,
 * the one `auto` picks, the kernel pack (installed, and verified on a small
 * convolution gradient against the cpu backend), threads, versions, CPU.
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { BackendName, BackendProbe } from '../../../shared/training/backend.js';
import { PACK_KERNELS } from '../kernels/index.js';
import { diagnosePytorch, type PytorchDiagnosis } from '../pytorch/diagnose.js';
import { wantedThreads } from '../train/stepper.js';
import { initBackend } from './select.js';

export interface Diagnosis {
  auto: BackendName;
  /** PyTorch's line first, then TF.js's backends best first. */
  probes: BackendProbe[];
  /** The Python, torch and devices of the PyTorch backend, or why it cannot train. */
  pytorch: PytorchDiagnosis;
  kernelPack: { kernels: string[]; installed: boolean; verified: boolean; relError: number | null; detail: string };
  threads: number;
  wasm: { simd: boolean; multithread: boolean } | null;
  tfjs: string;
  cpu: { model: string; cores: number };
  node: string;
}

/** One conv2d gradient (stride 2, same padding) on a backend, as plain numbers. */
async function convGradOn(backend: BackendName): Promise<Float32Array> {
  await initBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from({ length: 2 * 9 * 9 * 3 }, (_, i) => Math.sin(i)),
      [2, 9, 9, 3],
    );
    const w = tf.tensor4d(
      Float32Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i)),
      [3, 3, 3, 4],
    );
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'))),
    )([x, w]);
    return Float32Array.from([...dx.dataSync(), ...dw.dataSync()]);
  });
}

async function verifyPack(): Promise<{ verified: boolean; relError: number | null; detail: string }> {
  try {
    const got = await convGradOn('wasm');
    const want = await convGradOn('cpu');
    let num = 0;
    let den = 0;
    want.forEach((v, i) => {
      num = Math.max(num, Math.abs(v - got[i]));
      den = Math.max(den, Math.abs(v));
    });
    const relError = num / den;
    const verified = relError < 1e-5;
    return {
      verified,
      relError,
      detail: verified
        ? 'conv2d gradients match the cpu backend'
        : `conv2d gradients differ from the cpu backend (relative error ${relError.toExponential(1)})`,
    };
  } catch (e) {
    return { verified: false, relError: null, detail: `self-check failed: ${(e as Error).message.split('\n')[0]}` };
  }
}

export async function diagnose(opts: { pythonPath?: string } = {}): Promise<Diagnosis> {
  const torch = await diagnosePytorch(opts.pythonPath);
  // The same threads a training run asks for (DEEPWIRE_THREADS, else 'auto'), so `threads` says what training may use.
  const report = await initBackend('auto', { threads: wantedThreads(undefined) });
  const wasmUp = report.probes.some((p) => p.name === 'wasm' && p.available);
  const check = wasmUp
    ? await verifyPack()
    : { verified: false, relError: null, detail: 'the wasm backend is not available' };
  const wasm = wasmUp
    ? {
        simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
        multithread: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
      }
    : null;
  await initBackend(report.chosen); // leave the process on the backend auto picks
  // auto trains on PyTorch only where it has a GPU (src/main/engine/pytorch/choose.ts).
  return {
    auto: torch.hasGpu ? 'pytorch' : report.chosen,
    probes: [torch.probe, ...report.probes],
    pytorch: torch.diagnosis,
    kernelPack: { kernels: Object.keys(PACK_KERNELS), installed: wasmUp, ...check },
    threads: report.threads,
    wasm,
    tfjs: tf.version.tfjs,
    cpu: { model: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
    node: process.version,
  };
}
