/**
 * Conditional GANs (Mirza & Osindero 2014): a class label enters each model
 * as an int32 Input of shape [1] (one class id per sample) that feeds an
 * Embedding. The generator merges it with the noise, the discriminator with
 * the image. These checks say when such a label input is well formed:
 * DW130 shape, DW131 labels in one model only, DW132 class counts that differ,
 * DW133 two label inputs in one model.
 */
import type { GraphDoc, GraphNode, Group } from '../graph/types.js';
import { formatShape } from '../layers/specs/util.js';
import type { Shape } from '../layers/types.js';
import { nodeError, nodeLabel } from './diagnostics.js';
import type { GraphIndex } from './graph-index.js';
import { sourcesOf, subgraph } from './split.js';
import { indexGraph } from './graph-index.js';
import type { Diagnostic } from './types.js';

/** An int32 Input inside a GAN group: the class label of a conditional GAN. */
export function isLabelInput(node: GraphNode): boolean {
  return node.kind === 'Input' && (node.params as { dtype?: string }).dtype === 'int32';
}

/** The connected label inputs of one group's index. */
export const labelInputsOf = (index: GraphIndex): GraphNode[] => sourcesOf(index).filter(isLabelInput);

/** The label inputs of a GAN document's group (for the engine: which model input gets the labels). */
export const groupLabelInputs = (graph: GraphDoc, group: Group): GraphNode[] =>
  labelInputsOf(indexGraph(subgraph(graph, group)));

/** The Embedding a label input feeds (first one), whose vocabulary is the class count. */
function embeddingOf(index: GraphIndex, label: GraphNode): GraphNode | undefined {
  for (const e of index.outEdges.get(label.id) ?? []) {
    const target = index.byId.get(e.target);
    if (target?.kind === 'Embedding') return target;
  }
  return undefined;
}

/** Classes a label input can name: its Embedding's vocabulary size. */
export function labelClasses(graph: GraphDoc, group: Group): number | undefined {
  const index = indexGraph(subgraph(graph, group));
  const [label] = labelInputsOf(index);
  const embedding = label && embeddingOf(index, label);
  return embedding ? (embedding.params as { inputDim: number }).inputDim : undefined;
}

/** Whether a GAN document is conditional (a label input in the generator or the discriminator). */
export const isConditionalGan = (graph: GraphDoc): boolean =>
  groupLabelInputs(graph, 'generator').length > 0 || groupLabelInputs(graph, 'discriminator').length > 0;

export interface GroupIndexes {
  generator: GraphIndex;
  discriminator: GraphIndex;
}

export function checkConditional(
  groups: GroupIndexes,
  shapeOf: (id: string) => Shape | undefined,
  diagnostics: Diagnostic[],
): void {
  const labels = { generator: labelInputsOf(groups.generator), discriminator: labelInputsOf(groups.discriminator) };
  for (const group of ['generator', 'discriminator'] as const) {
    const [first, ...extra] = labels[group];
    for (const node of extra) {
      diagnostics.push(nodeError('DW133', node, `is a second label input of the ${group} besides ${nodeLabel(first)}`));
    }
    for (const node of labels[group]) {
      const shape = shapeOf(node.id);
      if (shape && (shape.length !== 2 || shape[1] !== 1)) {
        const why = `is a class-label input of shape ${formatShape(shape)}; a label is one class id per sample: set its shape to 1`;
        diagnostics.push(nodeError('DW130', node, why));
      }
    }
  }
  const [gLabel] = labels.generator;
  const [dLabel] = labels.discriminator;
  if (gLabel && !dLabel) {
    const why =
      'gives the generator a class label, but the discriminator has none: add an int32 label Input → Embedding to it';
    diagnostics.push(nodeError('DW131', gLabel, why));
  } else if (dLabel && !gLabel) {
    const why =
      'gives the discriminator a class label, but the generator has none: add an int32 label Input → Embedding to it';
    diagnostics.push(nodeError('DW131', dLabel, why));
  }
  const gEmbedding = gLabel && embeddingOf(groups.generator, gLabel);
  const dEmbedding = dLabel && embeddingOf(groups.discriminator, dLabel);
  if (gEmbedding && dEmbedding) {
    const gClasses = (gEmbedding.params as { inputDim: number }).inputDim;
    const dClasses = (dEmbedding.params as { inputDim: number }).inputDim;
    if (gClasses !== dClasses) {
      diagnostics.push(
        nodeError(
          'DW132',
          dEmbedding,
          `knows ${dClasses} classes, but the generator's ${nodeLabel(gEmbedding)} knows ${gClasses}: give both the number of classes`,
        ),
      );
    }
  }
}
