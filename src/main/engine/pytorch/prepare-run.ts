/**
 * What every PyTorch run starts from, in a live run and in a bundle alike:
 * the dataset through the engine's cache and split, the graph compiled with
 * its seeded initial weights (or the request's), the loss checked against
 * the output, and the run folder written (run-folder.ts).
 */
import { createRequire } from 'node:module';
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { ParsedRunRequest } from '../../../shared/training/protocol.js';
import { initBackend } from '../backend/select.js';
import { loadDataset, type LoadedDataset } from '../datasets/load.js';
import type { ExportModel } from '../export/models.js';
import { snapshotModel } from '../export/snapshot.js';
import { compileForData } from '../train/compile-for-data.js';
import { writeRunFolder, type RunSettings } from './run-folder.js';

export interface PreparedRun {
  ds: LoadedDataset;
  /** The TF.js model: its initial weights went to the folder; the trained ones come back into it. */
  model: tf.LayersModel;
  exportModel: ExportModel;
  settings: RunSettings;
  classes: number;
}

export const appVersion = (): string =>
  (createRequire(import.meta.url)('../../../../package.json') as { version: string }).version;

/** Prepares `folder` for the runner; the caller disposes `model`. GAN projects are DW527. */
export async function prepareRun(req: ParsedRunRequest, folder: string): Promise<PreparedRun> {
  const { project, overrides } = req;
  if (project.kind === 'gan') throw new DeepwireError('DW527', 'GAN projects do not train on PyTorch yet', '--backend');
  // Node's own tensors here are small (initial weights, the loss of the test predictions): the cpu backend will do.
  await initBackend('cpu');
  const training = project.training;
  const ds = await loadDataset(project.dataset, { kind: project.kind, cacheDir: req.cacheDir, limit: overrides.limit });
  if (ds.raw.variableLength)
    throw new DeepwireError(
      'DW527',
      `${ds.raw.name} holds sequences of different lengths, which the PyTorch runner does not pad per batch yet`,
      '--backend',
    );
  const { compiled, classes } = compileForData(req, ds);
  const { model } = compiled;
  try {
    const exportModel: ExportModel = { name: 'model', model, snap: snapshotModel(compiled, project.graph) };
    const settings = {
      epochs: overrides.epochs ?? training.epochs,
      batchSize: overrides.batchSize ?? training.batchSize,
      learningRate: overrides.learningRate ?? training.optimizer.learningRate,
    };
    await writeRunFolder(folder, req, exportModel, ds, settings, appVersion());
    return { ds, model, exportModel, settings, classes };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
