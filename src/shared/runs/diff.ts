/**
 * What changed between two runs: settings (flat hyperparameters) and the
 * model (layers matched by name, as graph revisions do: added, removed, or
 * changed kind/params; connections added/removed), plus final metrics side
 * by side. Runs recorded before graphs were kept compare by revision only.
 */
import type { GraphDoc } from '../graph/types.js';
import { defaultParams, isLayerKind } from '../layers/params.js';
import { canonicalJson } from '../project/revision.js';
import type { RunRecord } from '../project/runs-schema.js';
import { runHyperparameters, type HyperValue } from './hyperparameters.js';

export interface ValueChange<T> {
  key: string;
  a: T | null;
  b: T | null;
}

export interface LayerInfo {
  name: string;
  kind: string;
  params: Record<string, unknown>;
}

export interface LayerChange {
  name: string;
  kindA: string;
  kindB: string;
  params: ValueChange<unknown>[];
}

export interface GraphDiff {
  /** False when either run has no stored graph: only the revisions can be compared. */
  comparable: boolean;
  sameRevision: boolean;
  added: LayerInfo[];
  removed: LayerInfo[];
  changed: LayerChange[];
  linksAdded: string[];
  linksRemoved: string[];
}

export interface RunDiff {
  a: { id: string; graphRevision: string | null };
  b: { id: string; graphRevision: string | null };
  hyperparameters: ValueChange<HyperValue>[];
  graph: GraphDiff;
  /** Every final metric of either run, side by side (equal ones too). */
  metrics: ValueChange<number>[];
}

function layersOf(graph: GraphDoc): Map<string, LayerInfo> {
  return new Map(
    graph.nodes.map((n) => [
      n.name,
      {
        name: n.name,
        kind: n.kind,
        params: isLayerKind(n.kind) ? { ...defaultParams(n.kind), ...n.params } : { ...n.params },
      },
    ]),
  );
}

function linksOf(graph: GraphDoc): Set<string> {
  const nameOf = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return new Set(
    graph.edges.map(
      (e) =>
        `${nameOf.get(e.source) ?? e.source} -> ${nameOf.get(e.target) ?? e.target}${e.targetPort ? `:${e.targetPort}` : ''}`,
    ),
  );
}

function changes<T>(a: Record<string, T>, b: Record<string, T>, same: (x: T, y: T) => boolean): ValueChange<T>[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((k) => !(k in a && k in b && same(a[k], b[k])))
    .map((k) => ({ key: k, a: k in a ? a[k] : null, b: k in b ? b[k] : null }));
}

const sameJson = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);

export function diffGraphs(a: GraphDoc | undefined, b: GraphDoc | undefined, revA?: string, revB?: string): GraphDiff {
  const sameRevision = revA !== undefined && revA === revB;
  if (!a || !b)
    return { comparable: false, sameRevision, added: [], removed: [], changed: [], linksAdded: [], linksRemoved: [] };
  const la = layersOf(a);
  const lb = layersOf(b);
  const added = [...lb.values()].filter((l) => !la.has(l.name));
  const removed = [...la.values()].filter((l) => !lb.has(l.name));
  const changed: LayerChange[] = [];
  for (const [name, x] of la) {
    const y = lb.get(name);
    if (!y) continue;
    const params = changes(x.params, y.params, sameJson);
    if (x.kind !== y.kind || params.length > 0) changed.push({ name, kindA: x.kind, kindB: y.kind, params });
  }
  const ka = linksOf(a);
  const kb = linksOf(b);
  return {
    comparable: true,
    sameRevision,
    added,
    removed,
    changed,
    linksAdded: [...kb].filter((l) => !ka.has(l)).sort(),
    linksRemoved: [...ka].filter((l) => !kb.has(l)).sort(),
  };
}

export function diffRuns(a: RunRecord, b: RunRecord): RunDiff {
  const metric = (r: RunRecord) => r.metrics as Record<string, number>;
  const allMetrics = [...new Set([...Object.keys(a.metrics), ...Object.keys(b.metrics)])].sort();
  return {
    a: { id: a.id, graphRevision: a.graphRevision ?? null },
    b: { id: b.id, graphRevision: b.graphRevision ?? null },
    hyperparameters: changes(runHyperparameters(a), runHyperparameters(b), (x, y) => x === y),
    graph: diffGraphs(a.graph, b.graph, a.graphRevision, b.graphRevision),
    metrics: allMetrics.map((k) => ({ key: k, a: metric(a)[k] ?? null, b: metric(b)[k] ?? null })),
  };
}

const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v));
const paramList = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(', ');

/** The diff as text lines (the CLI's `--compare`). */
export function formatRunDiff(d: RunDiff, labelA: string, labelB: string): string[] {
  const lines = [`Run ${labelA} (${d.a.id.slice(0, 8)}) vs run ${labelB} (${d.b.id.slice(0, 8)})`, '', 'Settings:'];
  if (d.hyperparameters.length === 0) lines.push('  the same');
  for (const c of d.hyperparameters) lines.push(`  ${c.key}: ${show(c.a)} -> ${show(c.b)}`);
  lines.push('', 'Model:');
  const g = d.graph;
  if (!g.comparable)
    lines.push(
      g.sameRevision ? '  the same graph revision' : '  different graph revisions (layers not stored for an older run)',
    );
  else if (g.added.length + g.removed.length + g.changed.length + g.linksAdded.length + g.linksRemoved.length === 0)
    lines.push('  the same');
  for (const l of g.added) lines.push(`  + ${l.name} (${l.kind}: ${paramList(l.params)})`);
  for (const l of g.removed) lines.push(`  - ${l.name} (${l.kind}: ${paramList(l.params)})`);
  for (const c of g.changed) {
    const kind = c.kindA === c.kindB ? c.kindA : `${c.kindA} -> ${c.kindB}`;
    lines.push(`  ~ ${c.name} (${kind}): ${c.params.map((p) => `${p.key} ${show(p.a)} -> ${show(p.b)}`).join(', ')}`);
  }
  for (const l of g.linksAdded) lines.push(`  + link ${l}`);
  for (const l of g.linksRemoved) lines.push(`  - link ${l}`);
  lines.push('', 'Final metrics:');
  const w = Math.max(6, ...d.metrics.map((m) => m.key.length));
  lines.push(`  ${'metric'.padEnd(w)}  ${labelA.padStart(12)}  ${labelB.padStart(12)}`);
  const fmt = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(4));
  for (const m of d.metrics) lines.push(`  ${m.key.padEnd(w)}  ${fmt(m.a).padStart(12)}  ${fmt(m.b).padStart(12)}`);
  return lines;
}
