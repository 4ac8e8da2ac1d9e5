/**
 * The folder a GAN run on PyTorch trains from (resources/python/deepwire_gan.py
 * reads it): model.py with Generator and Discriminator from the export's
 * PyTorch code generator, each model's seeded initial weights under
 * generator/ and discriminator/ (as the export writes them), the training
 * split as .npy (pixels in [0, 1]; the class ids for conditional GANs), the
 * fixed latent batches of the sample grid and the quality score (drawn here
 * with the TF.js engine's own code), and config.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import type { GraphDoc, GraphNode } from '../../../shared/graph/types.js';
import type { Project } from '../../../shared/project/schema.js';
import type { GanConfig } from '../../../shared/training/config.js';
import { encodeNpy } from '../export/keras/npy.js';
import type { CompiledModel } from '../compile/compile.js';
import type { ExportModel } from '../export/models.js';
import { npyWeightFiles } from '../export/npy-weights.js';
import { squashingHead, torchModelPy } from '../export/python/torch-model.js';
import { snapshotModel } from '../export/snapshot.js';
import type { LoadedDataset } from '../datasets/load.js';
import type { GanModels } from '../gan/models.js';
import type { FixedNoise } from '../gan/samples.js';
import { scoresJointly } from '../gan/step.js';
import { writeFiles, writeSplit } from './run-folder.js';

/** A fixed latent batch in the folder: z and, for conditional GANs, the labels (float32 class ids). */
export interface LatentFiles {
  z: string;
  labels?: string;
}

/** What deepwire_gan.py reads from config.json. */
export interface GanRunnerConfig {
  kind: 'gan';
  loss: GanConfig['loss'];
  labelSmoothing: number;
  clipValue: number;
  gradientPenalty?: number;
  discriminatorSteps: number;
  sampleEvery: number;
  generatorOptimizer: GanConfig['generatorOptimizer'];
  discriminatorOptimizer: GanConfig['discriminatorOptimizer'];
  latent: GanModels['latent'];
  range: GanModels['range'];
  /** The discriminator's sigmoid (an SGAN's softmax) is switched off (Discriminator(logits=True)): the losses take logits. */
  logitHead: boolean;
  /** Real and fake go through the critic as one batch (no BatchNormalization in it), as in step.ts. */
  jointBatch: boolean;
  conditional: GanModels['conditional'] | null;
  /** A semi-supervised GAN: K classes, the first `labelled` training images' labels, their batches' seed. */
  semiSupervised: SemiSupervisedConfig | null;
  epochs: number;
  stepsPerEpoch: number;
  batchSize: number;
  seed: number;
  device: string;
  grid: LatentFiles;
  score: LatentFiles | null;
}

export interface SemiSupervisedConfig {
  classes: number;
  labelled: number;
  seed: number;
}

export interface GanFolderInput {
  project: Pick<Project, 'name' | 'kind'> & { graph: GraphDoc };
  models: GanModels;
  gan: GanConfig;
  ds: LoadedDataset;
  grid: FixedNoise;
  score?: { z: tf.Tensor; labels?: tf.Tensor };
  /** With it the test split goes into the folder too (the discriminator is scored on it). */
  semiSupervised?: SemiSupervisedConfig;
  settings: Pick<GanRunnerConfig, 'epochs' | 'stepsPerEpoch' | 'batchSize' | 'seed' | 'device'>;
  appVersion: string;
}

/**
 * A model as the export sees it, with the project's own nodes (the engine compiles a discriminator's sigmoid
 * head as linear; model.py keeps it, switchable with `logits=True`).
 */
export function exportedModel(
  group: ExportModel['name'],
  compiled: CompiledModel,
  model: tf.LayersModel,
  graph: GraphDoc,
): ExportModel {
  const snap = snapshotModel(compiled, graph, group === 'model' ? undefined : group);
  const byId = new Map(snap.graph.nodes.map((n) => [n.id, n]));
  const own = (nodes: readonly GraphNode[]) => nodes.map((n) => byId.get(n.id) ?? n);
  return { name: group, model, snap: { ...snap, inputs: own(snap.inputs), outputs: own(snap.outputs) } };
}

/** The generator and discriminator as the export sees them. */
export function ganExportModels(models: GanModels, graph: GraphDoc): [ExportModel, ExportModel] {
  return [
    exportedModel('generator', models.compiled.generator, models.generator, graph),
    exportedModel('discriminator', models.compiled.discriminator, models.discriminator, graph),
  ];
}

function latentFiles(
  name: string,
  z: tf.Tensor,
  labels?: tf.Tensor,
): { files: LatentFiles; data: [string, Uint8Array][] } {
  const data: [string, Uint8Array][] = [[`${name}_z.npy`, encodeNpy(z.shape, z.dataSync() as Float32Array)]];
  if (labels) data.push([`${name}_labels.npy`, encodeNpy(labels.shape, Float32Array.from(labels.dataSync()))]);
  return { files: { z: data[0][0], ...(labels ? { labels: data[1][0] } : {}) }, data };
}

export async function writeGanRunFolder(folder: string, input: GanFolderInput): Promise<GanRunnerConfig> {
  const { project, models, gan, ds, settings } = input;
  const [generator, discriminator] = ganExportModels(models, project.graph);
  await writeFiles(folder, [
    {
      path: 'model.py',
      data: torchModelPy({ name: project.name, kind: 'gan' }, [generator, discriminator], input.appVersion),
    },
    ...npyWeightFiles(generator, false, 'generator/').files,
    ...npyWeightFiles(discriminator, false, 'discriminator/').files,
  ]);
  const data = join(folder, 'data');
  await mkdir(data, { recursive: true });
  await writeSplit(data, ds, 'train');
  if (input.semiSupervised) await writeSplit(data, ds, 'test');
  const grid = latentFiles('grid', input.grid.z, input.grid.labels);
  const score = input.score && latentFiles('score', input.score.z, input.score.labels);
  for (const [name, bytes] of [...grid.data, ...(score?.data ?? [])]) await writeFile(join(folder, name), bytes);
  const dOut = discriminator.snap.outputs[0];
  const config: GanRunnerConfig = {
    kind: 'gan',
    loss: gan.loss,
    labelSmoothing: gan.labelSmoothing,
    clipValue: gan.clipValue,
    ...(gan.gradientPenalty !== undefined ? { gradientPenalty: gan.gradientPenalty } : {}),
    discriminatorSteps: gan.discriminatorSteps,
    sampleEvery: gan.sampleEvery,
    generatorOptimizer: gan.generatorOptimizer,
    discriminatorOptimizer: gan.discriminatorOptimizer,
    latent: models.latent,
    range: models.range,
    // As compileGan: a sigmoid is always trained as a logit, a softmax only by a semi-supervised GAN.
    logitHead: squashingHead(dOut) === 'sigmoid' || (squashingHead(dOut) === 'softmax' && !!input.semiSupervised),
    jointBatch: scoresJointly(models),
    conditional: models.conditional ?? null,
    semiSupervised: input.semiSupervised ?? null,
    ...settings,
    grid: grid.files,
    score: score?.files ?? null,
  };
  await writeFile(join(folder, 'config.json'), JSON.stringify(config, null, 2));
  return config;
}
