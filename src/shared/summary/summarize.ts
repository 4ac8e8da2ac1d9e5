/**
 * The model summary as data: one row per layer in topological order with its
 * Keras class, output shape, parameter count and inputs, and totals per model
 * (a GAN document holds a Generator and a Discriminator). The CLI prints it as
 * a Keras-style table; the designer's summary panel renders the same rows.
 */
import type { GraphDoc, GraphNode, Group } from '../graph/types.js';
import { isCycleGraph } from '../shape/cycle-contracts.js';
import { kerasClassOf } from '../keras/layers/registry.js';
import { isSourceKind } from '../layers/catalog.js';
import type { LayerKind } from '../layers/params.js';
import type { Shape } from '../layers/types.js';
import type { ShapeReport } from '../shape/types.js';

export interface SummaryRow {
  id: string;
  name: string;
  kind: LayerKind;
  /** The Keras class the layer becomes (Input and Noise: InputLayer). */
  kerasClass: string;
  /** Output shape, batch first; undefined where shape inference could not tell. */
  outputShape?: Shape;
  params: number;
  trainable: number;
  nonTrainable: number;
  flops: number;
  /** Names of the layers feeding this one, in input-port order. */
  connectedTo: string[];
}

export interface SummaryTotals {
  total: number;
  trainable: number;
  nonTrainable: number;
  flops: number;
  /** A shape holds a size of None past the batch: FLOPs count each such size as 1 (a step, a pixel). */
  variableSize?: boolean;
}

export interface SummaryModel {
  /** 'Model', or 'Generator' / 'Discriminator' for a GAN. */
  name: string;
  group?: Group;
  rows: SummaryRow[];
  totals: SummaryTotals;
  /** One chain from one input (Keras would build it as a Sequential model). */
  sequential: boolean;
}

export interface ModelSummary {
  models: SummaryModel[];
  /** Over all models. */
  totals: SummaryTotals;
}

const ZERO: SummaryTotals = { total: 0, trainable: 0, nonTrainable: 0, flops: 0 };

function sum(rows: SummaryRow[]): SummaryTotals {
  return rows.reduce(
    (t, r) => ({
      total: t.total + r.params,
      trainable: t.trainable + r.trainable,
      nonTrainable: t.nonTrainable + r.nonTrainable,
      flops: t.flops + r.flops,
      ...(t.variableSize || r.outputShape?.slice(1).includes(null) ? { variableSize: true } : {}),
    }),
    ZERO,
  );
}

function isChain(rows: SummaryRow[]): boolean {
  const sources = rows.filter((r) => isSourceKind(r.kind));
  const fanOut = new Map<string, number>();
  for (const r of rows) for (const c of r.connectedTo) fanOut.set(c, (fanOut.get(c) ?? 0) + 1);
  return (
    sources.length === 1 && rows.every((r) => r.connectedTo.length <= 1) && [...fanOut.values()].every((n) => n === 1)
  );
}

function model(name: string, rows: SummaryRow[], group?: Group): SummaryModel {
  return { name, ...(group ? { group } : {}), rows, totals: sum(rows), sequential: isChain(rows) };
}

export interface SummarizeOptions {
  /** The model's name (e.g. the Keras model or project name); GAN models are named Generator and Discriminator. */
  name?: string;
}

export function summarizeGraph(graph: GraphDoc, report: ShapeReport, opts: SummarizeOptions = {}): ModelSummary {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const inputs = new Map<string, { port: number; name: string }[]>();
  const connected = new Set<string>();
  for (const e of graph.edges) {
    const source = byId.get(e.source);
    if (!source || !byId.has(e.target)) continue;
    connected.add(e.source).add(e.target);
    inputs.set(e.target, [...(inputs.get(e.target) ?? []), { port: e.targetPort, name: source.name }]);
  }
  // Layers connected to nothing are not part of the model (DW115); nodes on a cycle have no order, so they go last.
  const ordered = report.order.filter((id) => byId.has(id));
  const orderedIds = new Set(ordered);
  const members = [...ordered, ...graph.nodes.map((n) => n.id).filter((id) => !orderedIds.has(id))]
    .filter((id) => connected.has(id) || (graph.nodes.length === 1 && byId.has(id)))
    .map((id) => byId.get(id)!);
  const rows = members.map((node): SummaryRow & { group?: Group } => row(node, report, inputs));
  const groups = graph.nodes.some((n) => n.group);
  if (!groups) {
    const one = model(opts.name ?? 'Model', rows);
    return { models: [one], totals: one.totals };
  }
  const groupOf = new Map(members.map((n) => [n.id, n.group]));
  const titled: [string, Group][] = isCycleGraph(graph)
    ? [
        ['Generator G (A → B)', 'generator_ab'],
        ['Generator F (B → A)', 'generator_ba'],
        ['Discriminator D_A', 'discriminator_a'],
        ['Discriminator D_B', 'discriminator_b'],
      ]
    : [
        ['Generator', 'generator'],
        ['Discriminator', 'discriminator'],
      ];
  const models = titled.map(([title, group]) =>
    model(
      title,
      rows.filter((r) => groupOf.get(r.id) === group),
      group,
    ),
  );
  const loose = rows.filter((r) => !groupOf.get(r.id));
  if (loose.length) models.push(model('Ungrouped layers', loose));
  return { models, totals: sum(rows) };
}

function row(node: GraphNode, report: ShapeReport, inputs: Map<string, { port: number; name: string }[]>): SummaryRow {
  const info = report.nodes[node.id];
  const params = info?.params ?? { trainable: 0, nonTrainable: 0 };
  return {
    id: node.id,
    name: node.name,
    kind: node.kind,
    kerasClass: kerasClassOf(node),
    ...(info?.shape ? { outputShape: info.shape } : {}),
    params: params.trainable + params.nonTrainable,
    trainable: params.trainable,
    nonTrainable: params.nonTrainable,
    flops: info?.flops ?? 0,
    connectedTo: (inputs.get(node.id) ?? []).sort((a, b) => a.port - b.port).map((i) => i.name),
  };
}
