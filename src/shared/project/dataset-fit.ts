/**
 * The dataset an imported model starts with (and whether the designer's default fits a model): a built-in one when its samples fit the model's input exactly,
 * otherwise none (the project's "unset dataset" state), with the sample shape the model needs, so the CLI
 * and the designer can say which dataset to choose instead of training on MNIST into a shape error.
 */
import type { GraphDoc } from '../graph/types.js';
import { BUILTIN_DATASETS, type DatasetConfig, type ProjectKind } from '../training/config.js';
import { defaultDataset } from './create.js';

export interface DatasetFit {
  /** A built-in dataset whose samples fit, or undefined: the user chooses one. */
  dataset?: DatasetConfig;
  /** The sample shape the model's input takes (undefined when it has several inputs). */
  needs?: readonly (number | null)[];
}

/** The Input a dataset's samples feed: the discriminator's for a GAN, the only Input otherwise. */
function sampleInput(graph: GraphDoc, kind: ProjectKind) {
  const inputs = graph.nodes.filter(
    (n) => n.kind === 'Input' && (kind !== 'gan' || n.group === 'discriminator' || n.group === undefined),
  );
  return inputs.length === 1 && inputs[0].kind === 'Input' ? inputs[0] : undefined;
}

/** Sample shapes that follow from the dataset settings alone (CSV and IDX shapes need the data). */
export function knownSampleShape(dataset: DatasetConfig | undefined): number[] | undefined {
  switch (dataset?.source) {
    case 'mnist':
    case 'fashion-mnist':
      return [28, 28, 1];
    case 'mnist-rows':
      return [28, 28];
    case 'image-folder':
      return [dataset.size[0], dataset.size[1], dataset.channels];
    default:
      return undefined;
  }
}

/** Whether a dataset's sample shape fits an Input's shape (None fits any size). */
export const fitsShape = (a: readonly number[] | undefined, b: readonly (number | null)[]) =>
  !!a && a.length === b.length && a.every((d, i) => b[i] === null || d === b[i]);

export function fitDataset(graph: GraphDoc, kind: ProjectKind): DatasetFit {
  const input = sampleInput(graph, kind);
  if (!input) return {};
  const needs = input.params.shape;
  const base = defaultDataset(kind);
  // Built-in datasets are float images; token ids (int32) fit none of them.
  if (base && input.params.dtype !== 'int32') {
    for (const source of BUILTIN_DATASETS) {
      const dataset = { ...base, source } as DatasetConfig;
      if (fitsShape(knownSampleShape(dataset), needs)) return { dataset, needs };
    }
  }
  return { needs };
}

/** `32×32×3` (`None×None×3` with sizes that vary), as the CLI and the designer write a sample shape. */
export const shapeText = (shape: readonly (number | null)[]): string =>
  shape.map((d) => (d === null ? 'None' : String(d))).join('×');

/** The sentence that explains an unset dataset, for the CLI, the project description and the studio. */
export const unsetDatasetText = (needs: readonly (number | null)[]): string =>
  `no built-in dataset fits the input: choose a dataset with samples of shape ${shapeText(needs)}`;
