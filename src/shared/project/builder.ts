/**
 * A small builder for graphs written in code (the example projects, tests):
 *
 *   const b = new GraphBuilder();
 *   const x = b.chain(null, layer('Input', { shape: [28, 28, 1] }), layer('Conv2D', { filters: 32 }));
 *   b.chain(x, layer('Flatten'), layer('Dense', { units: 10, activation: 'softmax' }));
 *   const graph = b.build(); // laid out top to bottom
 *
 * Layers get Keras-style names (`conv2d`, `max_pooling2d`, `dense`,
 * `dense_1`) and their ids are their names, so generated files read well.
 */
import type { GraphDoc, GraphEdge, GraphNode, Group } from '../graph/types.js';
import { defaultParams, type LayerKind, type ParamsOf } from '../layers/params.js';
import { applyLayout, type LayoutOptions } from '../graph/layout.js';

export interface LayerDef<K extends LayerKind = LayerKind> {
  kind: K;
  params: Partial<ParamsOf<K>>;
  name?: string;
}

/** One layer of a chain: kind, the params that differ from the defaults, and an optional name. */
export function layer<K extends LayerKind>(kind: K, params: Partial<ParamsOf<K>> = {}, name?: string): LayerDef<K> {
  return name === undefined ? { kind, params } : { kind, params, name };
}

/** `Conv2D` → `conv2d`, `MaxPooling2D` → `max_pooling2d`, `SimpleRNN` → `simple_rnn`, as Keras names layers. */
export function kerasBaseName(kind: LayerKind): string {
  return kind
    .replace(/(\d)D/g, '$1d')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

export class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly taken = new Set<string>();
  private group: Group | undefined;

  /** Layers added from now on belong to `group` (GAN projects), or to none. */
  inGroup(group: Group | undefined): this {
    this.group = group;
    return this;
  }

  private freshName(kind: LayerKind): string {
    const base = kerasBaseName(kind);
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    return name;
  }

  /** Adds one layer fed by `inputs` (in port order); returns its id. */
  add(def: LayerDef, inputs: readonly string[] = []): string {
    const name = def.name ?? this.freshName(def.kind);
    if (this.taken.has(name)) throw new Error(`layer name "${name}" is used twice`);
    this.taken.add(name);
    const node = {
      id: name,
      name,
      kind: def.kind,
      params: { ...defaultParams(def.kind), ...def.params },
      position: { x: 0, y: 0 },
      ...(this.group ? { group: this.group } : {}),
    } as GraphNode;
    this.nodes.push(node);
    inputs.forEach((source, port) => {
      if (!this.taken.has(source)) throw new Error(`layer "${name}" is fed by unknown layer "${source}"`);
      this.edges.push({
        id: `${source}->${name}${inputs.length > 1 ? `:${port}` : ''}`,
        source,
        target: name,
        targetPort: port,
      });
    });
    return name;
  }

  /** Adds layers one after another, the first fed by `from` (null: it is a source). Returns the last id. */
  chain(from: string | null, ...defs: LayerDef[]): string {
    let last = from;
    for (const def of defs) last = this.add(def, last === null ? [] : [last]);
    if (last === null) throw new Error('chain() needs at least one layer or a start');
    return last;
  }

  /** The graph, laid out top to bottom (dagre, the canvas's node sizes). */
  build(layout?: LayoutOptions): GraphDoc {
    return applyLayout({ nodes: this.nodes, edges: this.edges }, layout);
  }
}
