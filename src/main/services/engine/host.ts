/**
 * The engine host (issue #18): the studio's side of the engine protocol
 * (src/shared/api/engine.ts). One long-lived worker thread per lane owns
 * TF.js and serves every request of that lane, many at a time; the studio
 * process itself never loads TF.js. A worker starts on its lane's first
 * request. When it dies (a crash, out of memory, process.exit) its pending
 * requests fail with DW630 — none is left waiting — and the next request
 * starts a fresh one. Results are checked against the protocol (DW632).
 * An idle worker does not keep the process alive.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import {
  ENGINE_REQUESTS,
  ENGINE_SERVICE_ROLE,
  engineWorkerMessageSchema,
  laneOf,
  type EngineHostMessage,
  type EngineLane,
  type EnginePayload,
  type EngineProgress,
  type EngineRequestKind,
  type EngineResult,
} from '../../../shared/api/engine.js';
import { problemToError } from '../../../shared/api/problem.js';
import { DeepwireError } from '../../../shared/errors.js';
import { workerBootstrap } from './bootstrap.js';

export interface EngineHostOptions {
  /** The worker module (default: src/main/services/engine/worker.ts; the Electron build passes its bundled one). */
  workerUrl?: URL;
  /** Limits for each worker's heap. */
  resourceLimits?: ResourceLimits;
}

/** What the studio's ports need: one typed call per request kind. */
export interface EnginePort {
  request<K extends EngineRequestKind>(
    kind: K,
    payload: EnginePayload<K>,
    onProgress?: (p: EngineProgress) => void,
  ): Promise<EngineResult<K>>;
  dispose(): Promise<void>;
}

const DEFAULT_WORKER = new URL('./worker.ts', import.meta.url);

interface Pending {
  kind: EngineRequestKind;
  resolve(result: unknown): void;
  reject(error: Error): void;
  onProgress?: (p: EngineProgress) => void;
}

/** One lane: one worker at a time, restarted on demand after it dies. */
class LaneWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Workers started so far (the first, then one per restart). */
  starts = 0;

  constructor(
    private readonly lane: EngineLane,
    private readonly options: EngineHostOptions,
  ) {}

  send(kind: EngineRequestKind, payload: unknown, onProgress?: (p: EngineProgress) => void): Promise<unknown> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind, resolve, reject, onProgress });
      worker.ref();
      try {
        worker.postMessage({ type: 'request', id, kind, payload } satisfies EngineHostMessage);
      } catch (e) {
        // Not cloneable (a function, a symbol…): a caller's bug, refused before it reaches the engine.
        this.settle(id);
        reject(new DeepwireError('DW632', `${kind}: ${(e as Error).message}`, kind));
      }
    });
  }

  /** Ends the worker; its pending requests fail with `code`. */
  async stop(code: 'DW630' | 'DW631', why: string): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(code, why);
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(workerBootstrap(this.options.workerUrl ?? DEFAULT_WORKER), {
      eval: true,
      workerData: { role: ENGINE_SERVICE_ROLE, lane: this.lane },
      resourceLimits: this.options.resourceLimits,
    });
    this.starts += 1;
    this.worker = worker;
    worker.unref();
    worker.on('message', (message: unknown) => this.receive(message));
    const died = (why: string) => {
      if (this.worker !== worker) return; // already replaced or stopped
      this.worker = null;
      this.failAll('DW630', why);
    };
    worker.on('error', (e: Error & { code?: string }) => {
      const memory = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? ' (out of memory)' : '';
      died(`the ${this.lane} engine worker crashed${memory}: ${e.message}`);
    });
    worker.on('exit', (code) => died(`the ${this.lane} engine worker exited (code ${code})`));
    return worker;
  }

  private receive(message: unknown): void {
    const parsed = engineWorkerMessageSchema.safeParse(message);
    if (!parsed.success) return; // nothing to answer: an id-less message cannot be matched to a request
    const msg = parsed.data;
    const p = this.pending.get(msg.id);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.settle(msg.id);
    if (msg.type === 'failure') {
      if (!msg.stack) return p.reject(problemToError(msg.problem));
      // Not a numbered error: a bug, rethrown as such so the studio logs its stack (as when it ran here).
      const bug = new Error(msg.problem.message);
      bug.stack = msg.stack;
      return p.reject(bug);
    }
    const result = ENGINE_REQUESTS[p.kind].result.safeParse(msg.result);
    if (result.success) p.resolve(result.data);
    else {
      const issue = result.error.issues[0];
      p.reject(new DeepwireError('DW632', `${p.kind} answered ${issue.path.join('.')}: ${issue.message}`, p.kind));
    }
  }

  private settle(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(code: 'DW630' | 'DW631', why: string): void {
    const failed = [...this.pending.values()];
    this.pending.clear();
    for (const p of failed) p.reject(new DeepwireError(code, `${p.kind}: ${why}`, p.kind));
  }
}

export class EngineHost implements EnginePort {
  private readonly lanes = new Map<EngineLane, LaneWorker>();
  private disposed = false;

  constructor(private readonly options: EngineHostOptions = {}) {}

  request<K extends EngineRequestKind>(
    kind: K,
    payload: EnginePayload<K>,
    onProgress?: (p: EngineProgress) => void,
  ): Promise<EngineResult<K>> {
    if (this.disposed) return Promise.reject(new DeepwireError('DW631', `${kind}: the engine host was disposed`, kind));
    return this.lane(laneOf(kind, payload)).send(kind, payload, onProgress) as Promise<EngineResult<K>>;
  }

  /** Workers started for `lane` so far (tests: a crash is followed by a restart). */
  starts(lane: EngineLane): number {
    return this.lanes.get(lane)?.starts ?? 0;
  }

  /** Ends every worker; pending and later requests fail with DW631. */
  async dispose(): Promise<void> {
    this.disposed = true;
    await Promise.all([...this.lanes.values()].map((l) => l.stop('DW631', 'the engine was shut down')));
  }

  private lane(lane: EngineLane): LaneWorker {
    let worker = this.lanes.get(lane);
    if (!worker) {
      worker = new LaneWorker(lane, this.options);
      this.lanes.set(lane, worker);
    }
    return worker;
  }
}
