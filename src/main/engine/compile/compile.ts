/**
 * Graph → tf.LayersModel through the functional API, driven by the layer
 * catalog: shape inference checks the graph first (any error diagnostic
 * refuses the compile with DW504 listing them), then every connected node is
 * built in topological order by its family's builder, with its node name as
 * the Keras layer name.
 */
import * as tf from '@tensorflow/tfjs';
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc, GraphNode, Group } from '../../../shared/graph/types.js';
import { inferShapes, modelInputs, modelNodes, modelOutputs, type ProjectKind } from '../../../shared/shape/index.js';
import { subgraph } from '../../../shared/shape/split.js';
import type { Diagnostic, ShapeReport } from '../../../shared/shape/types.js';
import { BUILDERS, type BuildContext } from './builders/index.js';

export interface CompileOptions {
  projectKind?: ProjectKind;
  /** The dataset's sample shape without the batch (checked against the Input, DW108). */
  sampleShape?: readonly (number | null)[];
  /** Seed of the initial weights (default 42). */
  seed?: number;
  /** Compile one model of a GAN document. */
  group?: Group;
}

export interface CompiledModel {
  model: tf.LayersModel;
  report: ShapeReport;
  /** The model's input nodes, in the order the model takes them. */
  inputs: GraphNode[];
  /** The model's output nodes, in order. */
  outputs: GraphNode[];
}

/** The error diagnostics as one DW504 message (each keeps its own code). */
export function compileRefusal(errors: readonly Diagnostic[], graph: GraphDoc): DeepwireError {
  const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const lines = errors.map((d) => `${d.code} ${d.message}`);
  const where = errors.map((d) => (d.nodeId ? names.get(d.nodeId) : undefined)).find((n) => n !== undefined);
  return new DeepwireError(
    'DW504',
    `${errors.length} problem${errors.length === 1 ? '' : 's'} in the graph: ${lines.join('; ')}`,
    where,
  );
}

export function compileGraph(graph: GraphDoc, opts: CompileOptions = {}): CompiledModel {
  const report = inferShapes(graph, { projectKind: opts.projectKind, sampleShape: opts.sampleShape });
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw compileRefusal(errors, graph);

  const doc = opts.group ? subgraph(graph, opts.group) : graph;
  const members = new Set(modelNodes(doc).map((n) => n.id));
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const built = new Map<string, tf.SymbolicTensor>();
  let seedCounter = 0;
  const base = (opts.seed ?? 42) * 1009;

  for (const id of report.order) {
    const node = byId.get(id);
    if (!node || !members.has(id)) continue;
    const inputs = doc.edges
      .filter((e) => e.target === id)
      .sort((a, b) => a.targetPort - b.targetPort)
      .map((e) => built.get(e.source)!);
    const ctx: BuildContext = {
      inputs,
      outputShape: report.nodes[id].shape ?? [],
      nextSeed: () => base + ++seedCounter,
    };
    const build = BUILDERS[node.kind] as (n: GraphNode, c: BuildContext) => tf.SymbolicTensor;
    built.set(id, build(node, ctx));
  }

  const inputs = modelInputs(doc);
  const outputs = modelOutputs(doc);
  const model = tf.model({
    inputs: inputs.map((n) => built.get(n.id)!),
    outputs: outputs.map((n) => built.get(n.id)!),
    name: opts.group ?? 'model',
  });
  return { model, report, inputs, outputs };
}
