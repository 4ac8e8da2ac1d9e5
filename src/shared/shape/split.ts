/**
 * Which nodes make up a model, for the compiler, the summary and the GAN
 * checks (one definition, so they all agree):
 * - a GAN document holds two models; `subgraph(graph, 'generator')` is one;
 * - a layer connected to nothing is left out of the model (warning DW115);
 * - the model's inputs are its connected sources, its outputs the connected
 *   layers nothing reads from.
 */
import type { GraphDoc, GraphNode, Group } from '../graph/types.js';
import { isSourceKind } from '../layers/catalog.js';
import { nodeError, nodeLabel } from './diagnostics.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import type { Diagnostic } from './types.js';

/** The nodes of one GAN group and the edges between them (edges leaving the group are dropped). */
export function subgraph(graph: GraphDoc, group: Group): GraphDoc {
  const nodes = graph.nodes.filter((n) => n.group === group);
  const ids = new Set(nodes.map((n) => n.id));
  return { nodes, edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
}

const isolated = (index: GraphIndex, id: string) =>
  index.inEdges.get(id)!.length === 0 && index.outEdges.get(id)!.length === 0;

/** Nodes that take part in the model: everything but layers connected to nothing. */
export function connectedNodes(index: GraphIndex): GraphNode[] {
  return index.nodes.filter((n) => !isolated(index, n.id));
}

/** Connected sources (Input, Noise), in document order. */
export function sourcesOf(index: GraphIndex): GraphNode[] {
  return index.nodes.filter((n) => isSourceKind(n.kind) && !isolated(index, n.id));
}

/** Connected layers whose output nobody reads: the model outputs, in document order. */
export function sinksOf(index: GraphIndex): GraphNode[] {
  return index.nodes.filter((n) => index.outEdges.get(n.id)!.length === 0 && !isolated(index, n.id));
}

/** The layers the compiled model contains (isolated layers left out). */
export const modelNodes = (graph: GraphDoc): GraphNode[] => connectedNodes(indexGraph(graph));
/** The model's inputs: connected Input/Noise nodes. For a GAN, pass `subgraph(graph, group)`. */
export const modelInputs = (graph: GraphDoc): GraphNode[] => sourcesOf(indexGraph(graph));
/** The model's outputs: connected layers nothing reads from. For a GAN, pass `subgraph(graph, group)`. */
export const modelOutputs = (graph: GraphDoc): GraphNode[] => sinksOf(indexGraph(graph));

/** DW121 on every edge from a node of one group (model) into a node of another: each model is its own graph. */
export function groupCrossings(graph: GraphDoc, index: GraphIndex): Diagnostic[] {
  return graph.edges.flatMap((e) => {
    const from = index.byId.get(e.source);
    const to = index.byId.get(e.target);
    if (!from?.group || !to?.group || from.group === to.group) return [];
    return [
      {
        ...nodeError('DW121', to, `is in the ${to.group} but is fed by ${nodeLabel(from)} of the ${from.group}`),
        edgeId: e.id,
      },
    ];
  });
}
