/**
 * Every layer kind against TF.js itself: the output shape and the trainable /
 * non-trainable weight counts of a real tf.LayersModel, over several param
 * settings per kind.
 */
import { describe, expect, it } from 'vitest';
import { LAYER_KINDS, type LayerKind, type ParamsOf } from '../../../src/shared/layers/params.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { GraphBuilder } from '../shape/build.js';
import { buildTf, disposeTf } from './tf-oracle.js';

interface Case<K extends LayerKind = LayerKind> {
  kind: K;
  inputs: readonly (readonly number[])[];
  params: Partial<ParamsOf<K>>;
  int?: boolean;
}
const c = <K extends LayerKind>(
  kind: K,
  inputs: readonly (readonly number[])[],
  params: Partial<ParamsOf<K>> = {},
  int = false,
): Case => ({ kind, inputs, params, int }) as unknown as Case;

const img = [12, 12, 3];
const CASES: Case[] = [
  c('Dense', [[20]], { units: 7 }),
  c('Dense', [[20]], { units: 7, useBias: false, activation: 'leaky_relu' }),
  c('Dense', [[5, 6]], { units: 4, activation: 'softmax' }),
  c('Conv2D', [[28, 28, 1]], { filters: 32, kernelSize: [3, 3] }),
  c('Conv2D', [[28, 28, 3]], { filters: 8, kernelSize: [5, 5], strides: [2, 2], padding: 'same' }),
  c('Conv2D', [[15, 17, 2]], { filters: 4, kernelSize: [4, 4], strides: [3, 3], padding: 'valid', useBias: false }),
  c('Conv2D', [[15, 17, 2]], {
    filters: 4,
    kernelSize: [3, 3],
    strides: [2, 2],
    padding: 'same',
    activation: 'leaky_relu',
  }),
  c('Conv2D', [[20, 20, 2]], { filters: 5, kernelSize: [3, 3], dilationRate: [2, 2], padding: 'valid' }),
  c('Conv2D', [[20, 21, 2]], { filters: 5, kernelSize: [3, 2], dilationRate: [2, 3], padding: 'same' }),
  c('Conv2D', [[11, 13, 1]], { filters: 3, kernelSize: [3, 5], strides: [2, 1], padding: 'valid' }),
  c('Conv2DTranspose', [[7, 7, 16]], { filters: 8, kernelSize: [3, 3], strides: [2, 2], padding: 'same' }),
  c('Conv2DTranspose', [[7, 7, 16]], { filters: 8, kernelSize: [4, 4], strides: [2, 2], padding: 'valid' }),
  c('Conv2DTranspose', [[5, 6, 2]], {
    filters: 3,
    kernelSize: [1, 1],
    strides: [3, 3],
    padding: 'valid',
    useBias: false,
  }),
  c('Conv2DTranspose', [[5, 6, 2]], { filters: 3, kernelSize: [3, 5], strides: [1, 2], padding: 'valid' }),
  c('MaxPooling2D', [img]),
  c('MaxPooling2D', [[15, 15, 2]], { poolSize: [3, 3], strides: [2, 2], padding: 'same' }),
  c('MaxPooling2D', [[15, 16, 2]], { poolSize: [2, 3], strides: [1, 2], padding: 'valid' }),
  c('AveragePooling2D', [img]),
  c('AveragePooling2D', [[15, 15, 2]], { poolSize: [3, 3], strides: [2, 2], padding: 'same' }),
  c('AveragePooling2D', [[9, 16, 2]], { poolSize: [3, 2], strides: [3, 1], padding: 'valid' }),
  c('GlobalAveragePooling2D', [[9, 7, 5]]),
  c('GlobalMaxPooling2D', [[9, 7, 5]]),
  c('UpSampling2D', [[4, 5, 3]], { size: [2, 3] }),
  c('UpSampling2D', [[4, 5, 3]], { size: [2, 2], interpolation: 'bilinear' }),
  c('Flatten', [[4, 5, 3]]),
  c('Flatten', [[6, 4]]),
  c('Reshape', [[784]], { targetShape: [7, 7, 16] }),
  c('Reshape', [[12]], { targetShape: [-1, 3] }),
  c('Reshape', [[4, 6, 2]], { targetShape: [-1] }),
  c('Reshape', [[2, 3, 4]], { targetShape: [4, -1, 2] }),
  c('Dropout', [[10]], { rate: 0.3 }),
  c('Dropout', [[4, 4, 2]]),
  c('BatchNormalization', [[10]]),
  c('BatchNormalization', [[4, 4, 3]], { center: false }),
  c('BatchNormalization', [[5, 6]], { scale: false }),
  c('InstanceNormalization', [[6, 5, 3]]),
  c('InstanceNormalization', [[8, 8, 16]], { center: false }),
  c('InstanceNormalization', [[4, 4, 2]], { scale: false, center: false }),
  c('ReflectionPadding2D', [[5, 6, 3]], { padding: [1, 2, 3, 0] }),
  c('ReflectionPadding2D', [[28, 28, 1]]),
  c('ZeroPadding2D', [[5, 6, 3]], { padding: [1, 2, 3, 0] }),
  c('ZeroPadding2D', [[224, 224, 3]]),
  c('Cropping2D', [[9, 8, 3]], { cropping: [2, 0, 1, 3] }),
  c('RepeatVector', [[6]], { n: 4 }),
  c('UpSampling1D', [[5, 3]], { size: 3 }),
  c('Conv1D', [[100, 64]]),
  c('GaussianNoise', [[10]]),
  c('GaussianDropout', [[4, 4, 2]]),
  c('SpatialDropout1D', [[12, 7]]),
  c('SpatialDropout2D', [[6, 6, 3]]),
  c('Rescaling', [[8, 8, 3]], { scale: 2, offset: -1 }),
  c('RandomFlip', [[8, 8, 3]], { mode: 'horizontal' }),
  c('RandomRotation', [img], { factor: 0.25, fillMode: 'constant' }),
  c('RandomTranslation', [img], { heightFactor: 0.2, widthFactor: 0.1 }),
  c('RandomZoom', [img], { heightFactor: 0.2 }),
  c('Normalization', [[9]]),
  c('Normalization', [[5, 7]]),
  c('Normalization', [img]),
  c('Subtract', [img, img]),
  c('Multiply', [img, img, img]),
  c('Average', [img, img, img]),
  c('Maximum', [img, img, img]),
  c('Minimum', [img, img, img]),
  c('ReLU', [[8, 8, 3]], { maxValue: 6 }),
  c('ReLU', [[5]], { negativeSlope: 0.1, threshold: 0.5 }),
  c('Permute', [[6, 4]]),
  c('Permute', [[5, 4, 3]], { dims: [3, 1, 2] }),
  c('SeparableConv2D', [[32, 32, 16]]),
  c('SeparableConv2D', [[9, 9, 3]], {
    filters: 5,
    depthMultiplier: 2,
    strides: [2, 2],
    padding: 'same',
    useBias: false,
  }),
  c('SeparableConv2D', [[9, 8, 4]], { filters: 3, kernelSize: [3, 2], activation: 'leaky_relu' }),
  c('PReLU', [[8, 8, 3]]),
  c('PReLU', [[16, 16, 32]], { sharedAxes: '1,2' }),
  c('PReLU', [[10, 6]], { sharedAxes: '1' }),
  c('ELU', [[8, 8, 3]], { alpha: 0.5 }),
  c('Softmax', [[6, 4]], { axis: 1 }),
  c('Softmax', [[5, 5, 3]], { axis: -2 }),
  c('DepthwiseConv2D', [[112, 112, 32]]),
  c('DepthwiseConv2D', [[9, 9, 3]], { depthMultiplier: 2, strides: [2, 2], padding: 'same', useBias: false }),
  c('DepthwiseConv2D', [[9, 9, 3]], { kernelSize: [3, 2], activation: 'leaky_relu' }),
  c('Conv1D', [[20, 8]], { filters: 5, kernelSize: 4, strides: 3, padding: 'same', useBias: false }),
  c('Conv1D', [[20, 8]], { kernelSize: 3, dilationRate: 2, activation: 'leaky_relu' }),
  c('MaxPooling1D', [[21, 4]]),
  c('MaxPooling1D', [[21, 4]], { poolSize: 3, strides: 1, padding: 'same' }),
  c('AveragePooling1D', [[9, 2]], { poolSize: 4, strides: 2 }),
  c('GlobalAveragePooling1D', [[12, 7]]),
  c('GlobalMaxPooling1D', [[12, 7]]),
  c('LayerNormalization', [[10]]),
  c('LayerNormalization', [[4, 4, 3]], { center: false }),
  c('LayerNormalization', [[5, 6]], { scale: false, center: false }),
  ...(['linear', 'relu', 'elu', 'selu', 'sigmoid', 'tanh', 'softmax', 'gelu', 'swish'] as const).map((a) =>
    c('Activation', [[3, 4]], { activation: a }),
  ),
  c('Activation', [[3, 4]], { activation: 'leaky_relu', alpha: 0.1 }),
  c('Add', [img, img]),
  c('Add', [[10], [10], [10]]),
  c('Concatenate', [
    [4, 4, 3],
    [4, 4, 5],
  ]),
  c('Concatenate', [[10], [3], [2]]),
  c('Concatenate', [
    [5, 3],
    [5, 4],
  ]),
  ...(['SimpleRNN', 'LSTM', 'GRU'] as const).flatMap((k) => [
    c(k, [[10, 1]], { units: 100 }),
    c(k, [[7, 3]], { units: 5, returnSequences: true }),
    c(k, [[7, 3]], { units: 6, useBias: false, activation: 'relu', dropout: 0.2 }),
  ]),
  c('GRU', [[7, 3]], { units: 5, resetAfter: false }),
  c('GRU', [[7, 3]], { units: 6, resetAfter: false, useBias: false, returnSequences: true }),
  ...(['SimpleRNN', 'LSTM', 'GRU'] as const).flatMap((cell) =>
    (['concat', 'sum', 'mul', 'ave'] as const).map((mergeMode, i) =>
      c('Bidirectional', [[6, 4]], { cell, mergeMode, units: 3 + i, returnSequences: i % 2 === 0 }),
    ),
  ),
  c('Bidirectional', [[6, 4]], { cell: 'GRU', units: 5, resetAfter: false }),
  c('TimeDistributed', [[40, 512]], { units: 27 }),
  c('MultiHeadAttention', [[200, 32]], { numHeads: 2, keyDim: 32 }),
  c(
    'MultiHeadAttention',
    [
      [6, 8],
      [4, 5],
    ],
    { numHeads: 3, keyDim: 4, valueDim: 6, outputDim: 7 },
  ),
  c(
    'MultiHeadAttention',
    [
      [6, 8],
      [6, 8],
    ],
    { numHeads: 1, keyDim: 2, useBias: false },
  ),
  c('TimeDistributed', [[6, 4]], { units: 5, useBias: false, activation: 'leaky_relu' }),
  c('TimeDistributed', [[6, 4]], { units: 3, activation: 'softmax' }),
  c('Bidirectional', [[6, 4]], { cell: 'GRU', units: 3, resetAfter: false, mergeMode: 'sum', returnSequences: true }),
  c('Embedding', [[12]], { inputDim: 50, outputDim: 8 }, true),
  c('Embedding', [[3]], { inputDim: 1000, outputDim: 64 }, true),
];

function graphOf(k: Case) {
  const g = new GraphBuilder();
  const ins = k.inputs.map((shape) => g.add('Input', { shape: [...shape], dtype: k.int ? 'int32' : 'float32' }));
  const id = g.add(k.kind, k.params as never, ...ins);
  return { doc: g.doc, id };
}

describe('every layer kind agrees with TF.js', () => {
  it('has cases for every kind', () => {
    const covered = new Set(CASES.map((k) => k.kind));
    expect(LAYER_KINDS.filter((k) => !covered.has(k) && k !== 'Input' && k !== 'Noise')).toEqual([]);
  });

  it.each(CASES.map((k) => [`${k.kind} ${JSON.stringify(k.params)} on ${JSON.stringify(k.inputs)}`, k] as const))(
    '%s',
    (_title, k) => {
      const { doc, id } = graphOf(k);
      const report = inferShapes(doc);
      expect(report.diagnostics).toEqual([]);
      const tfr = buildTf(doc);
      try {
        expect(report.nodes[id].shape).toEqual(tfr.shapes.get(id));
        expect(report.nodes[id].params).toEqual({ trainable: tfr.trainable, nonTrainable: tfr.nonTrainable });
        expect(report.totals.total).toBe(tfr.model.countParams());
      } finally {
        disposeTf(tfr);
      }
    },
  );

  it('gives sources the shape TF.js inputs have', () => {
    const g = new GraphBuilder();
    const noise = g.add('Noise', { size: 64 });
    const input = g.add('Input', { shape: [10, 3] });
    g.add('Dense', { units: 2 }, noise);
    g.add('Dense', { units: 2 }, input);
    const tfr = buildTf(g.doc);
    const r = inferShapes(g.doc);
    expect(r.nodes[noise].shape).toEqual(tfr.shapes.get(noise));
    expect(r.nodes[input].shape).toEqual(tfr.shapes.get(input));
    disposeTf(tfr);
  });

  it.each([
    ['Add of different shapes', c('Add', [[4], [5]])],
    [
      'Concatenate of different heights',
      c('Concatenate', [
        [4, 4, 1],
        [5, 4, 1],
      ]),
    ],
    ['Reshape to the wrong size', c('Reshape', [[10]], { targetShape: [3, 3] })],
    ['Reshape with -1 that does not divide', c('Reshape', [[10]], { targetShape: [-1, 3] })],
    ['LSTM on vectors', c('LSTM', [[10]])],
    ['Conv2D on a sequence', c('Conv2D', [[10, 3]])],
    ['MaxPooling2D on vectors', c('MaxPooling2D', [[10]])],
  ] as const)('rejects what TF.js rejects: %s', (_title, k) => {
    const { doc, id } = graphOf(k);
    const report = inferShapes(doc);
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => d.nodeId)).toEqual([id]);
    expect(() => buildTf(doc)).toThrow();
  });
});
