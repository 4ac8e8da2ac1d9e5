/**
 * Whether a run goes to PyTorch. A forced 'pytorch' always does. 'auto'
 * does only where PyTorch has a GPU: measured on a 2-core CPU, the wasm
 * backend with Deepwire's kernel pack trains the source CNN about 4× faster
 * than Debian's CPU torch (docs/backends.md), so on a CPU-only machine auto
 * stays on TF.js, and torch is not even imported unless the machine shows a
 * GPU device (/dev/nvidia*, /dev/kfd for ROCm, Apple silicon for MPS).
 */
import { existsSync } from 'node:fs';
import { arch, platform } from 'node:os';
import type { BackendPreference, BackendProbe } from '../../../shared/training/backend.js';
import { findPython, probeTorch } from './python.js';

export interface EngineChoice {
  pytorch: boolean;
  /** The PyTorch line of the run's backend report when TF.js trains. */
  probe: BackendProbe;
}

/** A GPU device node (CUDA, ROCm) or Apple silicon: the only places where auto tries PyTorch. */
export function gpuDeviceVisible(): boolean {
  if (platform() === 'darwin') return arch() === 'arm64';
  return existsSync('/dev/nvidia0') || existsSync('/dev/nvidiactl') || existsSync('/dev/kfd');
}

export async function chooseEngine(pref: BackendPreference, python?: string): Promise<EngineChoice> {
  const skipped = (detail: string): EngineChoice => ({
    pytorch: false,
    probe: { name: 'pytorch', available: false, detail },
  });
  if (pref === 'pytorch') return { pytorch: true, probe: { name: 'pytorch', available: true, detail: 'requested' } };
  if (pref !== 'auto') return skipped(`not used: '${pref}' was requested`);
  if (!gpuDeviceVisible())
    return skipped(
      'not used by auto: no GPU here, and on CPU the wasm backend trains faster (--backend pytorch forces it)',
    );
  try {
    const found = await findPython(python);
    const probe = await probeTorch(found);
    const gpu = probe.torch?.devices[0];
    if (gpu && !probe.torch?.tooOld)
      return { pytorch: true, probe: { name: 'pytorch', available: true, detail: `${gpu.id} ${gpu.name}` } };
    return skipped(`not used: torch ${probe.torch?.version ?? 'missing'} at ${found.executable} sees no GPU`);
  } catch (e) {
    return skipped(`not used: ${(e as Error).message}`);
  }
}
