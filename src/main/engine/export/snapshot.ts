/**
 * What every exporter reads from a compiled model: its part of the graph,
 * the shapes, and each layer's weights in TF.js/Keras order (e.g. Dense
 * [kernel, bias], LSTM [kernel, recurrent_kernel, bias], Bidirectional the
 * forward layer's then the backward layer's), plus facts the graph alone
 * does not hold (which gate activation a recurrent layer really runs).
 */
import type * as tf from '@tensorflow/tfjs';
import type { GraphDoc, GraphNode, Group } from '../../../shared/graph/types.js';
import { subgraph } from '../../../shared/shape/split.js';
import type { ShapeReport } from '../../../shared/shape/types.js';
import type { CompiledModel } from '../compile/compile.js';

export interface WeightArray {
  /** TF.js weight name, `<layer>/<weight>` (Bidirectional: `<layer>/forward_<cell>/kernel`, …). */
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Recurrent gate activation: Keras's `sigmoid`, or `hard_sigmoid` (clip(0.2·x + 0.5, 0, 1), TF.js's default). */
export type GateActivation = 'sigmoid' | 'hard_sigmoid';

export interface ModelSnapshot {
  /** `model` for classifiers/regressors; `generator` / `discriminator` for the two halves of a GAN. */
  name: 'model' | Group;
  /** This model's nodes and edges only. */
  graph: GraphDoc;
  report: ShapeReport;
  inputs: GraphNode[];
  outputs: GraphNode[];
  /** Layer (node) name -> its weights, in the order `layer.getWeights()` gives them. */
  weights: Map<string, WeightArray[]>;
  /** Recurrent layer name -> the gate activation its cells run. */
  gates: Map<string, GateActivation>;
}

interface RecurrentLike {
  cell?: { recurrentActivation?: { getClassName(): string } };
  forwardLayer?: RecurrentLike;
}

function gateOf(layer: tf.layers.Layer): GateActivation | undefined {
  const l = layer as unknown as RecurrentLike;
  const cls = (l.cell ?? l.forwardLayer?.cell)?.recurrentActivation?.getClassName();
  if (cls === undefined) return undefined;
  if (cls === 'sigmoid') return 'sigmoid';
  if (cls === 'hardSigmoid') return 'hard_sigmoid';
  throw new Error(`recurrent layer ${layer.name} runs gate activation ${cls}, which the exporters do not know`);
}

/** Reads weights and facts from a compiled model (weights copied: the model may be disposed afterwards). */
export function snapshotModel(compiled: CompiledModel, fullGraph: GraphDoc, group?: Group): ModelSnapshot {
  const graph = group ? subgraph(fullGraph, group) : fullGraph;
  const weights = new Map<string, WeightArray[]>();
  const gates = new Map<string, GateActivation>();
  for (const layer of compiled.model.layers) {
    const values = layer.getWeights();
    weights.set(
      layer.name,
      layer.weights.map((w, i) => ({
        name: w.originalName,
        shape: [...w.shape] as number[],
        values: new Float32Array(values[i].dataSync()),
      })),
    );
    const gate = gateOf(layer);
    if (gate) gates.set(layer.name, gate);
  }
  return {
    name: group ?? 'model',
    graph,
    report: compiled.report,
    inputs: compiled.inputs,
    outputs: compiled.outputs,
    weights,
    gates,
  };
}

/** The weights of one layer; throws when the model has none where the graph expects some (a bug). */
export function layerWeights(snap: ModelSnapshot, layerName: string, count: number): WeightArray[] {
  const w = snap.weights.get(layerName) ?? [];
  if (w.length !== count)
    throw new Error(`layer ${layerName}: expected ${count} weight tensors, the model has ${w.length}`);
  return w;
}
