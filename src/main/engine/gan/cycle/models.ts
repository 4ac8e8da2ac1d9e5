/**
 * One CycleGAN document → four tf.LayersModels, each compiled from its group
 * by the engine's compiler (the CycleGAN contracts are checked on the way:
 * DW126–DW128). The generators' output range decides how images are scaled
 * ([-1, 1] under tanh, [0, 1] under sigmoid). A discriminator ending in a
 * sigmoid is compiled as linear: the least-squares losses work on raw scores.
 */
import type * as tf from '@tensorflow/tfjs';
import type { GraphDoc, GraphNode } from '../../../../shared/graph/types.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import { modelOutputs } from '../../../../shared/shape/index.js';
import { subgraph } from '../../../../shared/shape/split.js';
import { compileGraph, type CompiledModel } from '../../compile/compile.js';
import { outputActivation } from '../../../../shared/graph/output-activation.js';
import { rangeOf, type ValueRange } from '../models.js';

export interface CycleModels {
  /** G: A → B. */
  gAB: tf.LayersModel;
  /** F: B → A. */
  gBA: tf.LayersModel;
  dA: tf.LayersModel;
  dB: tf.LayersModel;
  range: ValueRange;
  notes: string[];
  /** What the compiler made of each group (for snapshots: the PyTorch engine's run folder). */
  compiled: Record<'generator_ab' | 'generator_ba' | 'discriminator_a' | 'discriminator_b', CompiledModel>;
}

export const cycleModelList = (m: CycleModels): tf.LayersModel[] => [m.gAB, m.gBA, m.dA, m.dB];

function linearHead(graph: GraphDoc, group: 'discriminator_a' | 'discriminator_b', notes: string[]): GraphDoc {
  const out = modelOutputs(subgraph(graph, group))[0];
  if ((out?.params as { activation?: ActivationName } | undefined)?.activation !== 'sigmoid') return graph;
  notes.push(`${out.name}: the sigmoid is left out while training (least-squares losses work on raw scores).`);
  return {
    ...graph,
    nodes: graph.nodes.map((n) =>
      n.id === out.id ? ({ ...n, params: { ...n.params, activation: 'linear' } } as GraphNode) : n,
    ),
  };
}

export function compileCycle(
  graph: GraphDoc,
  opts: { seed?: number; sampleShape?: readonly number[] } = {},
): CycleModels {
  const notes: string[] = [];
  const common = { projectKind: 'gan' as const, seed: opts.seed, sampleShape: opts.sampleShape };
  const gAB = compileGraph(graph, { ...common, group: 'generator_ab' });
  const gBA = compileGraph(graph, { ...common, group: 'generator_ba' });
  const dA = compileGraph(linearHead(graph, 'discriminator_a', notes), { ...common, group: 'discriminator_a' });
  const dB = compileGraph(linearHead(graph, 'discriminator_b', notes), { ...common, group: 'discriminator_b' });
  const activation = outputActivation(subgraph(graph, 'generator_ab'), gAB.outputs[0], 'range');
  const range = rangeOf(activation);
  notes.push(
    `Images are scaled to [${range.join(', ')}] to match the generators' ${activation ?? 'unbounded'} output.`,
  );
  return {
    gAB: gAB.model,
    gBA: gBA.model,
    dA: dA.model,
    dB: dB.model,
    range,
    notes,
    compiled: { generator_ab: gAB, generator_ba: gBA, discriminator_a: dA, discriminator_b: dB },
  };
}
