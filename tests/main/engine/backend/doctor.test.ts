// `deepwire doctor` (src/main/cli/doctor.ts) lives beside the backend tests: it is the backend report's CLI face.
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { run } from '../../../../src/main/cli/doctor.js';
import { memoryIo } from '../../../../src/main/cli/io.js';
import { BACKENDS } from '../../../../src/shared/training/backend.js';
import type { Diagnosis } from '../../../../src/main/engine/backend/diagnose.js';

describe('deepwire doctor', () => {
  it('--json reports every backend, the auto pick and a verified kernel pack', async () => {
    const io = memoryIo();
    expect(await run(['--json'], io)).toBe(0);
    const d = JSON.parse(io.stdout.join('\n')) as Diagnosis;
    expect(d.probes.map((p) => p.name)).toEqual([...BACKENDS]);
    // auto = the first available, except PyTorch without a GPU (wasm trains faster on a CPU).
    const usable = d.probes.filter(
      (p) => p.available && (p.name !== 'pytorch' || (d.pytorch.torch?.devices.length ?? 0) > 0),
    );
    expect(d.auto).toBe(usable[0]?.name);
    expect(d.kernelPack.installed).toBe(true);
    expect(d.kernelPack.verified).toBe(true);
    expect(d.kernelPack.kernels).toContain('Conv2DBackpropFilter');
    expect(d.kernelPack.relError).toBeLessThan(1e-5);
    expect(d.cpu.cores).toBeGreaterThan(0);
    expect(d.tfjs).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints a readable table with the reason for each unavailable backend', async () => {
    const io = memoryIo();
    expect(await run([], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/auto picks: +\w/);
    expect(text).toMatch(/kernel pack: +installed, verified/);
    for (const name of BACKENDS) expect(text).toContain(name);
    expect(io.stdout.some((l) => l.trimStart().startsWith('→'))).toBe(true);
  });

  it('says how many training threads a run uses: 2 on two cores, 1 under DEEPWIRE_THREADS=1', async () => {
    const saved = process.env.DEEPWIRE_THREADS;
    try {
      delete process.env.DEEPWIRE_THREADS;
      const io = memoryIo();
      expect(await run([], io)).toBe(0);
      const cores = availableParallelism();
      const want = cores >= 2 ? /threads: +up to 2 training threads \(data-parallel/ : /threads: +1 training thread$/m;
      expect(io.stdout.join('\n')).toMatch(want);
      process.env.DEEPWIRE_THREADS = '1';
      const one = memoryIo();
      expect(await run(['--json'], one)).toBe(0);
      expect((JSON.parse(one.stdout.join('\n')) as Diagnosis).threads).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.DEEPWIRE_THREADS;
      else process.env.DEEPWIRE_THREADS = saved;
    }
  });

  it('rejects unknown options with DW801', async () => {
    await expect(run(['--gpu'], memoryIo())).rejects.toMatchObject({ code: 'DW801' });
  });
});
