/**
 * sweep.* in the studio: one sweep at a time (DW547), its trials in engine
 * workers so the studio stays responsive, every event sent with the sweep's
 * snapshot (progress at most every 250 ms), each finished trial's run record
 * with its event (and into the file when the project is saved), and the best
 * trial handed to the page to take over (sweep.promote).
 */
import { DeepwireError } from '../../../shared/errors.js';
import { normalizeProject } from '../../../shared/project/index.js';
import type { RunRecord } from '../../../shared/project/runs-schema.js';
import type { SweepEvent } from '../../../shared/sweep/config.js';
import { checkDatasetPaths } from './files-handlers.js';
import { cacheDirResolver } from './folder-settings.js';
import { withEnvelope } from './project-port.js';
import { SweepSession, workerRunner } from './sweep-session.js';
import type { Emit, HandlersOf, StudioDeps } from './types.js';

type SweepHandlers = HandlersOf<'sweep'>;

const PROGRESS_EVERY_MS = 250;

export interface SweepService {
  handlers: SweepHandlers;
  /** Stops a running sweep and waits for its trials to end. */
  dispose(): Promise<void>;
}

export function sweepService(deps: StudioDeps, emit: Emit): SweepService {
  const { settings, paths } = deps;
  const cacheDir = cacheDirResolver(settings, paths, (message) => console.warn(`warning: ${message}`));
  let current: { session: SweepSession; finished: Promise<unknown> } | null = null;

  const session = (what: string): SweepSession => {
    if (!current) throw new DeepwireError('DW548', `there is no sweep to ${what}`, `sweep.${what}`);
    return current.session;
  };
  const snapshot = (what: string) => async () => {
    const s = session(what);
    if (what === 'pause') s.sweep.pause();
    else if (what === 'resume') s.sweep.resume();
    else s.sweep.stop();
    return s.sweep.snapshot();
  };

  const handlers: SweepHandlers = {
    'sweep.start': async ({ project, options, projectPath }) => {
      if (current && ['running', 'paused', 'stopping'].includes(current.session.sweep.snapshot().state))
        throw new DeepwireError('DW547', 'a sweep is already running', 'sweep.start');
      const dataset = project.dataset
        ? await checkDatasetPaths(paths, project.dataset, 'request.project.dataset', projectPath)
        : undefined;
      const file = projectPath ? await paths.writable(projectPath, 'request.projectPath') : undefined;
      const records = new Map<string, RunRecord>();
      let lastProgress = 0;
      const s: SweepSession = new SweepSession({
        ...(file ? { projectPath: file } : {}),
        project: normalizeProject(withEnvelope({ ...project, ...(dataset ? { dataset } : {}) })),
        options,
        backend: (await settings.get()).backend,
        cacheDir: await cacheDir(),
        runner: workerRunner,
        onRecord: (record) => records.set(record.id, record),
        onEvent: (event: SweepEvent) => {
          if (event.type === 'trial-progress') {
            if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
            lastProgress = Date.now();
          }
          const run = event.type === 'trial-finished' ? records.get(event.trial.runId) : undefined;
          try {
            emit('sweep.event', { event, snapshot: s.sweep.snapshot(), ...(run ? { run } : {}) });
          } catch (e) {
            // A page that cannot be told must not stop the trials: the next event carries the whole snapshot again.
            console.warn(`warning: sweep event not sent: ${(e as Error).message}`);
          }
        },
      });
      const finished = s
        .run()
        .catch((e: unknown) =>
          emit('app.log', { level: 'error', message: `sweep: ${String(e)}`, time: new Date().toISOString() }),
        );
      current = { session: s, finished };
      return s.sweep.snapshot();
    },
    'sweep.pause': snapshot('pause'),
    'sweep.resume': snapshot('resume'),
    'sweep.stop': snapshot('stop'),
    'sweep.status': async () => current?.session.sweep.snapshot() ?? null,
    'sweep.promote': async () => {
      const best = session('promote').best();
      return { trial: best.trial.trial, ...best.settings, weights: best.weights };
    },
  };
  return {
    handlers,
    async dispose() {
      current?.session.sweep.stop();
      await current?.finished;
    },
  };
}
