/**
 * Whole-model checks that no single layer can make: there is an Input, a
 * classifier/regressor has one output, a GAN has both models, the generator's
 * output fits the discriminator's input, and both fit the dataset's samples.
 */
import type { GraphDoc, Group } from '../graph/types.js';
import { formatShape, sameShape } from '../layers/specs/util.js';
import type { Shape } from '../layers/types.js';
import { checkConditional, isLabelInput } from './conditional.js';
import { checkCycleGan, isCycleGraph } from './cycle-contracts.js';
import { graphError, nodeError, nodeLabel } from './diagnostics.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import { connectedNodes, groupCrossings, sinksOf, sourcesOf, subgraph } from './split.js';
import type { NodeResult } from './evaluate.js';
import type { Diagnostic } from './types.js';

export type ProjectKind = 'classifier' | 'regressor' | 'gan';

export interface InferOptions {
  /** Unset: a GAN when any node carries a group, else no project-level output rule. */
  projectKind?: ProjectKind;
  /** The dataset's sample shape without the batch, e.g. [28, 28, 1]. */
  sampleShape?: readonly (number | null)[];
}

interface Context {
  index: GraphIndex;
  results: Map<string, NodeResult>;
  diagnostics: Diagnostic[];
  sample?: Shape;
}

const shapeOf = (ctx: Context, id: string): Shape | undefined => ctx.results.get(id)?.info.shape;

/**
 * Every output after the first gets DW117: one output per model. Outputs
 * whose shape is unknown are skipped: their cause upstream is reported already.
 */
function singleOutput(ctx: Context, index: GraphIndex, model: string): void {
  const [first, ...extra] = sinksOf(index).filter((n) => shapeOf(ctx, n.id));
  for (const node of extra) {
    ctx.diagnostics.push(nodeError('DW117', node, `is a second output of the ${model} besides ${nodeLabel(first)}`));
  }
}

function checkPlainModel(graph: GraphDoc, ctx: Context, kind: ProjectKind | undefined): void {
  const inputs = sourcesOf(ctx.index).filter((n) => kind === undefined || n.kind === 'Input');
  if (graph.nodes.length === 0)
    ctx.diagnostics.push(graphError('DW103', 'The graph is empty: add an Input layer and connect layers to it.'));
  else if (inputs.length === 0) {
    const loose = ctx.index.nodes.some((n) => n.kind === 'Input');
    ctx.diagnostics.push(
      graphError(
        'DW103',
        loose ? 'The Input layer is not connected to any layer yet.' : 'The model has no Input layer.',
      ),
    );
  }
  if (kind) singleOutput(ctx, ctx.index, 'model');
  const input = inputs.length === 1 ? inputs[0] : undefined;
  const shape = input && shapeOf(ctx, input.id);
  if (input && shape && ctx.sample && !fitsSample(shape, ctx.sample)) {
    ctx.diagnostics.push(
      nodeError(
        'DW108',
        input,
        `has shape ${formatShape(shape)}, but the dataset's samples are ${formatShape(ctx.sample)}`,
      ),
    );
  }
}

/** Checks one GAN group; returns its index for the contract between the two. */
function checkGroup(graph: GraphDoc, ctx: Context, group: Group): GraphIndex {
  const index = indexGraph(subgraph(graph, group));
  const source = group === 'generator' ? 'Noise' : 'Input';
  const other = group === 'generator' ? 'Input' : 'Noise';
  if (index.nodes.length === 0) {
    ctx.diagnostics.push(
      graphError(
        'DW116',
        `The GAN has no ${group}: add its layers (starting from ${source === 'Noise' ? 'a Noise' : 'an Input'}) to the ${group} group.`,
      ),
    );
    return index;
  }
  const sources = sourcesOf(index);
  if (!sources.some((n) => n.kind === source)) {
    ctx.diagnostics.push(graphError('DW116', `The ${group} has no connected ${source} layer to start from.`));
  }
  // An int32 Input is a conditional GAN's class label (conditional.ts): allowed in both models.
  for (const n of sources.filter((s) => s.kind === other && !isLabelInput(s))) {
    ctx.diagnostics.push(nodeError('DW116', n, `is in the ${group}, which starts from ${source}, not ${other}`));
  }
  singleOutput(ctx, index, group);
  return index;
}

function checkGan(graph: GraphDoc, ctx: Context): void {
  for (const node of connectedNodes(ctx.index)) {
    if (!node.group)
      ctx.diagnostics.push(
        nodeError('DW116', node, 'belongs to neither the generator nor the discriminator: set its group'),
      );
  }
  ctx.diagnostics.push(...groupCrossings(graph, ctx.index));
  const generator = checkGroup(graph, ctx, 'generator');
  const discriminator = checkGroup(graph, ctx, 'discriminator');
  const genOuts = sinksOf(generator);
  checkConditional({ generator, discriminator }, (id) => shapeOf(ctx, id), ctx.diagnostics);
  const discIns = sourcesOf(discriminator).filter((n) => n.kind === 'Input' && !isLabelInput(n));
  const genOut = genOuts.length === 1 ? genOuts[0] : undefined;
  const discIn = discIns.length === 1 ? discIns[0] : undefined;
  const genShape = genOut && shapeOf(ctx, genOut.id);
  const discShape = discIn && shapeOf(ctx, discIn.id);
  if (genOut && genShape && discIn && discShape && !sameShape(genShape, discShape)) {
    ctx.diagnostics.push(
      nodeError(
        'DW107',
        genOut,
        `outputs ${formatShape(genShape)}, but the discriminator's ${nodeLabel(discIn)} takes ${formatShape(discShape)}`,
      ),
    );
  }
  if (!ctx.sample) return;
  // Check the discriminator's input against the data; the generator only when there is no input to compare with.
  const [node, shape] = discIn && discShape ? [discIn, discShape] : [genOut, genShape];
  if (node && shape && !fitsSample(shape, ctx.sample)) {
    ctx.diagnostics.push(
      nodeError(
        'DW108',
        node,
        `has shape ${formatShape(shape)}, but the dataset's samples are ${formatShape(ctx.sample)}`,
      ),
    );
  }
}

/** A model shape takes the dataset's samples when every size agrees or is None in the model (a size that varies). */
const fitsSample = (model: Shape, sample: Shape): boolean =>
  model.length === sample.length && model.every((d, i) => d === null || d === sample[i]);

export function checkContracts(
  graph: GraphDoc,
  index: GraphIndex,
  results: Map<string, NodeResult>,
  opts: InferOptions,
  diagnostics: Diagnostic[],
): void {
  const kind = opts.projectKind ?? (index.nodes.some((n) => n.group) ? 'gan' : undefined);
  const ctx: Context = { index, results, diagnostics, sample: opts.sampleShape && [null, ...opts.sampleShape] };
  if (kind === 'gan' && isCycleGraph(graph))
    checkCycleGan({ graph, index, diagnostics, sample: ctx.sample, shapeOf: (id) => shapeOf(ctx, id) });
  else if (kind === 'gan') checkGan(graph, ctx);
  else checkPlainModel(graph, ctx, kind);
}
