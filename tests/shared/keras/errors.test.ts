/** What the reader refuses (numbered, naming the layer and JSON path) and what it reads with a warning. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError, type ErrorCode } from '../../../src/shared/errors.js';
import { readKerasModel, writeKerasModel } from '../../../src/shared/keras/index.js';
import { Builder } from './graphs.js';

type Json = Record<string, unknown>;
const fixture = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../../fixtures/keras/${name}`, import.meta.url), 'utf8'));

/** The CNN (Keras 2) with the config of layer `index` changed. */
function cnnWith(index: number, change: (layer: Json) => void): Json {
  const json = fixture('cnn.keras2.json');
  change((json.config as { layers: Json[] }).layers[index]);
  return json;
}

function failure(run: () => unknown): DeepwireError {
  try {
    run();
  } catch (e) {
    if (e instanceof DeepwireError) return e;
    throw e;
  }
  throw new Error('expected a DeepwireError');
}

function expectError(json: unknown, code: ErrorCode, ...fragments: string[]): DeepwireError {
  const e = failure(() => readKerasModel(json));
  expect(e.code).toBe(code);
  for (const f of fragments) expect(e.message).toContain(f);
  return e;
}

describe('documents that are not Keras models: DW301', () => {
  it.each([
    ['an array', [1, 2]],
    ['a project-like object', { format: 'deepwire', graph: {} }],
    ['a single layer config', { class_name: 'Dense', config: { units: 3 } }],
    ['a TF.js graph model', { format: 'graph-model', modelTopology: { node: [] } }],
  ])('%s', (_title, json) => {
    expectError(json, 'DW301');
  });
});

describe('unsupported layers: DW302 names the layer, its class and the JSON path', () => {
  it('Conv3D', () => {
    const e = expectError(
      cnnWith(1, (l) => (l.class_name = 'Conv3D')),
      'DW302',
      "layer 'conv2d' (Conv3D)",
      'Deepwire reads:',
      'Conv2D',
    );
    expect(e.where).toBe('config.layers[1]');
  });
});

describe('unsupported options: DW303 names the option', () => {
  it.each([
    ['an activation Deepwire lacks', 4, (l: Json) => ((l.config as Json).activation = 'exponential'), 'activation'],
    ['grouped convolution', 1, (l: Json) => ((l.config as Json).groups = 2), 'groups'],
    ['causal padding', 1, (l: Json) => ((l.config as Json).padding = 'causal'), 'padding'],
    [
      'an input with a size of 0 (None is read: issue #14)',
      0,
      (l: Json) => ((l.config as Json).batch_input_shape = [null, 0, 28, 1]),
      'batch_input_shape',
    ],
    ['units out of range', 4, (l: Json) => ((l.config as Json).units = 0), 'units'],
  ])('%s', (_t, index, change, option) => {
    const e = expectError(cnnWith(index as number, change as (l: Json) => void), 'DW303', option as string);
    expect(e.where).toContain(`config.layers[${index}].config.${option}`);
  });

  it('BatchNormalization over a non-last axis (Keras 2 writes it as a positive list)', () => {
    const json = fixture('residual-cnn.keras2.json');
    ((json.config as { layers: Json[] }).layers[3].config as Json).axis = [1];
    expectError(json, 'DW303', "layer 'block_bn' (BatchNormalization)", 'axis', '-1 or 3');
  });
});

describe("Keras 2 MobileNet's Activation('relu6') and channels_first layouts (#14 corpus)", () => {
  /** The CNN (Keras 2) with an Activation layer inserted after its Conv2D. */
  function withActivation(activation: unknown): Json {
    const json = fixture('cnn.keras2.json');
    const layers = (json.config as { layers: Json[] }).layers;
    layers.splice(2, 0, { class_name: 'Activation', config: { name: 'conv_relu6', trainable: true, activation } });
    return json;
  }

  it("reads Activation('relu6') (as Keras 2 MobileNets and Keras 3 spell it) as the relu6 activation", () => {
    for (const spelling of ['relu6', { module: 'keras.activations', class_name: 'function', config: 'relu6' }]) {
      const { graph } = readKerasModel(withActivation(spelling));
      const node = graph.nodes.find((n) => n.name === 'conv_relu6')!;
      expect(node.kind).toBe('Activation');
      expect(node.params).toMatchObject({ activation: 'relu6' });
    }
  });

  it("EfficientNet's per-channel Rescaling folds into the Normalization before it; elsewhere it is refused", () => {
    const json = fixture('cnn.keras2.json');
    const layers = (json.config as { layers: Json[] }).layers;
    const rescaling = { class_name: 'Rescaling', config: { name: 'per_channel', scale: [2.09], offset: 0 } };
    layers.splice(1, 0, rescaling);
    expectError(json, 'DW303', "layer 'per_channel' (Rescaling)", 'scale');
    layers.splice(1, 0, {
      class_name: 'Normalization',
      config: { name: 'norm', axis: -1, mean: null, variance: null },
    });
    const read = readKerasModel(json);
    expect(read.graph.nodes.map((n) => n.name)).not.toContain('per_channel');
    expect(read.rescaled).toEqual([{ layer: 'norm', scale: [2.09] }]);
    expect(read.warnings.join('\n')).toContain("folded into Normalization 'norm'");
  });

  it("Dropout drawing once per sample (noise_shape [None, 1, 1, 1], EfficientNet's drop-connect) reads with a warning", () => {
    const drop = (noise: unknown) => {
      const json = fixture('cnn.keras2.json');
      const layers = (json.config as { layers: Json[] }).layers;
      layers.splice(2, 0, { class_name: 'Dropout', config: { name: 'drop', rate: 0.2, noise_shape: noise } });
      return json;
    };
    const read = readKerasModel(drop([null, 1, 1, 1]));
    expect(read.graph.nodes.find((n) => n.name === 'drop')).toMatchObject({ kind: 'Dropout', params: { rate: 0.2 } });
    expect(read.warnings.join('\n')).toMatch(/'drop'.*noise_shape.*ignored.*same at inference/);
    expectError(drop([null, 1, 1, 32]), 'DW303', 'noise_shape');
  });

  it('DW320: a layer that reads a channels_first output over another axis (or as channels_last)', () => {
    const nchw = () => {
      const json = fixture('cnn.keras2.json');
      const layers = (json.config as { layers: Json[] }).layers;
      (layers[0].config as Json).batch_input_shape = [null, 1, 28, 28];
      (layers[1].config as Json).data_format = 'channels_first';
      return { json, layers };
    };
    // BatchNormalization over the last axis of an NCHW map normalizes its width, not its channels.
    const bn = nchw();
    bn.layers.splice(2, 0, { class_name: 'BatchNormalization', config: { name: 'bn', axis: -1 } });
    expectError(bn.json, 'DW320', "layer 'bn' (BatchNormalization)", 'over axis -1');
    // A channels_last pooling of an NCHW map pools channels and height.
    const pool = nchw();
    expectError(pool.json, 'DW320', "layer 'max_pooling2d' (MaxPooling2D)", 'as channels_last');
    // Consistent channels_first layers read, converted to NHWC.
    const ok = nchw();
    (ok.layers[2].config as Json).data_format = 'channels_first';
    expect(readKerasModel(ok.json).graph.nodes.find((n) => n.kind === 'Input')!.params).toMatchObject({
      shape: [28, 28, 1],
    });
  });
});

describe('structures Deepwire cannot represent: DW304', () => {
  const functional = () => fixture('residual-cnn.keras2.json');
  const layers = (json: Json) => (json.config as { layers: Json[] }).layers;

  it('a layer called twice (shared weights): DW311', () => {
    const json = functional();
    layers(json)[2].inbound_nodes = [[['stem', 0, 0, {}]], [['image', 0, 0, {}]]];
    expectError(json, 'DW311', "layer 'block_conv1'", 'applied 2 times');
  });

  it('a reference to a missing layer', () => {
    const json = functional();
    layers(json)[2].inbound_nodes = [[['nowhere', 0, 0, {}]]];
    expectError(json, 'DW304', "'nowhere'");
  });

  it('a Keras 3 call with tensors in kwargs', () => {
    const json = fixture('residual-cnn.keras3.json');
    const node = (layers(json)[2].inbound_nodes as Json[])[0];
    node.kwargs = { mask: { class_name: '__keras_tensor__', config: { keras_history: ['image', 0, 0] } } };
    expectError(json, 'DW304', 'keyword arguments');
  });

  it('a Sequential model without any input shape', () => {
    const json = fixture('cnn.keras2.json');
    const list = layers(json);
    list.shift();
    delete (list[0].config as Json).batch_input_shape;
    expectError(json, 'DW304', 'no input shape');
  });

  it('truncated JSON structure', () => {
    expectError({ class_name: 'Functional', config: { name: 'x' } }, 'DW304', 'no layers');
  });
});

describe('read with a warning', () => {
  it('regularizers, frozen layers, mask_zero (GRU reset_after reads without a warning)', () => {
    const b = new Builder();
    b.add(
      'GRU',
      'gru',
      { units: 2 },
      b.add(
        'Embedding',
        'emb',
        { inputDim: 9, outputDim: 3 },
        b.add('Input', 'tokens', { shape: [4], dtype: 'int32' }),
      ),
    );
    const json = writeKerasModel(b.doc, { style: 'keras3' }) as { config: { layers: Json[] } };
    const gru = json.config.layers[2].config as Json;
    Object.assign(gru, {
      reset_after: true,
      trainable: false,
      kernel_regularizer: { class_name: 'L2', config: { l2: 0.01 } },
    });
    (json.config.layers[1].config as Json).mask_zero = true;
    const { warnings } = readKerasModel(json);
    expect(warnings).toHaveLength(3);
    expect(warnings.every((w) => w.startsWith("layer '"))).toBe(true);
    for (const topic of ["'emb' (Embedding): mask_zero", "'gru' (GRU): kernel_regularizer", 'frozen']) {
      expect(warnings.some((w) => w.includes(topic))).toBe(true);
    }
  });

  it('a float32 Keras 3 Input that feeds an Embedding becomes int32', () => {
    const b = new Builder();
    b.add(
      'Embedding',
      'emb',
      { inputDim: 9, outputDim: 3 },
      b.add('Input', 'tokens', { shape: [4], dtype: 'float32' }),
    );
    const { graph } = readKerasModel(writeKerasModel(b.doc, { style: 'keras3' }));
    expect(graph.nodes[0].params).toEqual({ shape: [4], dtype: 'int32' });
  });
});

describe('writing refuses what the dialect cannot say', () => {
  it('DW305: a SimpleRNN with leaky_relu in Keras 2 or TF.js', () => {
    const b = new Builder();
    b.add('SimpleRNN', 'rnn', { units: 3, activation: 'leaky_relu' }, b.add('Input', 'seq', { shape: [4, 2] }));
    for (const style of ['keras2', 'tfjs'] as const)
      expect(failure(() => writeKerasModel(b.doc, { style })).code).toBe('DW305');
    expect(() => writeKerasModel(b.doc, { style: 'keras3' })).not.toThrow();
  });

  it('DW101: a graph with a cycle', () => {
    const b = new Builder();
    const a = b.add('Dense', 'a', {}, b.add('Input', 'x', { shape: [3] }));
    const c = b.add('Dense', 'c', {}, a);
    b.doc.edges.push({ id: 'loop', source: c, target: a, targetPort: 1 });
    expect(failure(() => writeKerasModel(b.doc, { style: 'keras3' })).code).toMatch(/DW101|DW111/);
  });
});

describe("hard_sigmoid: Deepwire's is Keras 2's and TF.js's, clip(0.2·x + 0.5, 0, 1)", () => {
  const lstmModel = () => {
    const b = new Builder();
    const seq = b.add('Input', 'seq', { shape: [5, 3] });
    const l = b.add('LSTM', 'lstm', { units: 4, recurrentActivation: 'hard_sigmoid' }, seq);
    b.add('Dense', 'out', { units: 2, activation: 'hard_sigmoid' }, l);
    return b.doc;
  };

  it('reads Keras 2 gates and activations as hard_sigmoid', () => {
    const json = writeKerasModel(lstmModel(), { style: 'keras2' }) as { config: { layers: Json[] } };
    expect(JSON.stringify(json)).toContain('"recurrent_activation":"hard_sigmoid"');
    const { graph, warnings } = readKerasModel(json);
    expect(warnings).toEqual([]);
    expect(graph.nodes.find((n) => n.name === 'lstm')?.params).toMatchObject({ recurrentActivation: 'hard_sigmoid' });
    expect(graph.nodes.find((n) => n.name === 'out')?.params).toMatchObject({ activation: 'hard_sigmoid' });
  });

  it("writes it into Keras 3 files as the function load_weights.py defines, never as Keras 3's hard_sigmoid", () => {
    const text = JSON.stringify(writeKerasModel(lstmModel(), { style: 'keras3' }));
    expect(text).not.toContain('"hard_sigmoid"');
    expect(text.match(/"config":"hard_sigmoid_tfjs"/g)).toHaveLength(2);
  });

  it.each([
    ['activation', 'out'],
    ['recurrent_activation', 'lstm'],
  ])("DW315: Keras 3's own hard_sigmoid as %s (relu6(x + 3) / 6) is refused", (key, layer) => {
    const json = writeKerasModel(lstmModel(), { style: 'keras3' }) as { config: { layers: Json[] } };
    const cfg = json.config.layers.find((l) => (l.config as Json).name === layer)!.config as Json;
    cfg[key] = 'hard_sigmoid';
    const e = expectError(json, 'DW315', `'${layer}'`, 'relu6(x + 3) / 6');
    expect(e.where).toContain(key);
  });
});

describe('Normalization and the augmentations read as Keras wrote them', () => {
  const model = (layer: Json) => ({
    class_name: 'Sequential',
    config: {
      name: 'm',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 3], dtype: 'float32', name: 'x' } },
        layer,
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  });

  it('reads Keras 2 configs: factors as numbers or symmetric pairs, RandomZoom width None', () => {
    const { graph, warnings } = readKerasModel(
      model({
        class_name: 'RandomZoom',
        config: { name: 'zoom', height_factor: [-0.2, 0.2], width_factor: null, fill_mode: 'nearest', seed: null },
      }),
    );
    expect(warnings).toEqual([]);
    expect(graph.nodes[1]).toMatchObject({
      kind: 'RandomZoom',
      params: { heightFactor: 0.2, widthFactor: -1, fillMode: 'nearest', interpolation: 'bilinear', fillValue: 0 },
    });
  });

  it.each([
    ['an asymmetric factor range', { class_name: 'RandomRotation', config: { name: 'r', factor: [0, 0.3] } }, 'factor'],
    [
      'Normalization with its mean as a value',
      { class_name: 'Normalization', config: { name: 'n', axis: -1, mean: 0.5, variance: 2 } },
      'mean',
    ],
    [
      'Normalization over no axis (one mean for all)',
      { class_name: 'Normalization', config: { name: 'n', axis: null } },
      'axis',
    ],
    [
      'Normalization over the empty list of axes []',
      { class_name: 'Normalization', config: { name: 'n', axis: [] } },
      'axis',
    ],
  ])('DW303: %s', (_what, layer, key) => {
    const e = expectError(model(layer), 'DW303', key);
    expect(e.where).toContain(key);
  });
});
