/**
 * Shape inference over a whole graph document: output shape, parameter
 * count and FLOPs of every node, plus numbered diagnostics that name the
 * node. Pure and O(nodes + edges): it runs on every edit.
 *
 * Downstream of an error shapes are unknown, but inference goes on wherever
 * the inputs are known, and a broken node does not make its dependants
 * report errors of their own.
 */
import type { GraphDoc } from '../graph/types.js';
import type { Shape } from '../layers/types.js';
import { checkContracts, type InferOptions } from './contracts.js';
import { evaluateNode, type NodeResult } from './evaluate.js';
import { indexGraph } from './graph-index.js';
import { checkCycles, checkDangling, checkNames } from './structure.js';
import { topoSort } from './topo.js';
import type { Diagnostic, NodeInfo, ShapeReport } from './types.js';

export type { InferOptions, ProjectKind } from './contracts.js';

export function inferShapes(graph: GraphDoc, opts: InferOptions = {}): ShapeReport {
  const index = indexGraph(graph);
  const diagnostics: Diagnostic[] = [];
  checkDangling(index, diagnostics);
  checkNames(index, diagnostics);
  const { order, cycles } = topoSort(index);
  checkCycles(index, cycles, diagnostics);

  const results = new Map<string, NodeResult>();
  for (const id of order) results.set(id, evaluateNode(index.byId.get(id)!, index, results, diagnostics));
  checkContracts(graph, index, results, opts, diagnostics);

  // No prototype: node and edge ids such as "__proto__" are ordinary keys.
  const nodes = Object.create(null) as Record<string, NodeInfo>;
  const totals = { trainable: 0, nonTrainable: 0, total: 0, flops: 0 };
  for (const node of index.nodes) {
    const info = results.get(node.id)?.info ?? { params: { trainable: 0, nonTrainable: 0 }, flops: 0 };
    nodes[node.id] = info;
    totals.trainable += info.params.trainable;
    totals.nonTrainable += info.params.nonTrainable;
    totals.flops += info.flops;
  }
  totals.total = totals.trainable + totals.nonTrainable;
  const edges = Object.create(null) as Record<string, Shape | undefined>;
  for (const e of graph.edges) edges[e.id] = results.get(e.source)?.info.shape;
  return { nodes, edges, diagnostics, order, totals, ok: !diagnostics.some((d) => d.severity === 'error') };
}
