/**
 * The folder a CycleGAN run on PyTorch trains from (resources/python/deepwire_cycle.py
 * reads it): model.py with the four models from the export's PyTorch code
 * generator, each model's seeded initial weights under its group's folder,
 * the two domains' pixel bytes (and the held-out digits of the built-in
 * pair) as float32 .npy, the grid's fixed samples, and config.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CYCLE_GROUPS, type GraphDoc } from '../../../shared/graph/types.js';
import type { CycleConfig } from '../../../shared/training/cycle.js';
import { encodeNpy } from '../export/keras/npy.js';
import type { ExportModel } from '../export/models.js';
import { npyWeightFiles } from '../export/npy-weights.js';
import { torchModelPy } from '../export/python/torch-model.js';
import type { CycleDomainData, DomainImages } from '../gan/cycle/domains.js';
import type { CycleModels } from '../gan/cycle/models.js';
import type { TranslationGrid } from '../gan/cycle/translations.js';
import { exportedModel } from './gan-run-folder.js';
import { writeFiles } from './run-folder.js';

export type CycleGroup = (typeof CYCLE_GROUPS)[number];

/** What deepwire_cycle.py reads from config.json. */
export interface CycleRunnerConfig {
  kind: 'cyclegan';
  cycleWeight: number;
  identityWeight: number;
  historySize: number;
  decayStart: number;
  rates: { generator: number; discriminator: number };
  range: CycleModels['range'];
  /** Discriminators whose sigmoid is switched off (`logits=True`): the least-squares losses take raw scores. */
  logitHeads: CycleGroup[];
  sampleEvery: number;
  epochs: number;
  stepsPerEpoch: number;
  batchSize: number;
  seed: number;
  device: string;
  /** The built-in pair: data/heldout_a.npy holds the held-out digits. */
  heldout: boolean;
  grid: { a: string; b: string };
}

/** The four models as the export sees them (the project's nodes). */
export function cycleExportModels(models: CycleModels, graph: GraphDoc): ExportModel[] {
  const live = {
    generator_ab: models.gAB,
    generator_ba: models.gBA,
    discriminator_a: models.dA,
    discriminator_b: models.dB,
  };
  return CYCLE_GROUPS.map((group) => exportedModel(group, models.compiled[group], live[group], graph));
}

const npyOf = (images: DomainImages, image: readonly number[]) =>
  encodeNpy([images.count, ...image], Float32Array.from(images.x));

export async function writeCycleRunFolder(
  folder: string,
  input: {
    project: { name: string; graph: GraphDoc };
    models: CycleModels;
    cycle: CycleConfig;
    data: CycleDomainData;
    grid: TranslationGrid;
    settings: Pick<
      CycleRunnerConfig,
      'rates' | 'sampleEvery' | 'epochs' | 'stepsPerEpoch' | 'batchSize' | 'seed' | 'device'
    >;
    appVersion: string;
  },
): Promise<CycleRunnerConfig> {
  const { project, models, cycle, data } = input;
  const exported = cycleExportModels(models, project.graph);
  await writeFiles(folder, [
    { path: 'model.py', data: torchModelPy({ name: project.name, kind: 'gan' }, exported, input.appVersion) },
    ...exported.flatMap((m) => npyWeightFiles(m, false, `${m.name}/`).files),
  ]);
  await mkdir(join(folder, 'data'), { recursive: true });
  const arrays: [string, Uint8Array][] = [
    ['data/a.npy', npyOf(data.a, data.image)],
    ['data/b.npy', npyOf(data.b, data.image)],
    ...(data.heldout ? [['data/heldout_a.npy', npyOf(data.heldout.a, data.image)] as [string, Uint8Array]] : []),
    ['grid_a.npy', encodeNpy(input.grid.samples.a.shape, input.grid.samples.a.dataSync() as Float32Array)],
    ['grid_b.npy', encodeNpy(input.grid.samples.b.shape, input.grid.samples.b.dataSync() as Float32Array)],
  ];
  for (const [name, bytes] of arrays) await writeFile(join(folder, name), bytes);
  const logitHeads = exported
    .filter((m) => m.name.startsWith('discriminator'))
    .filter((m) => (m.snap.outputs[0]?.params as { activation?: string }).activation === 'sigmoid')
    .map((m) => m.name as CycleGroup);
  const config: CycleRunnerConfig = {
    kind: 'cyclegan',
    cycleWeight: cycle.cycleWeight,
    identityWeight: cycle.identityWeight,
    historySize: cycle.historySize,
    decayStart: cycle.decayStart,
    range: models.range,
    logitHeads,
    ...input.settings,
    heldout: data.heldout !== undefined,
    grid: { a: 'grid_a.npy', b: 'grid_b.npy' },
  };
  await writeFile(join(folder, 'config.json'), JSON.stringify(config, null, 2));
  return config;
}
