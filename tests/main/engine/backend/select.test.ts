import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { TFJS_BACKENDS as BACKENDS } from '../../../../src/shared/training/backend.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import { availableParallelism } from 'node:os';
import {
  describeReport,
  initBackend,
  probeBackends,
  trainingThreads,
} from '../../../../src/main/engine/backend/select.js';
import { explainLoadError } from '../../../../src/main/engine/backend/native.js';

describe('backend selection', () => {
  it('auto picks the best available backend and explains every probe', async () => {
    const report = await initBackend('auto');
    expect(report.probes.map((p) => p.name)).toEqual([...BACKENDS]);
    const firstAvailable = report.probes.find((p) => p.available);
    expect(report.chosen).toBe(firstAvailable?.name);
    for (const p of report.probes) expect(p.detail.length).toBeGreaterThan(5);
    // Skipped better backends say why (here: optional native packages not installed).
    for (const p of report.probes.slice(0, BACKENDS.indexOf(report.chosen as (typeof BACKENDS)[number])))
      expect(p.available).toBe(false);
    expect(describeReport(report).some((l) => l.startsWith('→'))).toBe(true);
  });

  it('wasm and cpu are always available here and become tf’s current backend when forced', async () => {
    const cpu = await initBackend('cpu');
    expect(cpu.chosen).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const wasm = await initBackend('wasm');
    expect(wasm.chosen).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0]).toBe(5);
  });

  it('a forced backend that the probes found unavailable is DW503 with their reason', async () => {
    const probes = (await probeBackends()).map((p) =>
      p.name === 'wasm' ? { ...p, available: false, detail: 'no WebAssembly SIMD in this runtime' } : p,
    );
    const err = await initBackend('wasm', { probes }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeepwireError);
    expect((err as DeepwireError).code).toBe('DW503');
    expect((err as DeepwireError).message).toContain("backend 'wasm' is not available: no WebAssembly SIMD");
    // auto passes over it to the next available one.
    expect((await initBackend('auto', { probes })).chosen).not.toBe('wasm');
  });

  it('every backend missing on this machine is DW503 with the reason', async () => {
    const missing = (await probeBackends()).filter((p) => !p.available);
    for (const p of missing) {
      const err = await initBackend(p.name).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeepwireError);
      expect((err as DeepwireError).code).toBe('DW503');
      expect((err as DeepwireError).message).toContain(p.detail);
    }
  });

  it('uses data-parallel threads only on wasm, at most one per core', async () => {
    const one = await initBackend('wasm');
    expect(one.threads).toBe(1);
    const auto = await initBackend('wasm', { threads: 'auto' });
    expect(auto.threads).toBe(Math.min(2, availableParallelism()));
    expect(trainingThreads('cpu', 'auto')).toBe(1);
    expect(trainingThreads('tensorflow', 4)).toBe(1);
    expect(trainingThreads('wasm', 64)).toBe(availableParallelism());
  });

  it('explains native binding failures in actionable terms', () => {
    const cuda = explainLoadError(
      '@tensorflow/tfjs-node-gpu',
      'libcudart.so.11.0: cannot open shared object file: No such file or directory',
    );
    expect(cuda).toMatch(/CUDA library missing: libcudart\.so\.11\.0/);
    const binding = explainLoadError(
      '@tensorflow/tfjs-node',
      "Cannot find module '/x/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node'",
    );
    expect(binding).toMatch(/libtensorflow was not downloaded.*npm rebuild @tensorflow\/tfjs-node/);
    expect(explainLoadError('p', 'weird failure\nstack')).toBe('native binding failed to load: weird failure');
  });
});
