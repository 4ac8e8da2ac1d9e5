/**
 * A PyTorch run that cannot train, through `deepwire train` on a copy of an
 * example: the Python killed mid-run is DW502 with its last words and the
 * project stays intact; a missing Python, a Python without torch (a real
 * venv without site packages) and a device torch does not have are numbered
 * errors with their fix, before anything trains.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo, type CliIo } from '../../../../src/main/cli/io.js';
import { run } from '../../../../src/main/cli/train.js';
import { readProjectFile } from '../../../../src/main/services/project-files.js';
import { TrainingSupervisor } from '../../../../src/main/services/training-supervisor.js';
import { example } from '../train/examples.js';
import { request } from '../train/helpers.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { mnistSubset, NO_TORCH, TORCH_PYTHON } from './helpers.js';

const EXAMPLES = join(import.meta.dirname, '../../../../resources/examples');

/** A copy of the MNIST CNN example on the first 2,400 digits (a small test split keeps CI short). */
function exampleCopy(id: string): { dir: string; project: string } {
  const dir = tempDir('dw-torch-');
  const project = join(dir, `${id}.deepwire`);
  copyFileSync(join(EXAMPLES, `${id}.deepwire`), project);
  const file = JSON.parse(readFileSync(project, 'utf8')) as { dataset: object };
  file.dataset = { source: 'idx', ...mnistSubset(2400), validationSplit: 0.1, seed: 42 };
  writeFileSync(project, JSON.stringify(file));
  return { dir, project };
}

/** The JSON lines of a --json run as they come, with a hook per line. */
function jsonIo(onLine: (line: Record<string, unknown>) => void): CliIo & { lines: Record<string, unknown>[] } {
  const io = memoryIo();
  const lines: Record<string, unknown>[] = [];
  return {
    ...io,
    lines,
    out: (l) => {
      const line = JSON.parse(l) as Record<string, unknown>;
      lines.push(line);
      onLine(line);
    },
  };
}

/** Pids of the deepwire_runner.py processes this test process started (its worker threads share its pid). */
function runners(): string[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('deepwire_runner.py');
      } catch {
        return false;
      }
    });
}

const args = (project: string, dir: string, ...more: string[]) => [
  project,
  '--backend',
  'pytorch',
  '--limit',
  '512',
  '--epochs',
  '1',
  '--json',
  '--cache-dir',
  join(dir, 'cache'),
  ...more,
];

describe.skipIf(!TORCH_PYTHON)(`PyTorch runs that fail${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('killing the Python process mid-run is DW502 with its exit; the project file keeps its graph and gains no weights', async () => {
    const { dir, project } = exampleCopy('mnist-cnn');
    const before = await readProjectFile(project);
    let pid = 0;
    const io = jsonIo((line) => {
      const m = line.event === 'log' && /^PyTorch process (\d+):/.exec(String(line.message));
      if (m) pid = Number(m[1]);
      if (line.event === 'batch' && pid) {
        process.kill(pid, 'SIGKILL');
        pid = 0;
      }
    });
    const code = await run(args(project, dir, '--python', TORCH_PYTHON!), io);
    expect(code).toBe(1);
    const last = io.lines.at(-1)!;
    expect(last).toMatchObject({ event: 'error', code: 'DW502' });
    expect(String(last.message)).toMatch(
      /the PyTorch process \(pid \d+\) was killed by SIGKILL before the run finished/,
    );
    const after = await readProjectFile(project);
    expect(after.project.graph).toEqual(before.project.graph);
    expect(after.project.weights).toEqual(before.project.weights);
    expect(JSON.parse(readFileSync(project, 'utf8')).format).toBe('deepwire-project');
  }, 120_000);

  it('DEEPWIRE_PYTHON naming no Python is DW522, a Python without torch DW523, a device torch lacks DW525', async () => {
    const { dir, project } = exampleCopy('mnist-cnn');
    const saved = process.env.DEEPWIRE_PYTHON;
    process.env.DEEPWIRE_PYTHON = '/nonexistent/python3';
    try {
      const io = jsonIo(() => undefined);
      expect(await run(args(project, dir), io)).toBe(1);
      expect(io.lines.at(-1)).toMatchObject({ event: 'error', code: 'DW522', where: 'DEEPWIRE_PYTHON' });
      expect(String(io.lines.at(-1)!.message)).toContain('/nonexistent/python3');
    } finally {
      if (saved === undefined) delete process.env.DEEPWIRE_PYTHON;
      else process.env.DEEPWIRE_PYTHON = saved;
    }

    // A real Python without torch: a venv of the same interpreter, without its site packages.
    const venv = join(dir, 'venv');
    execFileSync(TORCH_PYTHON!, ['-m', 'venv', '--without-pip', venv]);
    const bare = jsonIo(() => undefined);
    expect(await run(args(project, dir, '--python', join(venv, 'bin', 'python')), bare)).toBe(1);
    expect(bare.lines.at(-1)).toMatchObject({ event: 'error', code: 'DW523' });
    expect(String(bare.lines.at(-1)!.message)).toMatch(/cannot import torch/);

    const gpu = jsonIo(() => undefined);
    expect(await run(args(project, dir, '--python', TORCH_PYTHON!, '--device', 'cuda:7'), gpu)).toBe(1);
    expect(gpu.lines.at(-1)).toMatchObject({ event: 'error', code: 'DW525', where: '--device' });
    expect(String(gpu.lines.at(-1)!.message)).toMatch(/device 'cuda:7' is not available to torch/);
    expect((await readProjectFile(project)).project.weights).toBeUndefined();
  }, 120_000);

  it.skipIf(process.platform !== 'linux')(
    'ending the engine worker mid-run (a second Ctrl-C, a closed studio) ends its Python too',
    async () => {
      const supervisor = new TrainingSupervisor();
      let seen: string[] = [];
      const ended = new Promise<void>((resolve) => {
        supervisor.onEvent((_id, e) => {
          if (e.type !== 'batch' || seen.length) return;
          seen = runners();
          void supervisor.dispose().then(resolve);
        });
      });
      const { finished } = supervisor.start({
        ...request({ ...example('mnist-cnn'), backend: 'pytorch', overrides: { limit: 2000, epochs: 1 } }),
        python: TORCH_PYTHON,
      });
      await ended;
      expect((await finished).type).toBe('error');
      expect(seen.length).toBeGreaterThan(0);
      const deadline = Date.now() + 10_000;
      while (seen.some((pid) => runners().includes(pid)) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(runners().filter((pid) => seen.includes(pid))).toEqual([]);
    },
    120_000,
  );
});
