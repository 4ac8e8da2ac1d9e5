/**
 * `createStudio(deps)`: the contract's handlers behind one `dispatch` that
 * both transports call. Every request is validated with the contract's schema
 * before its handler runs; every failure leaves as a numbered Problem.
 */
import {
  type CommandName,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/api/contract.js';
import { type CallResult, problemToError, toProblem } from '../../../shared/api/problem.js';
import { assertCommand, parseEvent, parseRequest, parseResponse } from '../../../shared/api/validate.js';
import { isDeepwireError } from '../../../shared/errors.js';
import { createFileWatch } from './file-watch.js';
import { fileHandlers } from './files-handlers.js';
import { projectHandlers } from './project-handlers.js';
import { recoveryHandlers } from './recovery-handlers.js';
import { pythonSettingHandlers } from './python-setting.js';
import { runHandlers } from './run-handlers.js';
import { runsHandlers } from './runs-handlers.js';
import { sweepService } from './sweep-service.js';
import type { StudioDeps, StudioHandlers } from './types.js';

export type EventListener = (event: EventName, payload: unknown) => void;

export interface Studio {
  readonly deps: StudioDeps;
  /** Validate and run one call from a transport; never throws. */
  dispatch(command: unknown, request: unknown): Promise<CallResult>;
  /** The same, typed, throwing the DeepwireError (for in-process callers and tests). */
  call<C extends CommandName>(command: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Every event for every page; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * Ask the page to open a file (command line, OS, second instance). The path
   * becomes permitted; the page gets `app.openPath` now, or right after it
   * first calls `app.info` if no page has started yet.
   */
  requestOpen(path: string): void;
  dispose(): Promise<void>;
}

export function createStudio(deps: StudioDeps): Studio {
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const checked = parseEvent(event, payload);
    for (const listener of [...listeners]) listener(event, checked);
  };
  const watch = createFileWatch((path, deleted) => emit('project.changedOnDisk', { path, deleted }));
  const sweeps = sweepService(deps, emit);
  const handlers: StudioHandlers = {
    ...projectHandlers(deps, watch),
    ...recoveryHandlers(deps),
    ...fileHandlers(deps, emit),
    ...runHandlers(deps, emit),
    ...pythonSettingHandlers(deps),
    ...runsHandlers(deps, watch),
    ...sweeps.handlers,
  };

  // Open requests wait until a page has started (its first app.info call).
  let pageStarted = false;
  const pendingOpens: string[] = [];
  const flushOpens = () => {
    for (const path of pendingOpens.splice(0)) emit('app.openPath', { path });
  };

  const stopTrainingEvents = deps.training.onEvent((runId, event) => emit('training.event', { runId, event }));

  const dispatch = async (command: unknown, request: unknown): Promise<CallResult> => {
    try {
      const name = assertCommand(command);
      const parsed = parseRequest(name, request);
      const handler = handlers[name] as (r: unknown) => Promise<unknown>;
      const response = await handler(parsed);
      if (name === 'app.info' && !pageStarted) {
        pageStarted = true;
        // After the reply, so the page has subscribed by the time the events arrive.
        setTimeout(flushOpens, 0);
      }
      return { ok: true, response: deps.checkResponses ? parseResponse(name, response) : response };
    } catch (e) {
      if (!isDeepwireError(e))
        emit('app.log', {
          level: 'error',
          message: `${String(command)}: ${(e as Error)?.stack ?? String(e)}`,
          time: new Date().toISOString(),
        });
      return { ok: false, problem: toProblem(e) };
    }
  };

  return {
    deps,
    dispatch,
    async call(command, request) {
      const result = await dispatch(command, request);
      if (!result.ok) throw problemToError(result.problem);
      return result.response as never;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    requestOpen(path) {
      deps.paths.allowFile(path);
      pendingOpens.push(path);
      if (pageStarted) flushOpens();
    },
    async dispose() {
      stopTrainingEvents();
      watch.dispose();
      listeners.clear();
      await sweeps.dispose();
      await deps.training.dispose();
      await deps.engine.dispose();
    },
  };
}
