/**
 * A graph revision: a stable hash of what defines the model — each layer's
 * name, kind, group and params, and the connections between layers (by
 * name, with the input port). Canvas positions and internal ids are left
 * out, so moving blocks around keeps trained weights valid while any change
 * to the model itself is detected (DW207). Params left out take their
 * defaults, so a document before and after schema defaults hashes the same.
 */
import type { GraphDoc } from '../graph/types.js';
import { defaultParams, isLayerKind } from '../layers/params.js';
import { sha256Hex, utf8 } from './checksums.js';
import { LEGACY_PARAMS } from './migrations.js';

/** JSON with object keys sorted at every level, so equal values hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    keys.sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A param at its legacy value (a GRU's resetAfter false) hashes as before the param existed: old weights stay valid. */
function withoutLegacyValues(kind: string, params: object): object {
  const legacy = LEGACY_PARAMS[kind];
  if (!legacy) return params;
  return Object.fromEntries(Object.entries(params).filter(([k, v]) => !(k in legacy && legacy[k] === v)));
}

/** What of a graph the revision covers, in a canonical order. */
export function modelIdentity(graph: GraphDoc): unknown {
  const nameOf = new Map(graph.nodes.map((n) => [n.id, n.name]));
  const layers = graph.nodes
    .map((n) => ({
      name: n.name,
      kind: n.kind,
      group: n.group ?? null,
      params: withoutLegacyValues(n.kind, isLayerKind(n.kind) ? { ...defaultParams(n.kind), ...n.params } : n.params),
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const links = graph.edges
    .map((e) => [nameOf.get(e.source) ?? `?${e.source}`, nameOf.get(e.target) ?? `?${e.target}`, e.targetPort] as const)
    .map((l) => `${l[0]}->${l[1]}:${l[2]}`)
    .sort();
  return { layers, links };
}

/** `sha256:<64 hex>` of the graph's layers, params and connections. */
export function graphRevision(graph: GraphDoc): string {
  return `sha256:${sha256Hex(utf8(canonicalJson(modelIdentity(graph))))}`;
}
