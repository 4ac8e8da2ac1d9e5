/**
 * loadDataset: a project's dataset config → prepared splits, through the
 * binary cache. The project kind decides the task of CSV tables
 * (classifier → labels, regressor → numeric target).
 */
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import type { DatasetConfig, ProjectKind } from '../../../shared/training/config.js';
import type { DatasetSummary, DatasetTask, Pixels } from '../../../shared/training/protocol.js';
import { builtinSourceFiles, loadBuiltin } from './builtin.js';
import { loadCached } from './cache.js';
import { loadCsvSeries } from './csv-series.js';
import { loadCsvTable } from './csv-table.js';
import { loadCsvTokens } from './csv-tokens.js';
import { addGeneratedSamples } from './generated.js';
import { loadIdxPair } from './idx-dataset.js';
import { listImageFolder, loadImageFolder } from './image-folder.js';
import { prepareDataset, sampleCount, type PreparedDataset, type Split } from './prepare.js';
import type { RawDataset } from './types.js';

export interface LoadOptions {
  kind: ProjectKind;
  cacheDir?: string;
  /** Overrides the config's limit. */
  limit?: number;
}

export interface LoadedDataset extends PreparedDataset {
  summary: DatasetSummary;
}

async function fileKey(file: string): Promise<{ file: string; size: number; mtime: number }> {
  try {
    const s = await stat(file);
    return { file: resolve(file), size: s.size, mtime: s.mtimeMs };
  } catch {
    throw new DeepwireError('DW401', `${file} does not exist or cannot be read`, file);
  }
}

function taskOf(kind: ProjectKind): DatasetTask {
  return kind === 'regressor' ? 'regression' : 'classification';
}

/** The parse step's cache key parts and builder for one config. */
async function source(
  config: DatasetConfig,
  task: DatasetTask,
): Promise<{ key: unknown; build: () => Promise<RawDataset> }> {
  switch (config.source) {
    case 'mnist':
    case 'mnist-rows':
    case 'fashion-mnist': {
      const files = await Promise.all(builtinSourceFiles(config.source).map(fileKey));
      return { key: { source: config.source, files }, build: () => loadBuiltin(config.source) };
    }
    case 'image-folder': {
      const listing = await listImageFolder(config.path);
      const key = {
        source: config.source,
        path: resolve(config.path),
        files: listing.fingerprint,
        size: config.size,
        channels: config.channels,
      };
      return {
        key,
        build: () => loadImageFolder(listing, config.size, config.channels, basename(resolve(config.path))),
      };
    }
    case 'csv': {
      const { labelColumn, featureColumns, normalize } = config;
      const key = {
        source: config.source,
        file: await fileKey(config.path),
        labelColumn,
        featureColumns,
        normalize,
        task,
      };
      return {
        key,
        build: () => loadCsvTable(config.path, { labelColumn, featureColumns, normalize, task }, basename(config.path)),
      };
    }
    case 'csv-series': {
      const { targetColumn, featureColumns, lookback, horizon, normalize } = config;
      const key = {
        source: config.source,
        file: await fileKey(config.path),
        targetColumn,
        featureColumns,
        lookback,
        horizon,
        normalize,
      };
      return {
        key,
        build: () =>
          loadCsvSeries(
            config.path,
            { targetColumn, featureColumns, lookback, horizon, normalize },
            basename(config.path),
          ),
      };
    }
    case 'csv-tokens': {
      const { labelColumn, tokensColumn } = config;
      const key = { source: config.source, file: await fileKey(config.path), labelColumn, tokensColumn, task };
      return {
        key,
        build: () => loadCsvTokens(config.path, { labelColumn, tokensColumn, task }, basename(config.path)),
      };
    }
    case 'idx': {
      const key = { source: config.source, images: await fileKey(config.images), labels: await fileKey(config.labels) };
      return { key, build: () => loadIdxPair(config.images, config.labels) };
    }
  }
}

export async function loadDataset(config: DatasetConfig, opts: LoadOptions): Promise<LoadedDataset> {
  const started = performance.now();
  const task = taskOf(opts.kind);
  const { key, build } = await source(config, task);
  const { raw, fromCache } = await loadCached(opts.cacheDir, key, build);
  if (raw.task !== task) {
    throw new DeepwireError(
      'DW408',
      `${raw.name} is a ${raw.task} dataset, but the project is a ${opts.kind}: pick a ${task} dataset or change the project kind`,
      'dataset',
    );
  }
  // A classifier trains on its first `labelledLimit` samples only; a semi-supervised GAN sees all images (gan/sgan.ts).
  const labelled = opts.kind === 'gan' ? undefined : config.labelledLimit;
  const limit = [opts.limit ?? config.limit, labelled].filter((n): n is number => n !== undefined);
  const prepared = prepareDataset(raw, {
    validationSplit: config.validationSplit,
    seed: config.seed,
    limit: limit.length ? Math.min(...limit) : undefined,
  });
  const ds = config.generated && opts.kind !== 'gan' ? await addGeneratedSamples(prepared, config.generated) : prepared;
  const summary: DatasetSummary = {
    name: raw.name,
    task: raw.task,
    sampleShape: modelSampleShape(raw),
    classes: raw.classes,
    trainSize: ds.train.index.length,
    validationSize: ds.validation.index.length,
    testSize: ds.test.index.length,
    fromCache,
    loadSeconds: (performance.now() - started) / 1000,
  };
  return { ...ds, summary };
}

/** The sample shape a model's Input must take: None for sequences of different lengths (issue #14). */
export const modelSampleShape = (raw: RawDataset): (number | null)[] => (raw.variableLength ? [null] : raw.sampleShape);

/** Total samples the source holds before splitting (for previews). */
export const sourceSize = (raw: RawDataset): number => sampleCount(raw) + (raw.test?.count ?? 0);

/** A sample of an image dataset as pixels (for misclassified previews). */
export function samplePixels(ds: PreparedDataset, split: Split, position: number): Pixels | undefined {
  const image = ds.raw.image;
  if (!image) return undefined;
  const [height, width, channels] = image;
  const arrays = split.fromTest && ds.raw.test ? ds.raw.test : ds.raw;
  const size = height * width * channels;
  const start = split.index[position] * size;
  const data = Array.from(arrays.x.subarray(start, start + size), (v) => Math.round(v));
  return { width, height, channels, data };
}
