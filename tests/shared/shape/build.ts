/** A terse graph builder for tests: `g.add('Dense', { units: 10 }, inputId)`. */
import type { GraphDoc, GraphNode, Group } from '../../../src/shared/graph/types.js';
import { defaultParams, type LayerKind, type ParamsOf } from '../../../src/shared/layers/params.js';

export class GraphBuilder {
  readonly doc: GraphDoc = { nodes: [], edges: [] };
  private counts = new Map<string, number>();
  group?: Group;

  /** Adds a node with defaults overridden by `params`, wired from `inputs` in port order; returns its id. */
  add<K extends LayerKind>(kind: K, params: Partial<ParamsOf<K>> = {}, ...inputs: string[]): string {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    const base = kind.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const id = `${base}_${n}`;
    const node = {
      id,
      name: id,
      kind,
      params: { ...defaultParams(kind), ...params },
      position: { x: 0, y: 0 },
    } as GraphNode;
    if (this.group) node.group = this.group;
    this.doc.nodes.push(node);
    inputs.forEach((src, port) => this.connect(src, id, port));
    return id;
  }

  connect(source: string, target: string, targetPort = 0): string {
    const id = `e${this.doc.edges.length + 1}`;
    this.doc.edges.push({ id, source, target, targetPort });
    return id;
  }

  node(id: string): GraphNode {
    return this.doc.nodes.find((n) => n.id === id)!;
  }
}
