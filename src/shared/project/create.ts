/** Small helpers that make and stamp projects. */
import type { GraphDoc } from '../graph/types.js';
import type { Problem } from '../errors.js';
import {
  ganConfigSchema,
  trainingConfigSchema,
  type DatasetConfig,
  type ProjectKind,
  type TrainingConfig,
} from '../training/config.js';
import { APP_NAME, APP_VERSION, CURRENT_VERSION, PROJECT_FORMAT } from './format.js';
import type { Project } from './schema.js';
import { weightsProblems } from './weights.js';

/** Training defaults that suit each kind of project. */
export function defaultTraining(kind: ProjectKind): TrainingConfig {
  switch (kind) {
    case 'classifier':
      return trainingConfigSchema.parse({ loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    case 'regressor':
      return trainingConfigSchema.parse({ loss: 'meanSquaredError', metrics: ['mae'], batchSize: 32, epochs: 10 });
    case 'gan':
      return trainingConfigSchema.parse({ loss: 'binaryCrossentropy', metrics: [], batchSize: 64, epochs: 5 });
  }
}

/** Image datasets start on MNIST; a regressor waits for the user's CSV. */
export function defaultDataset(kind: ProjectKind): DatasetConfig | undefined {
  return kind === 'regressor' ? undefined : { source: 'mnist', validationSplit: 0.1, seed: 42 };
}

export interface NewProjectOptions {
  graph?: GraphDoc;
  description?: string;
  dataset?: DatasetConfig;
  training?: Partial<TrainingConfig>;
  now?: Date;
}

/** A fresh, valid project of `kind` (an empty canvas unless a graph is given). */
export function newProject(kind: ProjectKind, name: string, opts: NewProjectOptions = {}): Project {
  const now = (opts.now ?? new Date()).toISOString();
  const dataset = opts.dataset ?? defaultDataset(kind);
  return {
    format: PROJECT_FORMAT,
    version: CURRENT_VERSION,
    kind,
    name,
    description: opts.description ?? '',
    createdAt: now,
    modifiedAt: now,
    app: { name: APP_NAME, version: APP_VERSION },
    ...(dataset ? { dataset } : {}),
    training: trainingConfigSchema.parse({ ...defaultTraining(kind), ...opts.training }),
    ...(kind === 'gan' ? { gan: ganConfigSchema.parse({}) } : {}),
    graph: opts.graph ?? { nodes: [], edges: [] },
    runs: [],
  };
}

/** Stamps a project as saved now by this app (call just before writing). */
export function touchProject<P extends object>(
  project: P,
  now: Date = new Date(),
): P & Pick<Project, 'modifiedAt' | 'app'> {
  return { ...project, modifiedAt: now.toISOString(), app: { name: APP_NAME, version: APP_VERSION } };
}

export type WeightsStatus = { state: 'none' } | { state: 'ok' } | { state: 'stale' | 'damaged'; problem: Problem };

/** Whether the stored weights can be loaded into the project's current graph. */
export function weightsStatus(project: Project): WeightsStatus {
  if (!project.weights) return { state: 'none' };
  const problem = weightsProblems(project.weights, project.graph)[0];
  if (!problem) return { state: 'ok' };
  return { state: problem.where === 'weights.graphRevision' ? 'stale' : 'damaged', problem };
}
