/**
 * The 'tfjs' dialect against TF.js 4.22 itself: what Deepwire writes loads
 * in TF.js with the same parameter count and output shapes, and TF.js writes
 * it back identically; models built with tf.layers read back with their
 * names, shapes and counts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { modelOutputs } from '../../../src/shared/shape/split.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { CASES } from './graphs.js';
// Registers InstanceNormalization and ReflectionPadding2D, which TF.js lacks, as the product does.
import '../../../src/main/engine/compile/layers/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Without Deepwire's metadata, and with a Functional's layers by name (their order carries no meaning; TF.js sorts by depth). */
const comparable = (json: Record<string, unknown>) => {
  const { deepwire: _ignored, ...rest } = json;
  const config = rest.config as { layers: { name?: string }[] };
  if (rest.class_name !== 'Model') return rest;
  return {
    ...rest,
    config: { ...config, layers: [...config.layers].sort((a, b) => String(a.name).localeCompare(String(b.name))) },
  };
};

describe("Deepwire's tfjs dialect in TF.js 4.22", () => {
  for (const c of CASES.filter((x) => x.tfjs)) {
    it(`${c.title}: loads with the same params and shapes, and round-trips through TF.js unchanged`, async () => {
      const json = writeKerasModel(c.graph, { style: 'tfjs' });
      const model = await tf.models.modelFromJSON({ modelTopology: JSON.parse(JSON.stringify(json)) });
      const report = inferShapes(c.graph);
      expect(model.countParams()).toBe(report.totals.total);
      // A GAN document holds two models; TF.js sees them as one two-output model.
      const sinks = c.graph.nodes.some((n) => n.group)
        ? [
            ...modelOutputs({ ...c.graph, nodes: c.graph.nodes.filter((n) => n.group === 'generator') }),
            ...modelOutputs({ ...c.graph, nodes: c.graph.nodes.filter((n) => n.group === 'discriminator') }),
          ]
        : modelOutputs(c.graph);
      expect(model.outputs.map((o) => o.shape)).toEqual(sinks.map((n) => report.nodes[n.id].shape));
      expect(comparable(model.toJSON(null, false) as Record<string, unknown>)).toEqual(comparable(json));
      model.dispose();
    });
  }
});

describe('TF.js models read into Deepwire', () => {
  it('the CNN built with tf.layers: 693,962 params, names kept, leaky layer kept separate', () => {
    const m = tf.sequential({ name: 'mnist_cnn' });
    m.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu', name: 'conv' }));
    m.add(tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }));
    m.add(tf.layers.flatten({ name: 'flat' }));
    m.add(tf.layers.dense({ units: 128, activation: 'relu', name: 'hidden' }));
    m.add(tf.layers.dense({ units: 10, activation: 'softmax', name: 'probs' }));
    const { graph, style, warnings } = readKerasModel(m.toJSON(null, false));
    expect(style).toBe('tfjs');
    expect(warnings).toEqual([]);
    expect(graph.nodes.map((n) => `${n.name}:${n.kind}`)).toEqual([
      'conv_input:Input',
      'conv:Conv2D',
      'pool:MaxPooling2D',
      'flat:Flatten',
      'hidden:Dense',
      'probs:Dense',
    ]);
    const report = inferShapes(graph, { projectKind: 'classifier' });
    expect(report.diagnostics).toEqual([]);
    expect(report.totals.total).toBe(m.countParams());
    expect(report.totals.total).toBe(693_962);
  });

  it('a functional TF.js model with every kind TF.js has, via model.json', () => {
    const image = tf.input({ shape: [12, 12, 3], name: 'image' });
    let x = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, padding: 'same', name: 'c1' })
      .apply(image) as tf.SymbolicTensor;
    x = tf.layers.batchNormalization({ name: 'bn' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.leakyReLU({ alpha: 0.1, name: 'lrelu' }).apply(x) as tf.SymbolicTensor;
    const skip = tf.layers.conv2d({ filters: 4, kernelSize: 1, name: 'proj' }).apply(image) as tf.SymbolicTensor;
    x = tf.layers.add({ name: 'res' }).apply([x, skip]) as tf.SymbolicTensor;
    x = tf.layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, name: 'up' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.upSampling2d({ size: [2, 2], name: 'up2' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.averagePooling2d({ poolSize: 2, name: 'avg' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.globalMaxPooling2d({ name: 'gmp' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.reshape({ targetShape: [2, 1], name: 'seq' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.layerNormalization({ name: 'ln' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .bidirectional({ layer: tf.layers.lstm({ units: 3, returnSequences: true }) as tf.RNN, name: 'bi' })
      .apply(x) as tf.SymbolicTensor;
    x = tf.layers.gru({ units: 2, name: 'gru' }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.dropout({ rate: 0.3, name: 'drop' }).apply(x) as tf.SymbolicTensor;
    const out = tf.layers.activation({ activation: 'softmax', name: 'act' }).apply(x) as tf.SymbolicTensor;
    const m = tf.model({ inputs: image, outputs: out, name: 'kitchen_sink' });
    const modelJson = {
      format: 'layers-model',
      generatedBy: 'TensorFlow.js tfjs-layers v4.22.0',
      modelTopology: m.toJSON(null, false),
      weightsManifest: [],
    };
    const { graph, style, file, warnings } = readKerasModel(modelJson);
    expect([style, file]).toEqual(['tfjs', 'tfjs']);
    // TF.js's LSTM/GRU default to hard_sigmoid gates: read exactly as the layers' gate activation.
    expect(warnings.filter((w) => w.includes('hard_sigmoid'))).toEqual([]);
    for (const kind of ['Bidirectional', 'GRU'])
      expect(graph.nodes.find((n) => n.kind === kind)?.params).toMatchObject({ recurrentActivation: 'hard_sigmoid' });
    const report = inferShapes(graph);
    expect(report.diagnostics).toEqual([]);
    expect(report.totals.total).toBe(m.countParams());
    expect(graph.nodes.find((n) => n.name === 'lrelu')).toMatchObject({
      kind: 'Activation',
      params: { activation: 'leaky_relu', alpha: 0.1 },
    });
    expect(graph.edges.filter((e) => e.target === 'res').map((e) => `${e.source}:${e.targetPort}`)).toEqual([
      'lrelu:0',
      'proj:1',
    ]);
    const outId = modelOutputs(graph)[0].id;
    expect(report.nodes[outId].shape).toEqual(m.outputs[0].shape);
  });

  it('an Embedding model: the Input feeding it is int32', () => {
    const m = tf.sequential();
    m.add(tf.layers.embedding({ inputDim: 100, outputDim: 8, inputLength: 12, name: 'emb' }));
    m.add(tf.layers.simpleRNN({ units: 4, name: 'rnn' }));
    const { graph } = readKerasModel(m.toJSON(null, false));
    expect(graph.nodes[0]).toMatchObject({ kind: 'Input', params: { shape: [12], dtype: 'int32' } });
    expect(inferShapes(graph).totals.total).toBe(m.countParams());
  });
});
