/**
 * Property test: hundreds of seeded random valid graphs, each built as a real
 * TF.js functional model; every node's inferred shape and the model's
 * trainable / non-trainable totals must equal what TF.js computes.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { RandomGraph, seeded } from './random-graph.js';

const GRAPHS = 1000;
const count = (ws: tf.LayerVariable[]) => ws.reduce((a, w) => a + w.shape.reduce<number>((p, d) => p * (d ?? 0), 1), 0);

function shuffle<T>(xs: readonly T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('random valid graphs agree with TF.js', () => {
  it(`matches shapes and parameter counts on ${GRAPHS} graphs`, () => {
    const kinds = new Set<string>();
    let merges = 0;
    for (let seed = 1; seed <= GRAPHS; seed++) {
      const r = new RandomGraph(seed);
      r.generate();
      const doc = r.g.doc;
      // A latent Noise source is not a classifier's Input: check those graphs without a project kind.
      const report = inferShapes(doc, doc.nodes.some((n) => n.kind === 'Noise') ? {} : { projectKind: 'classifier' });
      expect(report.diagnostics, `seed ${seed}`).toEqual([]);
      for (const node of doc.nodes) {
        kinds.add(node.kind);
        if (node.kind === 'Add' || node.kind === 'Concatenate') merges++;
        expect(report.nodes[node.id].shape, `seed ${seed}, ${node.name}`).toEqual(r.shape(node.id));
      }
      const sources = doc.nodes
        .filter((n) => n.kind === 'Input' || n.kind === 'Noise')
        .map((n) => r.tensors.get(n.id)!);
      const model = tf.model({ inputs: sources, outputs: r.tensors.get(doc.nodes[doc.nodes.length - 1].id)! });
      expect(report.totals.trainable, `seed ${seed}`).toBe(count(model.trainableWeights));
      expect(report.totals.nonTrainable, `seed ${seed}`).toBe(count(model.nonTrainableWeights));
      expect(report.totals.total, `seed ${seed}`).toBe(model.countParams());
      model.dispose();
      // The document's node and edge order must not matter.
      const rand = seeded(seed);
      const shuffled = { nodes: shuffle(doc.nodes, rand), edges: shuffle(doc.edges, rand) };
      const again = inferShapes(
        shuffled,
        doc.nodes.some((n) => n.kind === 'Noise') ? {} : { projectKind: 'classifier' },
      );
      expect(again.nodes, `seed ${seed} shuffled`).toEqual(report.nodes);
      expect(again.diagnostics).toEqual([]);
    }
    // The generator really exercises the catalog: every kind but none missing, and plenty of merges.
    expect([...kinds].sort()).toEqual([
      'Activation',
      'Add',
      'AveragePooling2D',
      'BatchNormalization',
      'Bidirectional',
      'Concatenate',
      'Conv2D',
      'Conv2DTranspose',
      'Dense',
      'Dropout',
      'Embedding',
      'Flatten',
      'GRU',
      'GlobalAveragePooling2D',
      'GlobalMaxPooling2D',
      'Input',
      'LSTM',
      'LayerNormalization',
      'MaxPooling2D',
      'Noise',
      'Reshape',
      'SimpleRNN',
      'UpSampling2D',
    ]);
    expect(merges).toBeGreaterThan(GRAPHS / 4);
  });
});
