/** PyTorch runs in-process (train() spawns the real Python), and where to find a Python with torch. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mnistFiles } from '../../../../src/main/engine/datasets/builtin.js';
import { RunControl } from '../../../../src/main/engine/train/control.js';
import { train } from '../../../../src/main/engine/train/train.js';
import type { RunRequest, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { collect, request, type Collected, type RunSpec } from '../train/helpers.js';

const CANDIDATES = [process.env.DEEPWIRE_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p));

/** A Python that imports torch and numpy (CI: Debian's python3-torch), or undefined. */
export const TORCH_PYTHON = CANDIDATES.find(
  (p) => spawnSync(p, ['-c', 'import torch, numpy'], { stdio: 'ignore', timeout: 120_000 }).status === 0,
);
export const NO_TORCH = 'no python3 with torch and numpy here (Debian: apt-get install python3-torch)';

export interface TorchSpec extends RunSpec {
  python?: string;
  device?: string;
  nprocPerNode?: number;
  multiNode?: RunRequest['multiNode'];
}

/** Runs a spec on the PyTorch backend (train() in this process, the runner as a child process). */
export async function runTorch(
  spec: TorchSpec,
  onEvent?: (e: TrainingEvent, c: RunControl) => void,
  control = new RunControl(),
): Promise<Collected> {
  const events: TrainingEvent[] = [];
  const req: RunRequest = {
    ...request({ backend: 'pytorch', ...spec }),
    python: spec.python ?? TORCH_PYTHON,
    device: spec.device ?? 'auto',
    nprocPerNode: spec.nprocPerNode ?? 1,
    ...(spec.multiNode ? { multiNode: spec.multiNode } : {}),
  };
  await train(
    req,
    (e) => {
      events.push(e);
      onEvent?.(e, control);
    },
    control,
  );
  return collect(events);
}

/** The first `n` MNIST digits as IDX files: the same images, a test split small enough for CI. */
export function mnistSubset(n: number): { images: string; labels: string } {
  const dir = tempDir('dw-parity-');
  const f = mnistFiles();
  const cut = (file: string, header: number, size: number, out: string) => {
    const bytes = readFileSync(file).subarray(0, header + n * size);
    const copy = Buffer.from(bytes);
    copy.writeUInt32BE(n, 4);
    writeFileSync(join(dir, out), copy);
    return join(dir, out);
  };
  return { images: cut(f.trainImages, 16, 28 * 28, 'images.idx'), labels: cut(f.trainLabels, 8, 1, 'labels.idx') };
}
