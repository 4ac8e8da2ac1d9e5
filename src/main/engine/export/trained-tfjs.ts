/**
 * A trained project as TF.js Layers files: compile the graph (for a GAN, the
 * generator), load the stored weights, write model.json + weights.bin, and —
 * when the run scaled its data — `preprocessing.json` beside them, saying how
 * to scale inputs (and un-scale regression outputs) for the exported model.
 * A CycleGAN writes both generators, in `generator_ab/` (G) and `generator_ba/` (F).
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import type { GraphDoc, Group } from '../../../shared/graph/types.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import type { WeightsBlob } from '../../../shared/project/weights-schema.js';
import type { ProjectKind } from '../../../shared/training/config.js';
import type { Preprocessing } from '../../../shared/training/protocol.js';
import { compileGraph } from '../compile/compile.js';
import { applyWeightsBlob } from '../weights.js';
import { writeTfjsModel } from './tfjs.js';

export const PREPROCESSING_FILE = 'preprocessing.json';

export interface TrainedModel {
  kind: ProjectKind;
  graph: GraphDoc;
  weights: WeightsBlob;
  preprocessing?: Preprocessing;
}

/** Writes the export into `dir`; returns the model.json path. */
export async function writeTrainedTfjs(trained: TrainedModel, dir: string): Promise<string> {
  // Export needs no speed: the always-present cpu backend keeps it independent of training backends.
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  // The cpu backend's first write prints a "install tfjs-node" banner; Deepwire reports backends itself (doctor).
  (tf.backend() as unknown as { firstUse?: boolean }).firstUse = false;
  if (trained.kind === 'gan' && isCycleGraph(trained.graph)) {
    const g = await writeOne(trained, 'generator_ab', join(dir, 'generator_ab'));
    await writeOne(trained, 'generator_ba', join(dir, 'generator_ba'));
    return g;
  }
  return writeOne(trained, trained.kind === 'gan' ? 'generator' : undefined, dir);
}

async function writeOne(trained: TrainedModel, group: Group | undefined, dir: string): Promise<string> {
  const { model } = compileGraph(trained.graph, { projectKind: trained.kind, group });
  try {
    applyWeightsBlob([model], trained.weights, trained.graph);
    // preprocessing.json goes through the same staged write as the model files.
    const scaling = trained.preprocessing && JSON.stringify(trained.preprocessing, null, 2) + '\n';
    const extra = scaling ? [{ path: PREPROCESSING_FILE, data: scaling }] : [];
    return await writeTfjsModel(model, dir, extra);
  } finally {
    model.dispose();
  }
}
