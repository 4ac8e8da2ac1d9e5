/**
 * What every PyTorch run shares with its Python process: the launch line
 * (the runner alone, or under torchrun), the `ready` and `failure` messages,
 * the backend report, pause/resume/stop forwarded to stdin, the error for a
 * process that ended without a result, and the trained weights it wrote.
 */
import { readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError, ERRORS, type ErrorCode } from '../../../shared/errors.js';
import type { NamedTensor } from '../../../shared/project/weights.js';
import type { EventOf, MultiNode, RunCommand, TrainingEvent } from '../../../shared/training/protocol.js';
import type { BackendProbe, BackendReport } from '../../../shared/training/backend.js';
import { decodeNpy } from '../export/keras/npy.js';
import type { ExportModel } from '../export/models.js';
import { npyPath } from '../export/npy-weights.js';
import type { RunSignal } from '../train/control.js';
import { PYTHON_DIR, type PythonFound } from './python.js';
import { startRunner, type RunnerExit } from './runner-process.js';

const COMMAND_POLL_MS = 50;

export interface Ready {
  type: 'ready';
  torch: string;
  python: string;
  executable: string;
  device: string;
  world: number;
  threads: number;
}
export interface Failure {
  type: 'failure';
  code: string;
  message: string;
  where?: string;
}

export function report(ready: Ready, probes: BackendProbe[]): BackendReport {
  const detail = `torch ${ready.torch}, Python ${ready.python} (${ready.executable}) on ${ready.device}`;
  return {
    chosen: 'pytorch',
    kernelPack: false,
    threads: ready.world,
    device: ready.device,
    probes: [{ name: 'pytorch', available: true, detail }, ...probes],
  };
}

/**
 * Why the process ended without a result, with its last stderr lines: DW502 (DW522 when it never
 * started; DW528 when torchrun's processes failed on their own).
 */
export function crashed(
  python: PythonFound,
  pid: number | undefined,
  exit: RunnerExit,
  nproc: number,
  multiNode?: MultiNode,
): DeepwireError {
  if (exit.spawnError)
    return new DeepwireError('DW522', `could not start ${python.command}: ${exit.spawnError.message}`, python.source);
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const tail = exit.stderrTail.length ? `; its last output:\n${exit.stderrTail.join('\n')}` : '';
  if ((nproc > 1 || multiNode) && !exit.signal) {
    const on = multiNode ? ` on node ${multiNode.nodeRank} of ${multiNode.nnodes} (${multiNode.rdzvEndpoint})` : '';
    return new DeepwireError(
      'DW528',
      `torchrun with ${nproc} processes${on} (pid ${pid ?? '?'}) ${how} before the run finished${tail}`,
      multiNode ? '--rdzv-endpoint' : '--nproc-per-node',
    );
  }
  return new DeepwireError(
    'DW502',
    `the PyTorch process (pid ${pid ?? '?'}) ${how} before the run finished${tail}`,
    'pytorch',
  );
}

/** Forwards pause/resume/stop from the run's signal to the process as they change. */
export function forwardCommands(signal: RunSignal, send: (c: RunCommand) => void): () => void {
  let paused = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (signal.stopRequested && !stopped) {
      stopped = true;
      send('stop');
    } else if (!stopped && signal.pauseRequested !== paused) {
      paused = signal.pauseRequested;
      send(paused ? 'pause' : 'resume');
    }
  }, COMMAND_POLL_MS);
  return () => clearInterval(timer);
}

/** The trained weights the runner wrote to `out` (weights/*.npy in Keras's layout) for `model`'s tensors. */
export async function readTrained(out: string, model: ExportModel): Promise<NamedTensor[]> {
  const tensors: NamedTensor[] = [];
  for (const weights of model.snap.weights.values()) {
    for (const w of weights) {
      const npy = decodeNpy(new Uint8Array(await readFile(join(out, ...npyPath(w.name).split('/')))));
      tensors.push({ name: w.name, shape: npy.shape, values: npy.values });
    }
  }
  return tensors;
}

/**
 * The runner alone, or under torchrun (PyTorch's own launcher, through deepwire_torchrun.py for a parsing
 * bug of torch < 2 on Python 3.11) with N data-parallel processes: on this machine alone (--standalone), or
 * as node R of M machines through the static rendezvous at node 0's HOST:PORT (every node runs the same
 * run). gloo on the CPU, nccl on CUDA; global rank 0 steers, each node's first process reports.
 */
export function runnerArgs(nprocPerNode: number, folder: string, multiNode?: MultiNode): string[] {
  const runner = [join(PYTHON_DIR, 'deepwire_runner.py'), folder];
  const torchrun = join(PYTHON_DIR, 'deepwire_torchrun.py');
  if (multiNode) {
    const { nnodes, nodeRank, rdzvEndpoint } = multiNode;
    if (nodeRank >= nnodes)
      throw new DeepwireError('DW534', `node rank ${nodeRank} is not below ${nnodes} nodes`, '--node-rank');
    return [
      torchrun,
      `--nnodes=${nnodes}`,
      `--node_rank=${nodeRank}`,
      `--rdzv_endpoint=${rdzvEndpoint}`,
      `--nproc_per_node=${nprocPerNode}`,
      ...runner,
    ];
  }
  if (nprocPerNode === 1) return runner;
  return [torchrun, '--standalone', `--nproc_per_node=${nprocPerNode}`, ...runner];
}

/** A JSON line of the runner's (events of its own kind: gan-step, cycle-grid, …). */
export type RunnerMessage = { type?: string } & Record<string, unknown>;

/** An .npy the runner wrote (relative to the run folder), read once and removed. */
export function takeNpy(folder: string, file: string): tf.Tensor {
  const path = join(folder, file);
  const npy = decodeNpy(new Uint8Array(readFileSync(path)));
  rmSync(path, { force: true });
  return tf.tensor(npy.values, npy.shape);
}

/**
 * Runs the runner on `folder` in one process to its `result`: `handle` gets every other message (with the
 * process id) and may throw (a DeepwireError ends the run: the process is killed); paused/resumed pass
 * through; the runner's `failure`, or an end without a result, is thrown as its numbered error.
 */
export async function superviseRunner<R extends { type: 'result' }>(
  python: PythonFound,
  folder: string,
  signal: RunSignal,
  emit: (e: TrainingEvent) => void,
  handle: (message: RunnerMessage, pid: number | undefined) => void,
): Promise<R> {
  let result: R | null = null;
  let failure: Failure | DeepwireError | null = null;
  const proc = startRunner({ command: python.command, args: runnerArgs(1, folder), cwd: folder }, (message) => {
    if (failure) return;
    const m = message as RunnerMessage;
    try {
      if (m.type === 'result') result = m as unknown as R;
      else if (m.type === 'failure') failure = m as unknown as Failure;
      else if (m.type === 'paused') emit({ type: 'paused', epoch: m.epoch as number, batch: m.batch as number });
      else if (m.type === 'resumed') emit({ type: 'resumed' });
      else handle(m, proc.pid);
    } catch (e) {
      // A failure on this side (DW501 from a reporter, a missing file) ends the run.
      failure = e instanceof DeepwireError ? e : new DeepwireError('DW502', (e as Error).message, 'pytorch');
      proc.kill();
    }
  });
  const stopForwarding = forwardCommands(signal, (c) => proc.send(c));
  const exit = await proc.exited.finally(stopForwarding);
  const failed = failure as Failure | DeepwireError | null;
  if (failed instanceof DeepwireError) throw failed;
  if (failed) {
    const code = (failed.code in ERRORS ? failed.code : 'DW502') as ErrorCode;
    throw new DeepwireError(code, failed.message, failed.where);
  }
  const done = result as R | null;
  if (!done) throw crashed(python, proc.pid, exit, 1);
  return done;
}

type StartedFields = Omit<EventOf<'started'>, 'type' | 'backend'>;

/** On the runner's `ready`: the run's `started` event (PyTorch's backend report) and the process line. */
export function announce(
  emit: (e: TrainingEvent) => void,
  ready: Ready,
  pid: number | undefined,
  probes: BackendProbe[],
  started: StartedFields,
): void {
  emit({ type: 'started', ...started, backend: report(ready, probes) });
  emit({
    type: 'log',
    level: 'info',
    message: `PyTorch process ${pid ?? '?'}: ${ready.executable}, torch ${ready.torch}, ${ready.device}`,
  });
}
