/** Finding a Python for the export tests: any python3 compiles; numerical checks need one with torch. */
import { execFileSync, spawnSync } from 'node:child_process';

const CANDIDATES = ['python3', '/usr/bin/python3', 'python'];

function works(python: string, code: string): boolean {
  return spawnSync(python, ['-c', code], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

/** A python3 on this machine, or undefined. */
export const PYTHON = CANDIDATES.find((p) => works(p, 'import sys; assert sys.version_info >= (3, 8)'));

/** A python3 that imports torch and numpy (Debian: apt-get install python3-torch), or undefined. */
export const TORCH_PYTHON = CANDIDATES.find((p) => works(p, 'import torch, numpy'));

export const NO_TORCH_REASON = 'no python3 with torch and numpy here (Debian: apt-get install python3-torch)';

/** py_compile every file; returns the files that did not compile with their errors. */
export function pyCompileErrors(files: string[]): string[] {
  if (!PYTHON) throw new Error('no python3 found: the generated code cannot be compiled');
  const out = execFileSync(
    PYTHON,
    [
      '-c',
      'import py_compile, sys\nbad = []\nfor f in sys.argv[1:]:\n    try:\n        py_compile.compile(f, doraise=True)\n    except py_compile.PyCompileError as e:\n        bad.append(str(e))\nprint("\\n".join(bad))',
      ...files,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((l) => l.trim());
}

export function runPython(python: string, script: string, args: string[]): string {
  return execFileSync(python, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 600_000 });
}
