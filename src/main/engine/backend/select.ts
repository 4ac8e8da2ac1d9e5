/**
 * Backend selection: probe the best backends first — tfjs-node-gpu (CUDA),
 * tfjs-node (native CPU), wasm with Deepwire's kernel pack, pure-JS cpu — make
 * the chosen one current, and report why each better one was skipped.
 */
import { availableParallelism } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DeepwireError } from '../../../shared/errors.js';
import type {
  BackendName,
  BackendPreference,
  BackendProbe,
  BackendReport,
  TfjsBackendName,
} from '../../../shared/training/backend.js';
import { TFJS_BACKENDS } from '../../../shared/training/backend.js';
import { installKernelPack, kernelPackInstalled } from '../kernels/index.js';
import { probeNative } from './native.js';
import { probeWasm } from './wasm.js';

/** Deepwire's backend name -> the tf.js backend it runs on. */
export const TF_BACKEND: Record<TfjsBackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

export interface InitOptions {
  /** Register the kernel pack on wasm (default true; false only to measure stock wasm, before any install). */
  kernelPack?: boolean;
  /**
   * Training threads wanted: 'auto' = one per core, at most 2 (data-parallel,
   * see parallel/trainer.ts). Only the wasm backend uses more than one; the
   * native backends already use every core. Default 1.
   */
  threads?: number | 'auto';
  /** What the probes found (default: probe this machine); lets a check see every availability. */
  probes?: BackendProbe[];
}

/** Threads for data-parallel training on `backend`. */
export function trainingThreads(backend: BackendName, wanted: number | 'auto' = 1): number {
  if (backend !== 'wasm') return 1;
  const cores = availableParallelism();
  const n = wanted === 'auto' ? Math.min(2, cores) : Math.max(1, Math.floor(wanted));
  return Math.min(n, cores);
}

async function probe(name: TfjsBackendName): Promise<BackendProbe> {
  switch (name) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      return probeNative(name);
    case 'wasm':
      return probeWasm();
    case 'cpu':
      return { name, available: true, detail: 'pure JavaScript (slow convolution gradients)' };
  }
}

/** Probe every TF.js backend, best first, without choosing (`deepwire doctor` adds PyTorch's line). */
export async function probeBackends(): Promise<BackendProbe[]> {
  const probes: BackendProbe[] = [];
  for (const name of TFJS_BACKENDS) probes.push(await probe(name));
  return probes;
}

/**
 * Pick the backend for `pref` ('auto' = best available), make it tf's current
 * backend, and say why the better ones were not used. A forced backend that is
 * unavailable throws DW503 naming the reason.
 */
export async function initBackend(pref: BackendPreference = 'auto', opts: InitOptions = {}): Promise<BackendReport> {
  // PyTorch runs in its own process (src/main/engine/pytorch); this picks among TF.js's backends.
  if (pref === 'pytorch') throw new DeepwireError('DW503', "'pytorch' is not a TensorFlow.js backend", '--backend');
  const probes = opts.probes ?? (await probeBackends());
  let chosen: BackendProbe | undefined;
  if (pref === 'auto') {
    chosen = probes.find((p) => p.available);
  } else {
    chosen = probes.find((p) => p.name === pref);
    if (!chosen?.available)
      throw new DeepwireError(
        'DW503',
        `backend '${pref}' is not available: ${chosen?.detail ?? 'unknown backend'}`,
        '--backend',
      );
  }
  if (!chosen) throw new DeepwireError('DW503', 'no TensorFlow.js backend could be initialised');
  // The pack cannot be unregistered: once installed in this process it stays, and the report says so.
  const kernelPack =
    chosen.name === 'wasm' && (opts.kernelPack !== false ? installKernelPack() : kernelPackInstalled());
  if (!(await tf.setBackend(TF_BACKEND[chosen.name as TfjsBackendName])))
    throw new DeepwireError('DW503', `backend '${chosen.name}' failed to initialise`);
  await tf.ready();
  silenceCpuNodeHint();
  // Worse backends than the chosen one were probed only for the report.
  const rank = TFJS_BACKENDS.indexOf(chosen.name as TfjsBackendName);
  const shown = probes.map((p) =>
    TFJS_BACKENDS.indexOf(p.name as TfjsBackendName) < rank && p.available && pref !== 'auto'
      ? { ...p, detail: `${p.detail} (not used: '${pref}' was requested)` }
      : p,
  );
  return { chosen: chosen.name, kernelPack, threads: trainingThreads(chosen.name, opts.threads), probes: shown };
}

/**
 * The cpu backend prints "install our node backend" on first use in Node;
 * Deepwire already probed and reports that itself (and the cpu backend also
 * serves the tests' references), so the hint is only noise.
 */
function silenceCpuNodeHint(): void {
  const cpu = tf.findBackend('cpu') as (tf.KernelBackend & { firstUse?: boolean }) | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}

/** One line per probe, for logs and the CLI: "wasm  available  WebAssembly + SIMD". */
export function describeReport(report: BackendReport): string[] {
  return report.probes.map((p) => {
    const mark = p.name === report.chosen ? '→' : ' ';
    return `${mark} ${p.name.padEnd(15)} ${p.available ? 'available  ' : 'unavailable'}  ${p.detail}`;
  });
}
