/** The dataset picker's pure rules: which sources are built in, a fresh config per source, and the DW313 note. */
import type { GraphDoc } from '../../shared/graph/types.js';
import { fitDataset, unsetDatasetText } from '../../shared/project/dataset-fit.js';
import { BUILTIN_DATASETS, type DatasetConfig, type ProjectKind } from '../../shared/training/config.js';
import { datasetFor } from '../actions/trainingActions.js';

export type Source = DatasetConfig['source'];
export const isBuiltin = (s: Source): boolean => (BUILTIN_DATASETS as readonly string[]).includes(s);

/** Why a project without a dataset cannot train yet, or null when a built-in one fits its input. */
export function unsetDatasetNote(graph: GraphDoc, kind: ProjectKind): string | null {
  if (datasetFor(graph, kind)) return null;
  const { needs } = fitDataset(graph, kind);
  return `No dataset chosen: ${needs ? unsetDatasetText(needs) : 'choose one'} (DW313).`;
}

/** A new config of `source` keeping the split, seed and limit; user sources start with no path. */
export function freshDataset(
  source: Source,
  common: Pick<DatasetConfig, 'validationSplit' | 'seed' | 'limit'>,
): DatasetConfig {
  const fresh: Record<string, unknown> = { source, ...common };
  if (source === 'image-folder') Object.assign(fresh, { path: '', size: [28, 28], channels: 1 });
  else if (source === 'csv') Object.assign(fresh, { path: '', labelColumn: '', normalize: true });
  else if (source === 'csv-tokens') Object.assign(fresh, { path: '', labelColumn: '', tokensColumn: 'tokens' });
  else if (source === 'csv-series')
    Object.assign(fresh, { path: '', targetColumn: '', lookback: 10, horizon: 1, normalize: true });
  return fresh as DatasetConfig;
}
