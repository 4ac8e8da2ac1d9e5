/**
 * One GAN document → two tf.LayersModels, each compiled by the engine's
 * compiler from its group. Two facts the training loop needs are read off the
 * graph here:
 * - the generator's output range (from its last activation), which decides
 *   how real images are scaled: [0, 1] under sigmoid, [-1, 1] under tanh;
 * - the discriminator's score: a final sigmoid is compiled as linear so the
 *   losses work on logits (numerically stable BCE; raw scores for
 *   least-squares and Wasserstein). The weights are the same either way.
 */
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc, GraphNode, NodeOfKind } from '../../../shared/graph/types.js';
import { outputActivation } from '../../../shared/graph/output-activation.js';
import type { ActivationName } from '../../../shared/layers/types.js';
import { modelInputs, modelOutputs } from '../../../shared/shape/index.js';
import { subgraph } from '../../../shared/shape/split.js';
import type { GanConfig } from '../../../shared/training/config.js';
import { compileGraph, type CompiledModel } from '../compile/compile.js';
import { conditionalInputs, type ConditionalInputs } from './conditional.js';

export type ValueRange = readonly [number, number];

export interface Latent {
  size: number;
  distribution: 'normal' | 'uniform';
}

export interface GanModels {
  generator: tf.LayersModel;
  discriminator: tf.LayersModel;
  latent: Latent;
  /** The generator's output range; real images are scaled into it. */
  range: ValueRange;
  /** One sample without the batch axis (the generator's output). */
  sampleShape: number[];
  /** What the user should know about how the graph is trained (logged at start). */
  notes: string[];
  /** Set for a conditional GAN: where each model takes the class label (conditional.ts). */
  conditional?: ConditionalInputs;
  /** Scores per sample the discriminator gives: 1, or K + 1 for a semi-supervised GAN (sgan.ts). */
  scoreUnits: number;
  /** What the compiler made of each group (for snapshots: the PyTorch engine's run folder). */
  compiled: { generator: CompiledModel; discriminator: CompiledModel };
}

const UNIT_RANGE: ReadonlySet<ActivationName> = new Set(['sigmoid', 'relu', 'softmax']);

/** [0, 1] for sigmoid-like outputs, [-1, 1] for tanh and unbounded ones. */
export function rangeOf(activation: ActivationName | undefined): ValueRange {
  return activation && UNIT_RANGE.has(activation) ? [0, 1] : [-1, 1];
}

/** The discriminator graph with its final sigmoid compiled as linear (a logit head). */
function withLogitHead(graph: GraphDoc, output: GraphNode): GraphDoc {
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.id === output.id ? ({ ...n, params: { ...n.params, activation: 'linear' } } as GraphNode) : n,
    ),
  };
}

export interface CompileGanOptions {
  seed?: number;
  sampleShape?: readonly (number | null)[];
  /** Semi-supervised GAN: the discriminator ends in K + 1 units (softmax), compiled as logits. */
  semiSupervised?: boolean;
}

export function compileGan(graph: GraphDoc, loss: GanConfig['loss'], opts: CompileGanOptions = {}): GanModels {
  const notes: string[] = [];
  const common = { projectKind: 'gan' as const, seed: opts.seed, sampleShape: opts.sampleShape };
  const generator = compileGraph(graph, { ...common, group: 'generator' });
  const disc = subgraph(graph, 'discriminator');
  const dOut = modelOutputs(disc)[0];
  const noise = modelInputs(subgraph(graph, 'generator')).find((n): n is NodeOfKind<'Noise'> => n.kind === 'Noise')!;

  const scoreActivation = (dOut.params as { activation?: ActivationName }).activation;
  let dGraph = graph;
  if (scoreActivation === 'sigmoid' || (opts.semiSupervised && scoreActivation === 'softmax')) {
    dGraph = withLogitHead(graph, dOut);
    if (loss === 'wasserstein' || loss === 'wasserstein-gp')
      notes.push(`Wasserstein critic: the sigmoid of ${dOut.name} is left out (a critic outputs an unbounded score).`);
  } else if (scoreActivation !== undefined && scoreActivation !== 'linear') {
    notes.push(
      `The discriminator ends in ${scoreActivation}; its output is used as the score (sigmoid or linear is usual).`,
    );
  }
  const discriminator = compileGraph(dGraph, { ...common, group: 'discriminator' });
  const scoreShape = discriminator.model.outputs[0].shape;
  if (opts.semiSupervised) {
    if (scoreShape.length !== 2 || (scoreShape[1] ?? 0) < 3) {
      throw new DeepwireError(
        'DW134',
        `${dOut.name} outputs shape [${scoreShape.map((d) => d ?? 'batch').join(', ')}]; a semi-supervised discriminator gives K class scores + 1 "fake" score per sample`,
        dOut.name,
      );
    }
  } else if (scoreShape.length !== 2 || scoreShape[1] !== 1) {
    throw new DeepwireError(
      'DW520',
      `${dOut.name} outputs shape [${scoreShape.map((d) => d ?? 'batch').join(', ')}]; the discriminator must give one score per sample, [batch, 1]`,
      dOut.name,
    );
  }

  const gOut = generator.outputs[0];
  const activation = outputActivation(subgraph(graph, 'generator'), gOut, 'range');
  const range = rangeOf(activation);
  notes.push(
    `Real images are scaled to [${range.join(', ')}] to match the generator's ${activation ?? 'unbounded'} output.`,
  );
  return {
    generator: generator.model,
    discriminator: discriminator.model,
    latent: { size: noise.params.size, distribution: noise.params.distribution },
    range,
    sampleShape: generator.model.outputs[0].shape.slice(1) as number[],
    notes,
    conditional: conditionalInputs(graph, generator.inputs, discriminator.inputs),
    scoreUnits: scoreShape[1] ?? 1,
    compiled: { generator, discriminator },
  };
}
