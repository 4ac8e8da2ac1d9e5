/**
 * Conditional GANs in shape inference: an int32 label Input is allowed in
 * both GAN models (it was DW116 in the generator), and DW130–DW133 name the
 * node and the fix when the label inputs are malformed. Also "Make
 * conditional" (src/shared/graph/make-conditional.ts) on the shipped GANs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeConditional } from '../../../src/shared/graph/make-conditional.js';
import type { GraphDoc, GraphNode } from '../../../src/shared/graph/types.js';
import { parseProject } from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { mlpGan } from '../../main/engine/gan/graphs.js';

const errorsOf = (doc: GraphDoc, sampleShape: number[] = [28, 28, 1]) =>
  inferShapes(doc, { projectKind: 'gan', sampleShape }).diagnostics.filter((d) => d.severity === 'error');

function conditional(classes = 10): GraphDoc {
  const made = makeConditional(mlpGan({ hidden: 16, latent: 8 }), classes);
  if (!made.ok) throw new Error(made.reason);
  return made.doc;
}

const byName = (doc: GraphDoc, name: string): GraphNode => doc.nodes.find((n) => n.name === name)!;

function edit(doc: GraphDoc, name: string, params: Record<string, unknown>): GraphDoc {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => (n.name === name ? ({ ...n, params: { ...n.params, ...params } } as GraphNode) : n)),
  };
}

/** The document without the named nodes and their edges. */
function without(doc: GraphDoc, ...names: string[]): GraphDoc {
  const ids = new Set(names.map((n) => byName(doc, n).id));
  return {
    nodes: doc.nodes.filter((n) => !ids.has(n.id)),
    edges: doc.edges.filter((e) => !ids.has(e.source) && !ids.has(e.target)),
  };
}

describe('conditional GAN checks', () => {
  it('a label Input → Embedding in both models is a valid GAN (the generator’s int32 Input is no DW116)', () => {
    const doc = conditional();
    expect(errorsOf(doc)).toEqual([]);
    const report = inferShapes(doc, { projectKind: 'gan', sampleShape: [28, 28, 1] });
    expect(report.nodes[byName(doc, 'noise_and_label').id].shape).toEqual([null, 8 + 50]);
    expect(report.nodes[byName(doc, 'image_and_label').id].shape).toEqual([null, 28, 28, 2]);
  });

  it('a float Input in the generator is still DW116', () => {
    const errors = errorsOf(edit(conditional(), 'label', { dtype: 'float32' }));
    expect(errors.map((d) => d.code)).toContain('DW116');
  });

  it('DW130: a label input of more than one id per sample, naming the node and the fix', () => {
    const doc = edit(conditional(), 'image_label', { shape: [2] });
    const errors = errorsOf(doc).filter((d) => d.code === 'DW130');
    expect(errors.map((d) => d.nodeId)).toEqual([byName(doc, 'image_label').id]);
    expect(errors[0].message).toMatch(
      /image_label \(Input\) is a class-label input of shape \(None, 2\).*set its shape to 1/,
    );
  });

  it('DW131: labels in one model only, either way round', () => {
    const gOnly = without(conditional(), 'image_label', 'image_label_embedding', 'label_channel');
    // The discriminator's concatenation lost its second input; rewire the image straight on.
    const gErrors = errorsOf(gOnly).filter((d) => d.code === 'DW131');
    expect(gErrors.map((d) => d.nodeId)).toEqual([byName(gOnly, 'label').id]);
    expect(gErrors[0].message).toMatch(/discriminator has none: add an int32 label Input/);
    const dOnly = without(conditional(), 'label', 'label_embedding', 'label_vector');
    expect(
      errorsOf(dOnly)
        .filter((d) => d.code === 'DW131')
        .map((d) => d.nodeId),
    ).toEqual([byName(dOnly, 'image_label').id]);
  });

  it('DW132: the two label Embeddings know different class counts', () => {
    const doc = edit(conditional(), 'image_label_embedding', { inputDim: 9 });
    const errors = errorsOf(doc);
    expect(errors.map((d) => [d.code, d.nodeId])).toEqual([['DW132', byName(doc, 'image_label_embedding').id]]);
    expect(errors[0].message).toMatch(/knows 9 classes, but the generator's label_embedding \(Embedding\) knows 10/);
  });

  it('DW133: a second label input in one model', () => {
    const doc = conditional();
    const extra = { ...byName(doc, 'label'), id: 'label_2', name: 'label_2' } as GraphNode;
    const twice: GraphDoc = {
      nodes: [...doc.nodes, extra],
      edges: [...doc.edges, { id: 'x', source: 'label_2', target: byName(doc, 'label_embedding').id, targetPort: 0 }],
    };
    const errors = errorsOf(twice);
    expect(errors.map((d) => d.code)).toContain('DW133');
    expect(errors.find((d) => d.code === 'DW133')!.nodeId).toBe('label_2');
  });

  it('Make conditional works on every shipped GAN template and refuses a conditional one', () => {
    for (const file of ['mlp-gan', 'dcgan-mnist', 'dcgan-fashion-mnist']) {
      const { project } = parseProject(readFileSync(`resources/examples/${file}.deepwire`, 'utf8'));
      const made = makeConditional(project.graph, 10);
      expect(made.ok).toBe(true);
      if (made.ok) expect(errorsOf(made.doc)).toEqual([]);
    }
    const again = makeConditional(conditional(), 10);
    expect(again).toEqual({ ok: false, reason: expect.stringMatching(/conditional already/) });
  });
});
