/** The studio's ports bound to the real services of main: training workers, and the engine host for the rest. */
import { EngineHost, type EnginePort } from '../engine/host.js';
import { defaultCacheDir, type SettingsStore } from '../settings.js';
import { datasetPort } from './dataset-port.js';
import { exportPort } from './export-port.js';
import { cacheDirResolver } from './folder-settings.js';
import type { PathPolicy } from './paths.js';
import type { DatasetPort, ExportPort, ProjectFilesPort, TrainingPort } from './ports.js';
import { projectFilesPort } from './project-port.js';
import { trainingPort } from './training-port.js';

export interface DefaultPortsOptions {
  /** Where the example projects live (resources/examples). */
  examplesDir: string;
  settings: SettingsStore;
  /** The training worker module (the Electron build passes its bundled one). */
  workerUrl?: URL;
  /** The long-lived engine worker module (the Electron build passes its bundled one). */
  engineWorkerUrl?: URL;
  /** Stamped into exported files. */
  version: string;
  /** The studio's path policy: training writes the dataset cache only where it allows (else the default). */
  paths?: PathPolicy;
}

export function defaultPorts(options: DefaultPortsOptions): {
  projects: ProjectFilesPort;
  training: TrainingPort;
  datasets: DatasetPort;
  exporter: ExportPort;
  engine: EnginePort;
} {
  const { settings, paths } = options;
  const cacheDir = paths
    ? cacheDirResolver(settings, paths, (message) => console.warn(`warning: ${message}`))
    : async () => (await settings.get()).datasetCacheDir ?? defaultCacheDir();
  // One engine host per studio: its workers own TF.js; this process never loads it.
  const engine = new EngineHost({ workerUrl: options.engineWorkerUrl });
  return {
    projects: projectFilesPort(options.examplesDir),
    training: trainingPort({ cacheDir, workerUrl: options.workerUrl }),
    datasets: datasetPort(engine, defaultCacheDir()),
    exporter: exportPort(engine, options.version),
    engine,
  };
}
