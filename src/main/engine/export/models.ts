/**
 * The models an export writes, from a project: one model for a classifier or
 * regressor, the generator and the discriminator for a GAN, compiled by the
 * engine's compiler and holding the project's trained weights (a CycleGAN:
 * G, F, D_A and D_B). A project
 * without weights exports its seeded initial weights (the ones training would
 * start from), with a warning, unless the caller requires trained weights
 * (DW508).
 */
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import { CYCLE_GROUPS, type Group } from '../../../shared/graph/types.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import type { Project } from '../../../shared/project/schema.js';
import { compileGraph } from '../compile/compile.js';
import { applyWeightsBlob } from '../weights.js';
import { snapshotModel, type ModelSnapshot } from './snapshot.js';

export interface ExportModel {
  name: 'model' | Group;
  model: tf.LayersModel;
  snap: ModelSnapshot;
}

export interface ExportModels {
  models: ExportModel[];
  /** True when the weights are the project's trained ones. */
  trained: boolean;
  warnings: string[];
}

export interface LoadOptions {
  /** Refuse (DW508) a project without trained weights instead of exporting initial ones. */
  requireTrained?: boolean;
}

export function loadExportModels(project: Project, opts: LoadOptions = {}): ExportModels {
  if (!project.weights && opts.requireTrained) {
    throw new DeepwireError(
      'DW508',
      `project '${project.name}' has no trained weights; weight formats need a trained model`,
      project.name,
    );
  }
  const cycle = project.kind === 'gan' && isCycleGraph(project.graph);
  const groups: (Group | undefined)[] = cycle
    ? [...CYCLE_GROUPS]
    : project.kind === 'gan'
      ? ['generator', 'discriminator']
      : [undefined];
  const seed = project.training.seed;
  const compiled = groups.map((group) => ({
    group,
    c: compileGraph(project.graph, { projectKind: project.kind, group, seed }),
  }));
  const warnings: string[] = [];
  if (project.weights) {
    applyWeightsBlob(
      compiled.map((m) => m.c.model),
      project.weights,
      project.graph,
    );
  } else {
    warnings.push(
      `'${project.name}' has no trained weights: the export holds the initial weights (seed ${seed}) that training would start from.`,
    );
  }
  const models = compiled.map(({ group, c }) => ({
    name: group ?? ('model' as const),
    model: c.model,
    snap: snapshotModel(c, project.graph, group),
  }));
  return { models, trained: project.weights !== undefined, warnings };
}

export function disposeExportModels(models: ExportModels): void {
  for (const m of models.models) m.model.dispose();
}
