import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightsSchema } from '../../../src/shared/project/weights-schema.js';
import { compileGraph } from '../../../src/main/engine/compile/compile.js';
import {
  applyNamedWeights,
  applyWeightsBlob,
  modelWeightsBlob,
  readNamedWeights,
} from '../../../src/main/engine/weights.js';
import { mixedGraph } from './helpers/graph.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const input = () => tf.randomUniform([5, 8, 8, 1], 0, 1, 'float32', 9);

describe('stored weights', () => {
  it('reloading the stored form into a fresh model gives identical predictions', () => {
    const graph = mixedGraph();
    const a = compileGraph(graph, { projectKind: 'classifier', seed: 1 }).model;
    // Make the BatchNorm moving statistics non-trivial so they are checked too.
    const bn = a.getLayer('batch_normalization_1');
    bn.setWeights(bn.getWeights().map((w, i) => tf.randomUniform(w.shape, 0.5, 1.5, 'float32', i)));
    const blob = modelWeightsBlob([a], graph);
    expect(weightsSchema.safeParse(blob).success).toBe(true);
    expect(blob.specs.map((s) => s.name)).toContain('batch_normalization_1/moving_variance');
    expect(blob.specs.map((s) => s.name)).toContain('lstm_1/recurrent_kernel');

    const b = compileGraph(graph, { projectKind: 'classifier', seed: 2 }).model;
    const x = input();
    expect(Array.from((b.predict(x) as tf.Tensor).dataSync())).not.toEqual(
      Array.from((a.predict(x) as tf.Tensor).dataSync()),
    );
    // JSON round trip, as in a saved project file.
    applyWeightsBlob([b], weightsSchema.parse(JSON.parse(JSON.stringify(blob))), graph);
    expect(Array.from((b.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((a.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('names weights without the per-process uniqueness suffix', () => {
    const graph = mixedGraph();
    const first = readNamedWeights([compileGraph(graph, { projectKind: 'classifier' }).model]).map((w) => w.name);
    const second = readNamedWeights([compileGraph(graph, { projectKind: 'classifier' }).model]).map((w) => w.name);
    expect(second).toEqual(first);
    expect(first[0]).toBe('conv2d_1/kernel');
  });

  it('refuses weights of another graph or with wrong shapes (DW207)', () => {
    const graph = mixedGraph();
    const blob = modelWeightsBlob([compileGraph(graph, { projectKind: 'classifier' }).model], graph);
    const changed = mixedGraph();
    const dense = changed.nodes.find((n) => n.id === 'dense_2')!;
    (dense.params as { units: number }).units = 4;
    const other = compileGraph(changed, { projectKind: 'classifier' }).model;
    expect(() => applyWeightsBlob([other], blob, changed)).toThrow(/DW207[\s\S]*different version of the model/);
    const named = readNamedWeights([compileGraph(graph, { projectKind: 'classifier' }).model]);
    expect(() => applyNamedWeights([other], named)).toThrow(
      /DW207[\s\S]*"dense_2\/kernel" is stored as \[6, 3\] but the model has \[6, 4\]/,
    );
    expect(() => applyNamedWeights([other], named.slice(1))).toThrow(/no tensor "conv2d_1\/kernel"/);
  });
});
