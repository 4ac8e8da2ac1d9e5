/**
 * The studio's ports bound to the real services of main. Each service is
 * loaded lazily, so opening the studio never waits for TF.js.
 */
import { DeepwireError } from '../../../shared/errors.js';
import type { DatasetPort, ExportPort, ProjectFilesPort, TrainingPort } from './ports.js';
import { projectFilesPort } from './project-port.js';
import { datasetPort } from './dataset-port.js';
import { defaultCacheDir } from '../settings.js';

export interface DefaultPortsOptions {
  /** Where the example projects live (resources/examples). */
  examplesDir: string;
}

function notBuilt(what: string): never {
  throw new DeepwireError('DW607', `${what} is not part of this build yet`);
}

export function defaultProjectFiles(options: DefaultPortsOptions): ProjectFilesPort {
  return projectFilesPort(options.examplesDir);
}

export function defaultTraining(): TrainingPort {
  return {
    start: async () => notBuilt('training'),
    pause: async () => notBuilt('training'),
    resume: async () => notBuilt('training'),
    stop: async () => notBuilt('training'),
    status: () => ({ state: 'idle', runId: null }),
    onEvent: () => () => {},
    backend: async () => null,
    dispose: async () => {},
  };
}

export function defaultDatasets(): DatasetPort {
  return datasetPort(defaultCacheDir());
}

export function defaultExporter(): ExportPort {
  return {
    run: async (_project, format) => {
      throw new DeepwireError('DW702', `the ${format} export writer is not available yet in this build`);
    },
  };
}

export function defaultPorts(options: DefaultPortsOptions) {
  return {
    projects: defaultProjectFiles(options),
    training: defaultTraining(),
    datasets: defaultDatasets(),
    exporter: defaultExporter(),
  };
}
