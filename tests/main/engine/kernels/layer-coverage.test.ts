/**
 * Every layer kind of Deepwire's catalog (and every activation) trains on
 * wasm + kernel pack, with the cpu backend's gradients. End to end through a
 * few layers, so the tolerance is 1e-4 (each kernel alone is held to 1e-5).
 * Not covered: dilated Conv2D gradients, which TF.js refuses on every backend.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS } from '../../../../src/shared/layers/types.js';
import { initBackend } from '../../../../src/main/engine/backend/select.js';
import { tfActivation } from '../../../../src/main/engine/compile/activation.js';
import {
  AxisSoftmax,
  KerasELU,
  InstanceNormalization,
  KerasNormalization,
  KerasReLU,
  RandomFlip,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  MultiHeadAttention,
  ReflectionPadding2D,
  ResetAfterGRU,
  UpSampling1D,
} from '../../../../src/main/engine/compile/layers/index.js';

type Build = () => tf.Sequential;

function model(input: number[], layers: tf.layers.Layer[], flatten = true): Build {
  return () => {
    const m = tf.sequential();
    m.add(tf.layers.inputLayer({ inputShape: input }));
    layers.forEach((l) => m.add(l));
    if (flatten) m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
    return m;
  };
}
const img =
  (make: () => tf.layers.Layer[], flatten = true) =>
  () =>
    model([10, 10, 3], make(), flatten)();
const seq = (make: () => tf.layers.Layer[]) => () => model([6, 5], make(), false)();
const conv = () => tf.layers.conv2d({ filters: 5, kernelSize: 3 });

const CASES: Record<string, Build> = {
  Dense: () => model([7], [tf.layers.dense({ units: 6, activation: 'relu' })], false)(),
  'Conv2D (same, stride 2)': img(() => [
    tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
  ]),
  'Conv2DTranspose (stride 2)': img(() => [
    tf.layers.conv2dTranspose({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
  ]),
  MaxPooling2D: img(() => [conv(), tf.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same' })]),
  AveragePooling2D: img(() => [conv(), tf.layers.averagePooling2d({ poolSize: 2, strides: 2 })]),
  GlobalAveragePooling2D: img(() => [conv(), tf.layers.globalAveragePooling2d({})], false),
  GlobalMaxPooling2D: img(() => [conv(), tf.layers.globalMaxPooling2d({})], false),
  'UpSampling2D (nearest)': () =>
    model([5, 5, 2], [tf.layers.upSampling2d({ size: [2, 2] }), tf.layers.conv2d({ filters: 3, kernelSize: 3 })])(),
  'UpSampling2D (bilinear)': () =>
    model(
      [5, 5, 2],
      [
        tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear' }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3 }),
      ],
    )(),
  Reshape: img(() => [conv(), tf.layers.reshape({ targetShape: [64, 5] })]),
  BatchNormalization: img(() => [conv(), tf.layers.batchNormalization({})]),
  LayerNormalization: img(() => [conv(), tf.layers.layerNormalization({})]),
  LeakyReLU: img(() => [conv(), tf.layers.leakyReLU({ alpha: 0.2 })]),
  InstanceNormalization: img(() => [
    conv(),
    new InstanceNormalization({ name: 'inorm', epsilon: 1e-3, center: true, scale: true }),
  ]),
  ReflectionPadding2D: img(() => [new ReflectionPadding2D({ name: 'mirror', padding: [2, 1, 0, 3] }), conv()]),
  ZeroPadding2D: img(() => [
    tf.layers.zeroPadding2d({
      padding: [
        [0, 1],
        [2, 1],
      ],
    }),
    conv(),
  ]),
  'DepthwiseConv2D (same, stride 2, multiplier 2)': img(() => [
    tf.layers.depthwiseConv2d({ kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu' }),
  ]),
  ...Object.fromEntries(
    (['multiply', 'average', 'maximum', 'minimum'] as const).map((merge) => [
      `${merge} of two convolutions`,
      () => {
        const x = tf.input({ shape: [6, 6, 2] });
        const a = conv().apply(x) as tf.SymbolicTensor;
        const b = conv().apply(x) as tf.SymbolicTensor;
        const y = tf.layers[merge]({}).apply([a, b]) as tf.SymbolicTensor;
        const head = tf.layers.dense({ units: 4, activation: 'softmax' });
        return tf.model({ inputs: x, outputs: head.apply(tf.layers.flatten().apply(y)) as tf.SymbolicTensor });
      },
    ]),
  ),
  Cropping2D: img(() => [
    tf.layers.cropping2D({
      cropping: [
        [1, 2],
        [0, 1],
      ],
    }),
    conv(),
  ]),
  UpSampling1D: seq(() => [new UpSampling1D({ name: 'up1d', size: 2 }), tf.layers.simpleRNN({ units: 4 })]),
  RepeatVector: () => model([5], [tf.layers.repeatVector({ n: 3 }), tf.layers.simpleRNN({ units: 4 })], false)(),
  Permute: img(() => [conv(), tf.layers.permute({ dims: [3, 1, 2] })]),
  'SeparableConv2D (same, stride 2, multiplier 2)': img(() => [
    tf.layers.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2 }),
  ]),
  'PReLU (shared axes 1, 2)': img(() => [conv(), tf.layers.prelu({ sharedAxes: [1, 2] })]),
  'ELU (alpha 0.5)': img(() => [conv(), new KerasELU({ name: 'elu_x', alpha: 0.5 })]),
  'Softmax (axis 1)': seq(() => [new AxisSoftmax({ name: 'softmax_t', axis: 1 }), tf.layers.simpleRNN({ units: 4 })]),
  ReLU6: img(() => [conv(), tf.layers.reLU({ maxValue: 0.3 })]),
  'ReLU (slope, threshold, cap)': img(() => [
    conv(),
    new KerasReLU({ name: 'relu_x', maxValue: 0.4, negativeSlope: 0.3, threshold: -0.1 }),
  ]),
  'Conv1D (same, stride 2) + MaxPooling1D': () =>
    model(
      [6, 5],
      [
        tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling1d({ poolSize: 2, strides: 1, padding: 'same' }),
      ],
    )(),
  'Conv1D + AveragePooling1D': () =>
    model(
      [9, 3],
      [
        tf.layers.conv1d({ filters: 4, kernelSize: 3, useBias: false }),
        tf.layers.averagePooling1d({ poolSize: 2, strides: 2 }),
      ],
    )(),
  GlobalAveragePooling1D: seq(() => [
    tf.layers.conv1d({ filters: 4, kernelSize: 2 }),
    tf.layers.globalAveragePooling1d({}),
  ]),
  GlobalMaxPooling1D: seq(() => [tf.layers.conv1d({ filters: 4, kernelSize: 2 }), tf.layers.globalMaxPooling1d({})]),
  SimpleRNN: seq(() => [tf.layers.simpleRNN({ units: 8 })]),
  LSTM: seq(() => [tf.layers.lstm({ units: 8, returnSequences: true }), tf.layers.lstm({ units: 6 })]),
  GRU: seq(() => [tf.layers.gru({ units: 8 })]),
  'GRU reset_after (Keras default)': seq(() => [
    new ResetAfterGRU({ units: 8, recurrentActivation: 'sigmoid', returnSequences: true }),
    new ResetAfterGRU({ units: 5, recurrentActivation: 'sigmoid' }),
  ]),
  // TF.js's LSTM and GRU default to hard_sigmoid gates (the cases above); Deepwire's default is sigmoid.
  'LSTM and GRU with sigmoid gates': seq(() => [
    tf.layers.lstm({ units: 6, returnSequences: true, recurrentActivation: 'sigmoid', unitForgetBias: true }),
    tf.layers.gru({ units: 5, recurrentActivation: 'sigmoid' }),
  ]),
  'GRU reset_after with hard_sigmoid gates': seq(() => [
    new ResetAfterGRU({ units: 5, recurrentActivation: 'hardSigmoid' }),
  ]),
  Bidirectional: seq(() => [tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 5 }) as tf.RNN })]),
  // Training-time augmentations: seeded draws, so both backends move the images alike; the gradient reaches
  // the convolution before them through the weighted gathers (and tf.reverse).
  'RandomFlip, RandomRotation (after a convolution)': img(() => [
    conv(),
    new RandomFlip({ mode: 'horizontal_and_vertical', seed: 3 }),
    new RandomRotation({ factor: 0.2, seed: 4 }),
  ]),
  'RandomTranslation (nearest, constant), RandomZoom (wrap)': img(() => [
    conv(),
    new RandomTranslation({
      heightFactor: 0.2,
      widthFactor: 0.1,
      interpolation: 'nearest',
      fillMode: 'constant',
      seed: 5,
    }),
    new RandomZoom({ heightFactor: 0.3, widthFactor: 0.1, fillMode: 'wrap', seed: 6 }),
  ]),
  Normalization: img(() => [conv(), new KerasNormalization({})]),
  MultiHeadAttention: seq(() => [
    new MultiHeadAttention({ numHeads: 2, keyDim: 3, valueDim: 4, dropout: 0 }),
    tf.layers.globalAveragePooling1d({}),
  ]),
  TimeDistributed: seq(() => [
    tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 6, activation: 'tanh' }) }),
    tf.layers.globalAveragePooling1d({}),
  ]),
  'Bidirectional GRU reset_after': seq(() => [
    tf.layers.bidirectional({
      layer: new ResetAfterGRU({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true }),
      mergeMode: 'concat',
    }),
    tf.layers.globalAveragePooling1d({}),
  ]),
  Embedding: () => {
    const m = tf.sequential();
    m.add(tf.layers.embedding({ inputDim: 20, outputDim: 4, inputLength: 6 }));
    m.add(tf.layers.flatten());
    m.add(tf.layers.dense({ units: 4, activation: 'softmax' }));
    return m;
  },
};
for (const a of ACTIVATIONS.filter((a) => a !== 'leaky_relu'))
  CASES[`Activation ${a}`] = img(() => [conv(), tf.layers.activation({ activation: tfActivation(a) })]);

async function gradients(backend: 'wasm' | 'cpu', name: string, build: Build): Promise<Float32Array[]> {
  await initBackend(backend);
  const m = build();
  m.layers.forEach((l, i) =>
    l.setWeights(
      l.getWeights().map((w, j) =>
        // Variances stay positive (Normalization's; BatchNormalization's moving variance is not used in training).
        l.weights[j].originalName.endsWith('/variance')
          ? tf.randomUniform(w.shape, 0.5, 1.5, 'float32', 100 + 10 * i + j)
          : tf.randomUniform(w.shape, -0.5, 0.5, 'float32', 100 + 10 * i + j),
      ),
    ),
  );
  const shape = [3, ...(m.inputs[0].shape.slice(1) as number[])];
  const x =
    name === 'Embedding' ? tf.randomUniform(shape, 0, 20, 'int32', 5) : tf.randomUniform(shape, -1, 1, 'float32', 5);
  const y = tf.oneHot(tf.tensor1d([0, 1, 3], 'int32'), 4);
  const vars = m.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, m.apply(x, { training: true }) as tf.Tensor) as tf.Scalar,
    vars,
  );
  const out = vars.map((v) => grads[v.name].dataSync() as Float32Array);
  tf.dispose([x, y, ...Object.values(grads)]);
  m.dispose();
  return out;
}

describe('every catalog layer trains on wasm + kernel pack like on cpu', () => {
  it.each(Object.entries(CASES))('%s', async (name, build) => {
    const wasm = await gradients('wasm', name, build);
    const cpu = await gradients('cpu', name, build);
    expect(wasm.length).toBe(cpu.length);
    let num = 0;
    let den = 0;
    cpu.forEach((c, i) =>
      c.forEach((v, j) => ((num = Math.max(num, Math.abs(v - wasm[i][j]))), (den = Math.max(den, Math.abs(v))))),
    );
    expect(num / den).toBeLessThan(1e-4);
  });
});
