/**
 * "Make conditional": turns a GAN document into a class-conditional one
 * (Mirza & Osindero 2014), the way the cDCGAN templates are built.
 * - Generator: label Input (int32, [1]) → Embedding(classes, 50) → Flatten,
 *   concatenated with the Noise; the Noise's consumers read the concatenation.
 * - Discriminator: label Input → Embedding(classes, H·W) → Reshape H×W×1,
 *   concatenated with the image as one more channel (a flat sample: the
 *   embedding flattened and concatenated with it); the image Input's
 *   consumers read the concatenation.
 * Pure: returns a new document, or a reason it cannot.
 */
import { defaultParams, type LayerKind, type ParamsOf } from '../layers/params.js';
import { isLabelInput } from '../shape/conditional.js';
import type { GraphDoc, GraphEdge, GraphNode, Group } from './types.js';

export const GENERATOR_LABEL_EMBEDDING = 50;

export type MakeConditionalResult = { ok: true; doc: GraphDoc } | { ok: false; reason: string };

class DocEditor {
  readonly nodes: GraphNode[];
  edges: GraphEdge[];
  private readonly taken: Set<string>;

  constructor(doc: GraphDoc) {
    this.nodes = [...doc.nodes];
    this.edges = [...doc.edges];
    this.taken = new Set(doc.nodes.flatMap((n) => [n.id, n.name]));
  }

  private fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** Adds a layer named `base` (or `base_1`, …) at `near`'s position plus (dx, dy), in `group`. */
  add<K extends LayerKind>(
    kind: K,
    base: string,
    params: Partial<ParamsOf<K>>,
    near: GraphNode,
    dx: number,
    dy: number,
    group: Group,
  ): GraphNode {
    const id = this.fresh(base);
    const node = {
      id,
      name: id,
      kind,
      params: { ...defaultParams(kind), ...params },
      position: { x: near.position.x + dx, y: near.position.y + dy },
      group,
    } as GraphNode;
    this.nodes.push(node);
    return node;
  }

  connect(source: GraphNode, target: GraphNode, port = 0): void {
    const id = `${source.id}->${target.id}:${port}`;
    this.edges.push({ id, source: source.id, target: target.id, targetPort: port });
  }

  /**
   * `source` ⊕ label: a label Input → Embedding(classes, size) → Flatten (or Reshape to `reshape`) beside
   * `source`, concatenated after it; what `source` fed reads the concatenation. `names`: the label, the
   * embedding, the flattened or reshaped embedding, and the concatenation.
   */
  addLabelBranch(
    source: GraphNode,
    group: Group,
    names: [string, string, string, string],
    table: { inputDim: number; outputDim: number },
    reshape?: number[],
  ): void {
    const label = this.add('Input', names[0], { shape: [1], dtype: 'int32' }, source, 260, 0, group);
    const embed = this.add('Embedding', names[1], table, source, 260, 110, group);
    const shaped = reshape
      ? this.add('Reshape', names[2], { targetShape: reshape }, source, 260, 220, group)
      : this.add('Flatten', names[2], {}, source, 260, 220, group);
    const merge = this.add('Concatenate', names[3], {}, source, 130, 330, group);
    this.reroute(source, merge);
    this.connect(label, embed);
    this.connect(embed, shaped);
    this.connect(source, merge, 0);
    this.connect(shaped, merge, 1);
  }

  /** Every edge leaving `from` now leaves `to` instead (the new merge sits between `from` and its consumers). */
  reroute(from: GraphNode, to: GraphNode): void {
    this.edges = this.edges.map((e) =>
      e.source === from.id ? { ...e, id: `${to.id}->${e.target}:${e.targetPort}`, source: to.id } : e,
    );
  }
}

const connectedSource = (doc: GraphDoc, group: Group, match: (n: GraphNode) => boolean): GraphNode | undefined =>
  doc.nodes.find((n) => n.group === group && match(n) && doc.edges.some((e) => e.source === n.id));

/** Adds class-label inputs for `classes` classes to both models of a GAN document. */
export function makeConditional(doc: GraphDoc, classes: number): MakeConditionalResult {
  if (!Number.isInteger(classes) || classes < 2) {
    return { ok: false, reason: 'a conditional GAN needs at least 2 classes' };
  }
  if (doc.nodes.some((n) => (n.group === 'generator' || n.group === 'discriminator') && isLabelInput(n))) {
    return { ok: false, reason: 'the GAN is conditional already (it has an int32 label Input)' };
  }
  const noise = connectedSource(doc, 'generator', (n) => n.kind === 'Noise');
  const image = connectedSource(doc, 'discriminator', (n) => n.kind === 'Input');
  if (!noise || !image) {
    return {
      ok: false,
      reason: 'the GAN needs a connected Noise in its generator and an image Input in its discriminator',
    };
  }
  const sample = (image.params as { shape: number[] }).shape;

  const ed = new DocEditor(doc);
  // Generator: z ⊕ embed(label).
  const gTable = { inputDim: classes, outputDim: GENERATOR_LABEL_EMBEDDING };
  ed.addLabelBranch(noise, 'generator', ['label', 'label_embedding', 'label_vector', 'noise_and_label'], gTable);

  // Discriminator: image ⊕ embed(label), as one more channel of an image or more features of a vector.
  const isImage = sample.length === 3;
  const dTable = { inputDim: classes, outputDim: isImage ? sample[0] * sample[1] : GENERATOR_LABEL_EMBEDDING };
  ed.addLabelBranch(
    image,
    'discriminator',
    ['image_label', 'image_label_embedding', isImage ? 'label_channel' : 'label_features', 'image_and_label'],
    dTable,
    isImage ? [sample[0], sample[1], 1] : undefined,
  );
  return { ok: true, doc: { ...doc, nodes: ed.nodes, edges: ed.edges } };
}
