/**
 * What the code generators share about a model: its nodes in topological
 * order with their inputs, shapes and gate activations, Python variable
 * names, and the GAN facts (output range, logit head) the engine trains with.
 */
import type { GraphNode } from '../../../../shared/graph/types.js';
import type { ActivationName, Shape } from '../../../../shared/layers/types.js';
import { outputActivation, rangeOf } from '../../gan/models.js';
import type { ExportModel } from '../models.js';
import type { GateActivation } from '../snapshot.js';
import { pyIdent } from './pyfmt.js';

export interface CodeNode {
  node: GraphNode;
  /** Python variable holding the node's output. */
  v: string;
  /** Python variables of the inputs, in port order. */
  inputs: string[];
  /** Keras (NHWC) shapes of the inputs and the output, batch first. */
  inputShapes: Shape[];
  shape: Shape;
  gate?: GateActivation;
  /** TF.js/Keras names of the layer's weights, in `get_weights()` order. */
  weightNames: string[];
}

export interface CodeModel {
  name: ExportModel['name'];
  nodes: CodeNode[];
  inputs: CodeNode[];
  outputs: CodeNode[];
}

export function codeModel(m: ExportModel): CodeModel {
  const snap = m.snap;
  const members = new Map(snap.graph.nodes.map((n) => [n.id, n]));
  const vars = new Map<string, string>();
  const nodes: CodeNode[] = [];
  for (const id of snap.report.order) {
    const node = members.get(id);
    if (!node) continue;
    const edges = snap.graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetPort - b.targetPort);
    const v = pyIdent(node.name);
    vars.set(id, v);
    nodes.push({
      node,
      v,
      inputs: edges.map((e) => vars.get(e.source)!),
      inputShapes: edges.map((e) => snap.report.nodes[e.source].shape!),
      shape: snap.report.nodes[id].shape!,
      gate: snap.gates.get(node.name),
      weightNames: (snap.weights.get(node.name) ?? []).map((w) => w.name),
    });
  }
  const byId = new Map(nodes.map((n) => [n.node.id, n]));
  return { name: m.name, nodes, inputs: snap.inputs.map((n) => byId.get(n.id)!), outputs: snap.outputs.map((n) => byId.get(n.id)!) };
}

export interface GanFacts {
  /** The range real images are scaled into: the generator's output range. */
  range: readonly [number, number];
  /** The discriminator's designed last activation: a sigmoid is trained as a logit head (as the engine does). */
  headActivation?: ActivationName;
  latentSize: number;
  latentDistribution: 'normal' | 'uniform';
}

export function ganFacts(generator: ExportModel, discriminator: ExportModel): GanFacts {
  const gOut = generator.snap.outputs[0];
  const dOut = discriminator.snap.outputs[0];
  const noise = generator.snap.inputs.find((n) => n.kind === 'Noise');
  return {
    range: rangeOf(outputActivation(generator.snap.graph, gOut)),
    headActivation: (dOut.params as { activation?: ActivationName }).activation,
    latentSize: noise?.kind === 'Noise' ? noise.params.size : 100,
    latentDistribution: noise?.kind === 'Noise' ? noise.params.distribution : 'normal',
  };
}

/** Class name of a model in generated code. */
export const className = (name: CodeModel['name']): string => (name === 'model' ? 'Model' : name === 'generator' ? 'Generator' : 'Discriminator');
