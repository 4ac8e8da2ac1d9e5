/**
 * The studio's TrainingPort on the training supervisor: one run at a time in
 * a training worker thread of its own; the project as the page holds it becomes a run
 * request (its dataset already path-checked), events flow back tagged with
 * the run id.
 */
import { randomUUID } from 'node:crypto';
import { DeepwireError } from '../../../shared/errors.js';
import type { RunRequest } from '../../../shared/training/protocol.js';
import { TrainingSupervisor, type SupervisorOptions } from '../training-supervisor.js';
import type { TrainingPort } from './ports.js';

export interface TrainingPortOptions extends SupervisorOptions {
  /** Where parsed datasets are cached between runs (the settings decide; null = default). */
  cacheDir: () => Promise<string>;
}

export function trainingPort(options: TrainingPortOptions): TrainingPort {
  const supervisor = new TrainingSupervisor(options);
  return {
    async start(project, overrides) {
      if (!project.dataset) {
        throw new DeepwireError(
          'DW401',
          'the project has no dataset yet: pick one in the training panel',
          'request.project.dataset',
        );
      }
      const { backend, python, ...runOverrides } = overrides;
      const request: RunRequest = {
        runId: randomUUID(),
        project: {
          kind: project.kind,
          name: project.name,
          graph: project.graph,
          dataset: project.dataset,
          training: project.training,
          gan: project.gan,
        },
        backend,
        ...(python ? { python } : {}),
        overrides: runOverrides,
        cacheDir: await options.cacheDir(),
      };
      return { runId: supervisor.start(request).runId };
    },
    pause: async () => supervisor.pause(),
    resume: async () => supervisor.resume(),
    stop: async () => supervisor.stop(),
    status: () => supervisor.status(),
    onEvent: (listener) => supervisor.onEvent(listener),
    backend: async () => supervisor.backend(),
    dispose: () => supervisor.dispose(),
  };
}
