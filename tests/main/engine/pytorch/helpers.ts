/** PyTorch runs in-process (train() spawns the real Python), and where to find a Python with torch. */
import { spawnSync } from 'node:child_process';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { train } from '../../../../src/main/engine/train/train.js';
import type { RunRequest, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { collect, request, type Collected, type RunSpec } from '../train/helpers.js';

const CANDIDATES = [process.env.DEEPWIRE_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));

/** A Python that imports torch and numpy (CI: Debian's python3-torch), or undefined. */
export const TORCH_PYTHON = CANDIDATES.find((p) => spawnSync(p, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 120_000 }).status === 0);
export const NO_TORCH = 'no python3 with torch and numpy here (Debian: apt-get install python3-torch)';

export interface TorchSpec extends RunSpec {
  python?: string;
  device?: string;
  nprocPerNode?: number;
}

/** Runs a spec on the PyTorch backend (train() in this process, the runner as a child process). */
export async function runTorch(spec: TorchSpec, onEvent?: (e: TrainingEvent, c: RunControl) => void, control = new RunControl()): Promise<Collected> {
  const events: TrainingEvent[] = [];
  const req: RunRequest = { ...request({ backend: 'pytorch', ...spec }), python: spec.python ?? TORCH_PYTHON, device: spec.device ?? 'auto', nprocPerNode: spec.nprocPerNode ?? 1 };
  await train(req, (e) => {
    events.push(e);
    onEvent?.(e, control);
  }, control);
  return collect(events);
}
