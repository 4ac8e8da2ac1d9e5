/** The studio's ports bound to the real services of main. */
import { DeepwireError } from '../../../shared/errors.js';
import { defaultCacheDir, type SettingsStore } from '../settings.js';
import { datasetPort } from './dataset-port.js';
import type { DatasetPort, ExportPort, ProjectFilesPort, TrainingPort } from './ports.js';
import { projectFilesPort } from './project-port.js';
import { trainingPort } from './training-port.js';

export interface DefaultPortsOptions {
  /** Where the example projects live (resources/examples). */
  examplesDir: string;
  settings: SettingsStore;
  /** The engine worker module (the Electron build passes its bundled one). */
  workerUrl?: URL;
}

export function defaultExporter(): ExportPort {
  return {
    run: async (_project, format) => {
      throw new DeepwireError('DW702', `the ${format} export writer is not available yet in this build`);
    },
  };
}

export function defaultPorts(options: DefaultPortsOptions): {
  projects: ProjectFilesPort;
  training: TrainingPort;
  datasets: DatasetPort;
  exporter: ExportPort;
} {
  const cacheDir = async () => (await options.settings.get()).datasetCacheDir ?? defaultCacheDir();
  return {
    projects: projectFilesPort(options.examplesDir),
    training: trainingPort({ cacheDir, workerUrl: options.workerUrl }),
    datasets: datasetPort(defaultCacheDir()),
    exporter: defaultExporter(),
  };
}
