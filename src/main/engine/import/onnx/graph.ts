/**
 * The Deepwire document an ONNX import builds up: nodes named as Keras would
 * name them (`conv2d`, `conv2d_1`), edges in input order, and each layer's
 * weights under the names the compiled model gives them (`conv2d/kernel`).
 */
import type { GraphDoc, GraphEdge, GraphNode } from '../../../../shared/graph/types.js';
import { defaultParams, type LayerKind, type ParamsOf } from '../../../../shared/layers/params.js';
import type { NamedTensor } from '../../../../shared/project/index.js';
import { identity, snakeName, type TensorValue } from './values.js';

export class ImportGraph {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly tensors: NamedTensor[] = [];
  readonly warnings: string[] = [];
  private readonly used = new Set<string>();

  private freshName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  /** Adds a layer fed by `inputs` (in port order); its output is identity-laid-out unless `perm` says otherwise. */
  add<K extends LayerKind>(
    kind: K,
    params: Partial<ParamsOf<K>>,
    inputs: readonly TensorValue[],
    shape: number[],
    perm: number[] = identity(shape.length + 1),
  ): TensorValue {
    const name = this.freshName(snakeName(kind));
    const node = { id: name, name, kind, params: { ...defaultParams(kind), ...params }, position: { x: 0, y: 0 } };
    this.nodes.push(node as GraphNode);
    inputs.forEach((x, port) =>
      this.edges.push({ id: `${x.node}->${name}:${port}`, source: x.node, target: name, targetPort: port }),
    );
    return { kind: 'tensor', node: name, shape, perm };
  }

  node(id: string): GraphNode {
    return this.nodes.find((n) => n.id === id)!;
  }

  weight(node: string, weight: string, shape: number[], values: Float32Array): void {
    this.tensors.push({ name: `${node}/${weight}`, shape, values });
  }

  /** The document with only the layers some output depends on (an unused branch of the file is dropped). */
  document(outputs: readonly string[]): GraphDoc {
    const keep = new Set<string>();
    const stack = [...outputs];
    while (stack.length) {
      const id = stack.pop()!;
      if (keep.has(id)) continue;
      keep.add(id);
      for (const e of this.edges) if (e.target === id) stack.push(e.source);
    }
    const dropped = this.nodes.filter((n) => !keep.has(n.id));
    if (dropped.length)
      this.warnings.push(
        `${dropped.length} layer(s) feed no output and were dropped: ${dropped.map((n) => n.name).join(', ')}`,
      );
    return {
      nodes: this.nodes.filter((n) => keep.has(n.id)),
      edges: this.edges.filter((e) => keep.has(e.target)),
    };
  }
}
