/**
 * The training supervisor: owns the engine worker thread of the one run at a
 * time (DW505 when one is already running, DW506 when there is none to
 * pause/resume/stop), forwards its events, and turns a worker that dies
 * without a final event — a crash, out of memory, process.exit — into an
 * `error` event DW502, so a caller never waits forever.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { DeepwireError } from '../../shared/errors.js';
import type { BackendReport } from '../../shared/training/backend.js';
import { workerBootstrap } from './engine/bootstrap.js';
import {
  ENGINE_WORKER_ROLE,
  isTerminal,
  trainingEventSchema,
  type HostMessage,
  type RunRequest,
  type TrainingEvent,
} from '../../shared/training/protocol.js';

import type { RunState, RunStatus } from '../../shared/api/training.js';

export type { RunState, RunStatus };
export type EventListener = (runId: string, event: TrainingEvent) => void;

export interface SupervisorOptions {
  /** The worker module (default: the engine worker, src/main/engine/worker.ts). */
  workerUrl?: URL;
  /** Limits for the worker's heap, e.g. to test out-of-memory handling. */
  resourceLimits?: ResourceLimits;
  /** After stop, how long the run may take to finish before the worker is terminated. */
  stopTimeoutMs?: number;
}

const DEFAULT_WORKER = new URL('../engine/worker.ts', import.meta.url);
/** Stopping still evaluates the test split, which takes a while on the slow backends. */
const STOP_TIMEOUT_MS = 120_000;

interface ActiveRun {
  runId: string;
  worker: Worker;
  state: RunState;
  ended: boolean;
  /** Terminated because it did not stop in time. */
  forced: boolean;
  done: Promise<TrainingEvent>;
  stopTimer?: NodeJS.Timeout;
}

export class TrainingSupervisor {
  private run: ActiveRun | null = null;
  private lastRunId: string | null = null;
  private listeners = new Set<EventListener>();
  private lastBackend: BackendReport | null = null;

  constructor(private readonly options: SupervisorOptions = {}) {}

  status(): RunStatus {
    return this.run ? { state: this.run.state, runId: this.run.runId } : { state: 'idle', runId: this.lastRunId };
  }

  /** The backend report of the latest run, once it has started. */
  backend(): BackendReport | null {
    return this.lastBackend;
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a run in a fresh worker; resolves to the run's final event (done or error). */
  start(request: RunRequest): { runId: string; finished: Promise<TrainingEvent> } {
    if (this.run)
      throw new DeepwireError('DW505', `run ${this.run.runId} is still ${this.run.state}`, 'training.start');
    const worker = new Worker(workerBootstrap(this.options.workerUrl ?? DEFAULT_WORKER), {
      eval: true,
      workerData: { role: ENGINE_WORKER_ROLE },
      resourceLimits: this.options.resourceLimits,
      stdout: false,
      stderr: false,
    });
    let finish!: (e: TrainingEvent) => void;
    const done = new Promise<TrainingEvent>((resolve) => (finish = resolve));
    const run: ActiveRun = { runId: request.runId, worker, state: 'starting', ended: false, forced: false, done };
    this.run = run;
    this.lastRunId = request.runId;

    const end = (event: TrainingEvent) => {
      if (run.ended) return;
      run.ended = true;
      clearTimeout(run.stopTimer);
      if (this.run === run) this.run = null;
      this.emit(run.runId, event);
      finish(event);
      void worker.terminate();
    };
    worker.on('message', (message: unknown) => {
      const parsed = trainingEventSchema.safeParse(message);
      if (!parsed.success || run.ended) return;
      const event = parsed.data;
      if (isTerminal(event)) return end(event);
      if (event.type === 'started') {
        this.lastBackend = event.backend;
        if (run.state === 'starting') run.state = 'running';
      } else if (event.type === 'paused' && run.state !== 'stopping') run.state = 'paused';
      else if (event.type === 'resumed' && run.state !== 'stopping') run.state = 'running';
      this.emit(run.runId, event);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const memory =
        e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ' (out of memory: lower the batch size or the model size)' : '';
      end({ type: 'error', code: 'DW502', message: `the training worker crashed${memory}: ${e.message}` });
    });
    worker.on('exit', (code) => {
      const message = run.forced
        ? `the run did not stop within ${(this.options.stopTimeoutMs ?? STOP_TIMEOUT_MS) / 1000} s and its worker was terminated`
        : `the training worker exited (code ${code}) before the run finished`;
      end({ type: 'error', code: 'DW502', message });
    });
    worker.postMessage({ type: 'start', request } satisfies HostMessage);
    return { runId: request.runId, finished: done };
  }

  pause(): RunStatus {
    const run = this.active('pause');
    if (run.state !== 'stopping') {
      run.worker.postMessage({ type: 'pause' } satisfies HostMessage);
    }
    return this.status();
  }

  resume(): RunStatus {
    const run = this.active('resume');
    if (run.state !== 'stopping') run.worker.postMessage({ type: 'resume' } satisfies HostMessage);
    return this.status();
  }

  /** Asks the run to stop after the current batch; it still evaluates and reports `done`. */
  stop(): RunStatus {
    const run = this.active('stop');
    if (run.state !== 'stopping') {
      run.state = 'stopping';
      run.worker.postMessage({ type: 'stop' } satisfies HostMessage);
      run.stopTimer = setTimeout(() => {
        if (run.ended) return;
        run.forced = true;
        void run.worker.terminate();
      }, this.options.stopTimeoutMs ?? STOP_TIMEOUT_MS);
    }
    return this.status();
  }

  /** Ends any run (terminating its worker) and forgets the listeners. */
  async dispose(): Promise<void> {
    const run = this.run;
    if (run) {
      await run.worker.terminate();
      await run.done;
    }
    this.listeners.clear();
  }

  private active(what: string): ActiveRun {
    if (!this.run) throw new DeepwireError('DW506', `there is no run to ${what}`, `training.${what}`);
    return this.run;
  }

  private emit(runId: string, event: TrainingEvent): void {
    for (const l of this.listeners) l(runId, event);
  }
}
