/**
 * The PyTorch backend in the bench (issue #12), two measurements:
 *
 * 1. Beside wasm: the same template trained by Deepwire's engine (`train()`,
 *    the function every CLI and studio run calls) on `wasm` + kernel pack and
 *    on `pytorch`, alternating within each round in one process; samples/s as
 *    each run's `done` event reports it (training only, both sides).
 * 2. The bridge's overhead: one bundle (`deepwire bundle`'s folder) trained by
 *    plain `python3 train.py --json` (no Node) and by the same runner on the
 *    same folder supervised through Deepwire's pipe (`startRunner`: JSON
 *    lines on stdout, commands on stdin), alternating; the runner's own
 *    samples/s and each process's wall seconds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBundle } from '../../src/main/engine/pytorch/bundle.js';
import { findPython } from '../../src/main/engine/pytorch/python.js';
import { startRunner } from '../../src/main/engine/pytorch/runner-process.js';
import { RunControl } from '../../src/main/engine/train/control.js';
import { train } from '../../src/main/engine/train/train.js';
import { runRequestSchema, type RunRequest, type TrainingEvent } from '../../src/shared/training/protocol.js';
import { spread, type Spread, type Template } from './vs-pytorch.js';

export interface RunSize {
  /** Training samples (the first N of the template's dataset). */
  limit: number;
  epochs: number;
}

export function runRequest(t: Template, backend: 'wasm' | 'pytorch', size: RunSize, python?: string): RunRequest {
  const { kind, name, graph, dataset, training, gan } = t.project;
  if (!dataset) throw new Error(`${t.id} has no dataset`);
  return {
    runId: `bench-${t.id}-${backend}`,
    project: { kind, name, graph, dataset, training: { ...training, epochs: size.epochs }, ...(gan ? { gan } : {}) },
    backend,
    overrides: { limit: size.limit, epochs: size.epochs },
    device: 'cpu',
    ...(python ? { python } : {}),
  };
}

/** One engine run: its training samples/s and the backend it reports. */
export async function engineRun(req: RunRequest): Promise<{ samplesPerSecond: number; backend: string }> {
  let done: Extract<TrainingEvent, { type: 'done' }> | null = null;
  let failure = '';
  await train(
    req,
    (e) => {
      if (e.type === 'done') done = e;
      else if (e.type === 'error') failure = `${e.code} ${e.message}`;
    },
    new RunControl(),
  );
  const d = done as Extract<TrainingEvent, { type: 'done' }> | null;
  if (!d) throw new Error(`${req.backend} run failed: ${failure || 'no done event'}`);
  return { samplesPerSecond: d.samplesPerSecond, backend: d.backend };
}

export interface BesideWasm {
  template: string;
  size: RunSize;
  /** Training samples/s per round. */
  wasm: number[];
  pytorch: number[];
  /** pytorch ÷ wasm per round. */
  ratio: Spread;
}

/** `rounds` alternating engine runs of one template on wasm + pack and on PyTorch (who goes first alternates). */
export async function besideWasm(t: Template, size: RunSize, rounds: number, python: string): Promise<BesideWasm> {
  const wasm: number[] = [];
  const pytorch: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? (['wasm', 'pytorch'] as const) : (['pytorch', 'wasm'] as const);
    for (const backend of order) {
      const { samplesPerSecond, backend: used } = await engineRun(runRequest(t, backend, size, python));
      if (used !== backend) throw new Error(`asked for ${backend}, the run used ${used}`);
      (backend === 'wasm' ? wasm : pytorch).push(samplesPerSecond);
    }
  }
  return { template: t.id, size, wasm, pytorch, ratio: spread(pytorch.map((p, i) => p / wasm[i])) };
}

export interface RunnerTiming {
  /** The runner's own training samples/s (its `result` event). */
  samplesPerSecond: number;
  /** Start of the process to its exit (Python start, torch import, training, writing the weights). */
  wallSeconds: number;
}

/** The runner's `result` event among JSON lines. */
function resultOf(messages: unknown[]): { samplesPerSecond: number } {
  const r = messages.find((m) => (m as { type?: string }).type === 'result') as
    { samplesPerSecond: number } | undefined;
  if (!r) throw new Error(`the runner wrote no result: ${JSON.stringify(messages.slice(-2))}`);
  return r;
}

/** Plain Python, no Node in the loop: `python3 train.py --json` in the bundle. */
export function standalone(python: string, bundle: string): Promise<RunnerTiming> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(python, [join(bundle, 'train.py'), '--json'], {
      cwd: bundle,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', DEEPWIRE_DEVICE: 'cpu' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`train.py exited with ${code}: ${err.slice(-400)}`));
      const lines = out.split('\n').filter((l) => l.startsWith('{'));
      try {
        resolve({ samplesPerSecond: resultOf(lines.map((l) => JSON.parse(l))).samplesPerSecond, wallSeconds });
      } catch (e) {
        reject(e as Error);
      }
    });
  });
}

/** The same runner on the same folder, supervised by Deepwire (the PyTorch backend's own process wrapper). */
export async function supervised(python: string, bundle: string): Promise<RunnerTiming> {
  const started = performance.now();
  const messages: unknown[] = [];
  const runner = startRunner(
    {
      command: python,
      args: [join(bundle, 'deepwire_runner.py'), bundle],
      cwd: bundle,
      env: { DEEPWIRE_DEVICE: 'cpu' },
    },
    (m) => messages.push(m),
  );
  const exit = await runner.exited;
  const wallSeconds = (performance.now() - started) / 1000;
  if (exit.code !== 0) throw new Error(`the runner exited with ${exit.code}: ${exit.stderrTail.join('\n')}`);
  return { samplesPerSecond: resultOf(messages).samplesPerSecond, wallSeconds };
}

export interface BridgeOverhead {
  template: string;
  size: RunSize;
  standalone: RunnerTiming[];
  supervised: RunnerTiming[];
  /** Supervised samples/s ÷ standalone samples/s per round (1 = no overhead; 0.95 = 5 % slower). */
  rateRatio: Spread;
  /** Supervised wall seconds ÷ standalone wall seconds per round. */
  wallRatio: Spread;
}

/** Writes one bundle of `t` and trains it `rounds` times each way, alternating (who goes first alternates). */
export async function bridgeOverhead(
  t: Template,
  size: RunSize,
  rounds: number,
  python: string,
): Promise<BridgeOverhead> {
  const bundle = mkdtempSync(join(tmpdir(), `deepwire-bench-bundle-${t.id}-`));
  await writeBundle(runRequestSchema.parse(runRequest(t, 'pytorch', size, python)), bundle);
  const alone: RunnerTiming[] = [];
  const piped: RunnerTiming[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      alone.push(await standalone(python, bundle));
      piped.push(await supervised(python, bundle));
    } else {
      piped.push(await supervised(python, bundle));
      alone.push(await standalone(python, bundle));
    }
  }
  return {
    template: t.id,
    size,
    standalone: alone,
    supervised: piped,
    rateRatio: spread(piped.map((p, i) => p.samplesPerSecond / alone[i].samplesPerSecond)),
    wallRatio: spread(piped.map((p, i) => p.wallSeconds / alone[i].wallSeconds)),
  };
}

/** The Python the PyTorch backend would use here (the same search as `deepwire doctor`). */
export async function benchPython(): Promise<string> {
  return (await findPython()).command;
}
