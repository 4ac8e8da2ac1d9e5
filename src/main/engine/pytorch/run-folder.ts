/**
 * The folder a PyTorch run trains from (resources/python/deepwire_runner.py
 * reads it): model.py from the export's PyTorch code generator, the seeded
 * initial weights as the export writes them (weights.json + Keras-layout
 * .npy), the prepared splits as .npy (normalised as the TF.js engine gathers
 * them; the runner memory-maps them), and config.json with what the loop
 * needs (loss, optimizer, the scheduled rate of every epoch, seed, device).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ParsedRunRequest } from '../../../shared/training/protocol.js';
import type { ExportFile } from '../export/files.js';
import type { ExportModel } from '../export/models.js';
import { npyWeightFiles } from '../export/npy-weights.js';
import { torchModelPy } from '../export/python/torch-model.js';
import { gather, type PreparedDataset, type Split } from '../datasets/prepare.js';
import { scheduledRate } from '../train/optimizers.js';
import { writeNpy } from './npy-stream.js';

/** Samples gathered per write: bounded memory for any dataset size. */
const CHUNK = 4096;
export const SPLITS = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

export interface RunSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
}

/** What the runner reads from config.json. */
export interface RunnerConfig {
  task: 'classification' | 'regression';
  loss: string;
  optimizer: string;
  /** The learning rate of each epoch, after the schedule (as the TF.js loop sets it). */
  rates: number[];
  epochs: number;
  batchSize: number;
  seed: number;
  earlyStopping: ParsedRunRequest['project']['training']['earlyStopping'] | null;
  device: string;
  /** The .npy files under data/, without extension. */
  arrays: string[];
}

export async function writeFiles(folder: string, files: readonly ExportFile[]): Promise<void> {
  for (const f of files) {
    const path = join(folder, ...f.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.data);
  }
}

function* chunks(ds: PreparedDataset, split: Split, part: 'x' | 'y'): Generator<Float32Array | Int32Array> {
  for (let from = 0; from < split.index.length; from += CHUNK) {
    const batch = gather(ds, split, null, from, Math.min(split.index.length, from + CHUNK));
    yield part === 'x' ? batch.x : batch.y;
  }
}

/** x_<split>.npy (float32, [N, ...sampleShape]) and y_<split>.npy (int32 class ids [N], or float32 targets [N, T]). */
export async function writeSplit(dir: string, ds: PreparedDataset, name: SplitName): Promise<string[]> {
  const split = ds[name];
  const n = split.index.length;
  await writeNpy(join(dir, `x_${name}.npy`), 'float32', [n, ...ds.raw.sampleShape], chunks(ds, split, 'x'));
  const classification = ds.raw.task === 'classification';
  await writeNpy(
    join(dir, `y_${name}.npy`),
    classification ? 'int32' : 'float32',
    classification ? [n] : [n, ds.ySize],
    chunks(ds, split, 'y'),
  );
  return [`x_${name}`, `y_${name}`];
}

export async function writeRunFolder(
  folder: string,
  req: ParsedRunRequest,
  model: ExportModel,
  ds: PreparedDataset,
  settings: RunSettings,
  appVersion: string,
): Promise<RunnerConfig> {
  const { project } = req;
  const training = project.training;
  await writeFiles(folder, [
    {
      path: 'model.py',
      data: torchModelPy({ name: project.name ?? 'Deepwire model', kind: project.kind }, [model], appVersion),
    },
    ...npyWeightFiles(model, false).files,
  ]);
  const data = join(folder, 'data');
  await mkdir(data, { recursive: true });
  const arrays: string[] = [];
  for (const name of SPLITS) arrays.push(...(await writeSplit(data, ds, name)));
  const config: RunnerConfig = {
    task: ds.raw.task,
    loss: training.loss,
    optimizer: training.optimizer.name,
    rates: Array.from({ length: settings.epochs }, (_, i) =>
      scheduledRate(training.schedule, settings.learningRate, i + 1, settings.epochs),
    ),
    epochs: settings.epochs,
    batchSize: settings.batchSize,
    seed: training.seed,
    earlyStopping: training.earlyStopping ?? null,
    device: req.device,
    arrays,
  };
  await writeFile(join(folder, 'config.json'), JSON.stringify(config, null, 2));
  return config;
}
