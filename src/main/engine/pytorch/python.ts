/**
 * Which Python runs the PyTorch backend, and what it has: the `pythonPath`
 * setting (passed in the run request), else DEEPWIRE_PYTHON, else the first
 * of python3 on PATH, /usr/bin/python3, /usr/local/bin/python3 and python
 * that can import torch. Each reason it cannot train is a numbered error:
 * no Python (DW522), no torch (DW523), torch too old (DW524), no NumPy (DW526).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';

/** resources/python: the runner and the probe. */
export const PYTHON_DIR = fileURLToPath(new URL('../../../../resources/python/', import.meta.url));

const DEFAULT_CANDIDATES = ['python3', '/usr/bin/python3', '/usr/local/bin/python3', 'python'];
const QUICK_CHECK = [
  'import importlib.util as u, json, platform, sys',
  'print(json.dumps({"executable": sys.executable, "version": platform.python_version(),',
  ' "torch": u.find_spec("torch") is not None, "numpy": u.find_spec("numpy") is not None}))',
].join('\n');

export interface PythonFound {
  /** What was run: the setting's or DEEPWIRE_PYTHON's value, or a default name. */
  command: string;
  /** Where that came from, for messages. */
  source: 'the pythonPath setting' | 'DEEPWIRE_PYTHON' | 'PATH';
  executable: string;
  version: string;
  torch: boolean;
  numpy: boolean;
}

/** Runs a Python with arguments; resolves its stdout, rejects with the spawn error or a short stderr. */
export function runPython(command: string, args: string[], timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: timeoutMs, maxBuffer: 4 << 20, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr: String(stderr) }));
        else resolve(String(stdout));
      },
    );
  });
}

async function check(command: string, source: PythonFound['source']): Promise<PythonFound | null> {
  try {
    const out = JSON.parse(
      (await runPython(command, ['-c', QUICK_CHECK], 30_000)).trim().split('\n').at(-1) ?? '{}',
    ) as Omit<PythonFound, 'command' | 'source'>;
    return { command, source, ...out };
  } catch {
    return null;
  }
}

/** The Python to train with; throws DW522 / DW523 / DW526 when there is none that can. */
export async function findPython(explicit?: string): Promise<PythonFound> {
  const env = process.env.DEEPWIRE_PYTHON;
  const pinned = explicit
    ? { command: explicit, source: 'the pythonPath setting' as const }
    : env
      ? { command: env, source: 'DEEPWIRE_PYTHON' as const }
      : null;
  const candidates = pinned ? [pinned] : DEFAULT_CANDIDATES.map((command) => ({ command, source: 'PATH' as const }));
  const found: PythonFound[] = [];
  for (const c of candidates) {
    const p = await check(c.command, c.source);
    if (!p) continue;
    if (p.torch && p.numpy) return p;
    found.push(p);
  }
  if (found.length === 0) {
    const where = pinned
      ? `'${pinned.command}' (from ${pinned.source}) does not run`
      : `none of ${DEFAULT_CANDIDATES.join(', ')} runs here`;
    throw new DeepwireError('DW522', where, pinned?.source ?? 'python');
  }
  const first = found[0];
  const which = `${first.executable} (Python ${first.version}, from ${first.source})`;
  if (!first.torch) {
    const others =
      found.length > 1
        ? `; neither has ${found
            .slice(1)
            .map((p) => p.executable)
            .join(', ')}`
        : '';
    throw new DeepwireError('DW523', `${which} cannot import torch${others}`, first.executable);
  }
  throw new DeepwireError('DW526', `${which} has torch but cannot import numpy`, first.executable);
}

/** What `resources/python/deepwire_probe.py` reports. */
export interface TorchProbe {
  python: { executable: string; version: string };
  numpy: string | null;
  torch: {
    version: string;
    tooOld: boolean;
    cuda: string | null;
    hip: string | null;
    devices: { id: string; kind: string; name: string; memoryMB: number | null }[];
    threads: number;
    distributed: boolean;
  } | null;
  torchError?: string;
  numpyError?: string;
}

/** Imports torch in `python` and lists its devices (a few seconds: torch's import). */
export async function probeTorch(python: PythonFound): Promise<TorchProbe> {
  const out = await runPython(python.command, [join(PYTHON_DIR, 'deepwire_probe.py')]);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as TorchProbe;
}

/** Throws DW524 when the probe found a torch older than the runner needs. */
export function checkTorchVersion(python: PythonFound, probe: TorchProbe): void {
  if (probe.torch?.tooOld)
    throw new DeepwireError(
      'DW524',
      `torch ${probe.torch.version} at ${python.executable} is too old for the PyTorch backend`,
      python.executable,
    );
}
