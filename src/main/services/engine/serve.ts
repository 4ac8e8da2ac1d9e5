/**
 * The engine worker's side of the engine protocol (src/shared/api/engine.ts):
 * every request's payload is checked against its schema (DW632), its handler
 * runs — many at a time, each answered by id — and its result or numbered
 * failure is posted back; progress goes out while it runs. TF.js's backend is
 * chosen once, before the first request is handled (never a native one). `serveEngineRequests`
 * works on any message port, so tests can drive it in-process too.
 */
import {
  ENGINE_REQUESTS,
  engineHostMessageSchema,
  type EngineProgress,
  type EngineRequestKind,
  type EngineResult,
  type EngineWorkerMessage,
  type ParsedEnginePayload,
} from '../../../shared/api/engine.js';
import { toProblem } from '../../../shared/api/problem.js';
import { DeepwireError, isDeepwireError } from '../../../shared/errors.js';
import { normalizeProject } from '../../../shared/project/index.js';
import { initBackend } from '../../engine/backend/select.js';
import { probeWasm } from '../../engine/backend/wasm.js';
import { runExport } from '../exports.js';
import { generateDataset } from '../generate-dataset.js';
import { importModel } from '../import-model.js';
import { withEnvelope } from '../studio/project-port.js';
import { inspectProject, interpolateProject } from './inspect.js';
import { previewDataset } from './preview.js';

export type EngineHandlers = {
  [K in EngineRequestKind]: (
    payload: ParsedEnginePayload<K>,
    progress: (p: EngineProgress) => void,
  ) => Promise<EngineResult<K>> | EngineResult<K>;
};

/** What each request kind runs: the same services the CLI calls in its own process. */
export const engineHandlers: EngineHandlers = {
  'dataset.preview': ({ config, count, kind, cacheDir }) => previewDataset(config, count, kind, cacheDir),
  'inspect.run': (payload) => inspectProject(payload),
  'inspect.interpolate': (payload) => interpolateProject(payload),
  'export.run': async ({ project, format, outDir, projectPath, version }, progress) => {
    // The full project check (DW203) before any model is built.
    const full = normalizeProject(withEnvelope(project));
    const outcome = await runExport(full, { format, outDir, options: { projectPath, version } }, progress);
    const { files, bytes, trained, warnings } = outcome;
    return { format, files, bytes, trained, warnings };
  },
  'model.import': async ({ path }) => {
    const imported = await importModel(path);
    return {
      project: imported.project,
      warnings: imported.warnings,
      ...(imported.unsetDataset ? { unsetDataset: imported.unsetDataset } : {}),
    };
  },
  'gan.generate': ({ project, ...rest }) =>
    generateDataset({ project: normalizeProject(withEnvelope(project)), ...rest }),
};

export interface EngineRequestPort {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: EngineWorkerMessage): void;
}

let backendReady: Promise<unknown> | null = null;

/**
 * The best backend short of the native ones (wasm with the kernel pack, else
 * cpu): the engine workers never load tfjs-node, whose native library fails
 * in a second worker thread, so it stays free for the training worker.
 */
async function engineBackend(): Promise<unknown> {
  const probes = [await probeWasm(), { name: 'cpu' as const, available: true, detail: 'pure JavaScript' }];
  return initBackend('auto', { probes });
}

/** Serves requests on `port` for as long as it is open. */
export function serveEngineRequests(port: EngineRequestPort, handlers: EngineHandlers = engineHandlers): void {
  const fail = (id: number, e: unknown) => {
    const stack = isDeepwireError(e) ? undefined : ((e as Error)?.stack ?? String(e));
    port.postMessage({ type: 'failure', id, problem: toProblem(e), ...(stack ? { stack } : {}) });
  };
  port.on('message', (message) => {
    const parsed = engineHostMessageSchema.safeParse(message);
    if (!parsed.success) {
      const id = (message as { id?: unknown } | null)?.id;
      const why = `not an engine request: ${parsed.error.issues[0].message}`;
      if (typeof id === 'number') fail(id, new DeepwireError('DW632', why));
      return;
    }
    const { id, kind } = parsed.data;
    const payload = ENGINE_REQUESTS[kind].payload.safeParse(parsed.data.payload);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      fail(id, new DeepwireError('DW632', `${issue.path.join('.') || 'payload'}: ${issue.message}`, kind));
      return;
    }
    const handler = handlers[kind] as (p: unknown, progress: (p: EngineProgress) => void) => unknown;
    const progress = (p: EngineProgress) => port.postMessage({ type: 'progress', id, progress: p });
    void (async () => {
      try {
        backendReady ??= engineBackend();
        await backendReady;
        port.postMessage({ type: 'result', id, result: await handler(payload.data, progress) });
      } catch (e) {
        fail(id, e);
      }
    })();
  });
}
