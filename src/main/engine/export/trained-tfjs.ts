/**
 * A trained project as TF.js Layers files: compile the graph (for a GAN, the
 * generator), load the stored weights, write model.json + weights.bin, and —
 * when the run scaled its data — `preprocessing.json` beside them, saying how
 * to scale inputs (and un-scale regression outputs) for the exported model.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphDoc } from '../../../shared/graph/types.js';
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
  const group = trained.kind === 'gan' ? 'generator' : undefined;
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
