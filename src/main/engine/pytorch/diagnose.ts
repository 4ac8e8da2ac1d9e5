/**
 * PyTorch's part of `deepwire doctor`: the Python found (and from where),
 * torch's version and build (CUDA / ROCm / CPU), every device with its name
 * and memory, and — when it cannot train — the numbered reason with its fix.
 */
import { ERRORS, isDeepwireError, type ErrorCode } from '../../../shared/errors.js';
import type { BackendProbe } from '../../../shared/training/backend.js';
import { describeDevice } from './devices.js';
import { checkTorchVersion, findPython, probeTorch, type PythonFound, type TorchProbe } from './python.js';

export interface PytorchDiagnosis {
  python: Pick<PythonFound, 'executable' | 'version' | 'source'> | null;
  torch: TorchProbe['torch'];
  /** Why PyTorch cannot train here, as a numbered error with its fix; null when it can. */
  problem: { code: ErrorCode; message: string; fix: string } | null;
}

export interface PytorchDoctor {
  probe: BackendProbe;
  diagnosis: PytorchDiagnosis;
  /** Torch sees a GPU: what `auto` picks. */
  hasGpu: boolean;
}

function build(t: NonNullable<TorchProbe['torch']>): string {
  if (t.hip) return `ROCm ${t.hip}`;
  if (t.cuda) return `CUDA ${t.cuda}`;
  return 'CPU-only build';
}

export async function diagnosePytorch(pythonPath?: string): Promise<PytorchDoctor> {
  let python: PythonFound | null = null;
  try {
    python = await findPython(pythonPath);
    const probe = await probeTorch(python);
    checkTorchVersion(python, probe);
    const t = probe.torch!;
    const devices = t.devices.length ? t.devices.map(describeDevice).join('; ') : 'no GPU seen, trains on the CPU';
    const detail = `torch ${t.version} (${build(t)}), Python ${python.version} at ${python.executable}: ${devices}`;
    return {
      probe: { name: 'pytorch', available: true, detail },
      diagnosis: {
        python: { executable: python.executable, version: python.version, source: python.source },
        torch: t,
        problem: null,
      },
      hasGpu: t.devices.length > 0,
    };
  } catch (e) {
    const code: ErrorCode = isDeepwireError(e) ? e.code : 'DW529';
    const message = isDeepwireError(e) ? e.detail : (e as Error).message;
    return {
      probe: { name: 'pytorch', available: false, detail: `${code} ${message}` },
      diagnosis: {
        python: python && { executable: python.executable, version: python.version, source: python.source },
        torch: null,
        problem: { code, message, fix: ERRORS[code].fix },
      },
      hasGpu: false,
    };
  }
}
