/**
 * A GAN comes back from an export as two models (`generator/`,
 * `discriminator/`). In a Deepwire project they are one graph with two
 * disconnected groups, so the halves are tagged, merged and placed side by
 * side. TF.js files do not carry Deepwire's metadata: there the generator's
 * latent input arrives as a plain Input and becomes a Noise node again.
 */
import { DeepwireError } from '../../../shared/errors.js';
import type { GraphDoc, GraphNode, Group } from '../../../shared/graph/types.js';

export const GAN_HALVES = ['generator', 'discriminator'] as const satisfies readonly Group[];

/** Horizontal gap between the two halves on the canvas. */
const HALF_OFFSET = 360;

/** The generator's latent Input as a Noise node (TF.js files lose which layer was Noise). */
function asNoise(node: GraphNode, warnings: string[]): GraphNode {
  if (node.kind !== 'Input') return node;
  const shape = node.params.shape;
  const size = shape[0];
  if (shape.length !== 1 || size === null) {
    throw new DeepwireError(
      'DW304',
      `the generator's input "${node.name}" has shape [${shape.join(', ')}]; a latent vector needs one axis`,
      node.name,
    );
  }
  warnings.push(
    `${node.name}: the generator's input became a Noise layer of size ${size} (normal distribution: the file does not say which)`,
  );
  return {
    id: node.id,
    name: node.name,
    kind: 'Noise',
    params: { size, distribution: 'normal' },
    position: node.position,
  };
}

/** One graph with both halves, each node in its group; ids stay unique. */
export function mergeGanHalves(generator: GraphDoc, discriminator: GraphDoc, warnings: string[]): GraphDoc {
  const nodes: GraphNode[] = [];
  const edges: GraphDoc['edges'] = [];
  const names = new Set<string>();
  for (const [i, [group, half]] of (
    [
      ['generator', generator],
      ['discriminator', discriminator],
    ] as const
  ).entries()) {
    const targets = new Set(half.edges.map((e) => e.target));
    const id = (old: string) => `${group}-${old}`;
    for (const node of half.nodes) {
      if (names.has(node.name))
        throw new DeepwireError(
          'DW304',
          `both halves have a layer named "${node.name}"; Deepwire needs unique names across a GAN`,
          node.name,
        );
      names.add(node.name);
      const source = group === 'generator' && !targets.has(node.id) ? asNoise(node, warnings) : node;
      nodes.push({
        ...source,
        id: id(node.id),
        group,
        position: { x: source.position.x + i * HALF_OFFSET, y: source.position.y },
      } as GraphNode);
    }
    for (const e of half.edges) edges.push({ ...e, id: id(e.id), source: id(e.source), target: id(e.target) });
  }
  return { nodes, edges };
}
