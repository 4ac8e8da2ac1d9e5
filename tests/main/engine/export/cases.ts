/** Hand-built graphs covering every layer kind and every option that changes the arithmetic (shared by the export tests). */
import { ACTIVATIONS } from '../../../../src/shared/layers/types.js';
import { GraphBuilder, layer, type LayerDef } from '../../../../src/shared/project/builder.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';

export function chain(...defs: LayerDef[]): GraphDoc {
  const b = new GraphBuilder();
  b.chain(null, ...defs);
  return b.build();
}

const image = () => layer('Input', { shape: [9, 8, 3] });
const sequence = () => layer('Input', { shape: [5, 3] });

export const CASES: [string, GraphDoc][] = [
  [
    'Dense',
    chain(
      layer('Input', { shape: [5] }),
      layer('Dense', { units: 4, activation: 'tanh' }),
      layer('Dense', { units: 3, useBias: false, activation: 'linear' }),
    ),
  ],
  ['Dense on a sequence', chain(sequence(), layer('Dense', { units: 4 }))],
  [
    'Conv2D same stride 2',
    chain(
      image(),
      layer('Conv2D', { filters: 4, strides: [2, 2], padding: 'same', activation: 'linear' }),
      layer('Flatten'),
    ),
  ],
  [
    'Conv2D even kernel same stride 2',
    chain(
      image(),
      layer('Conv2D', { filters: 4, kernelSize: [4, 4], strides: [2, 2], padding: 'same', useBias: false }),
    ),
  ],
  [
    'Conv2D valid dilated',
    chain(image(), layer('Conv2D', { filters: 4, kernelSize: [3, 2], dilationRate: [2, 2], activation: 'elu' })),
  ],
  [
    'Conv2D same stride (1, 3)',
    chain(image(), layer('Conv2D', { filters: 2, kernelSize: [2, 5], strides: [1, 3], padding: 'same' })),
  ],
  [
    'Conv2DTranspose same 5x5/2',
    chain(image(), layer('Conv2DTranspose', { filters: 2, kernelSize: [5, 5], strides: [2, 2], activation: 'linear' })),
  ],
  [
    'Conv2DTranspose same 4x3/2',
    chain(image(), layer('Conv2DTranspose', { filters: 2, kernelSize: [4, 3], strides: [2, 2], useBias: false })),
  ],
  [
    'Conv2DTranspose valid 3x3/2',
    chain(image(), layer('Conv2DTranspose', { filters: 2, kernelSize: [3, 3], padding: 'valid' })),
  ],
  [
    'Conv2DTranspose valid kernel < stride',
    chain(
      image(),
      layer('Conv2DTranspose', {
        filters: 2,
        kernelSize: [2, 1],
        strides: [3, 3],
        padding: 'valid',
        activation: 'linear',
      }),
    ),
  ],
  [
    'Conv2DTranspose same kernel < stride',
    chain(image(), layer('Conv2DTranspose', { filters: 2, kernelSize: [2, 2], strides: [3, 3], activation: 'linear' })),
  ],
  [
    'MaxPooling2D same 3x3/2',
    chain(image(), layer('MaxPooling2D', { poolSize: [3, 3], strides: [2, 2], padding: 'same' })),
  ],
  ['MaxPooling2D valid', chain(image(), layer('MaxPooling2D'))],
  [
    'AveragePooling2D same 3x3/2 (padding not counted)',
    chain(image(), layer('AveragePooling2D', { poolSize: [3, 3], strides: [2, 2], padding: 'same' })),
  ],
  ['AveragePooling2D valid 2x2/1', chain(image(), layer('AveragePooling2D', { poolSize: [2, 2], strides: [1, 1] }))],
  ['GlobalAveragePooling2D', chain(image(), layer('GlobalAveragePooling2D'))],
  ['GlobalMaxPooling2D', chain(image(), layer('GlobalMaxPooling2D'))],
  ['UpSampling2D nearest', chain(image(), layer('UpSampling2D', { size: [2, 3] }))],
  ['UpSampling2D bilinear', chain(image(), layer('UpSampling2D', { size: [2, 3], interpolation: 'bilinear' }))],
  ['BatchNormalization on images', chain(image(), layer('BatchNormalization'))],
  [
    'BatchNormalization on vectors, no beta',
    chain(layer('Input', { shape: [6] }), layer('BatchNormalization', { center: false })),
  ],
  ['BatchNormalization on sequences, no gamma', chain(sequence(), layer('BatchNormalization', { scale: false }))],
  ['LayerNormalization on images', chain(image(), layer('LayerNormalization'))],
  ['InstanceNormalization', chain(image(), layer('InstanceNormalization'))],
  ['InstanceNormalization, no gamma', chain(image(), layer('InstanceNormalization', { scale: false, epsilon: 1e-5 }))],
  [
    'ReflectionPadding2D + Conv2D',
    chain(
      image(),
      layer('ReflectionPadding2D', { padding: [1, 2, 2, 0] }),
      layer('Conv2D', { filters: 3, kernelSize: [3, 3] }),
    ),
  ],
  [
    'ZeroPadding2D + Conv2D stride 2',
    chain(
      image(),
      layer('ZeroPadding2D', { padding: [0, 1, 2, 1] }),
      layer('Conv2D', { filters: 3, kernelSize: [3, 3], strides: [2, 2] }),
    ),
  ],
  [
    'DepthwiseConv2D same stride 2, multiplier 2',
    chain(
      image(),
      layer('DepthwiseConv2D', { kernelSize: [3, 3], strides: [2, 2], padding: 'same', depthMultiplier: 2 }),
    ),
  ],
  [
    'DepthwiseConv2D valid, no bias, relu',
    chain(image(), layer('DepthwiseConv2D', { kernelSize: [2, 3], useBias: false, activation: 'relu' })),
  ],
  [
    'Rescaling, then training-only noise and dropout (identities when exported)',
    chain(
      image(),
      layer('Rescaling', { scale: 1 / 127.5, offset: -1 }),
      layer('GaussianNoise', { stddev: 0.3 }),
      layer('GaussianDropout', { rate: 0.2 }),
      layer('SpatialDropout2D', { rate: 0.5 }),
      layer('Reshape', { targetShape: [72, 3] }),
      layer('SpatialDropout1D', { rate: 0.5 }),
    ),
  ],
  [
    'random augmentations (identities when exported) and Normalization of images',
    chain(
      image(),
      layer('RandomFlip', { mode: 'horizontal' }),
      layer('RandomRotation', { factor: 0.2, fillMode: 'constant', fillValue: 0.5 }),
      layer('RandomTranslation', { heightFactor: 0.1, widthFactor: 0.2, interpolation: 'nearest' }),
      layer('RandomZoom', { heightFactor: 0.3, widthFactor: 0.1, fillMode: 'wrap' }),
      layer('Normalization'),
    ),
  ],
  [
    'Normalization of vectors',
    chain(layer('Input', { shape: [6] }), layer('Normalization'), layer('Dense', { units: 2 })),
  ],
  ['Normalization of sequences', chain(sequence(), layer('Normalization'))],
  ['UpSampling1D', chain(sequence(), layer('UpSampling1D', { size: 3 }))],
  ['Cropping2D', chain(image(), layer('Cropping2D', { cropping: [2, 0, 1, 3] }))],
  [
    'RepeatVector into an LSTM',
    chain(layer('Input', { shape: [5] }), layer('RepeatVector', { n: 4 }), layer('LSTM', { units: 3 })),
  ],
  ['Permute of an image (3, 1, 2)', chain(image(), layer('Permute', { dims: [3, 1, 2] }))],
  [
    'Permute of a sequence into a Conv1D',
    chain(sequence(), layer('Permute', { dims: [2, 1] }), layer('Conv1D', { filters: 2, kernelSize: 2 })),
  ],
  [
    'SeparableConv2D same stride 2, multiplier 2, relu',
    chain(image(), layer('SeparableConv2D', { filters: 4, strides: [2, 2], padding: 'same', depthMultiplier: 2 })),
  ],
  [
    'SeparableConv2D valid, no bias, leaky_relu',
    chain(
      image(),
      layer('SeparableConv2D', { filters: 3, kernelSize: [2, 3], useBias: false, activation: 'leaky_relu' }),
    ),
  ],
  ['PReLU per value on images', chain(image(), layer('PReLU'))],
  ['PReLU per channel (shared axes 1, 2) on images', chain(image(), layer('PReLU', { sharedAxes: '1,2' }))],
  ['PReLU shared over time on a sequence', chain(sequence(), layer('PReLU', { sharedAxes: '1' }))],
  ['ELU alpha 0.5 on images', chain(image(), layer('ELU', { alpha: 0.5 }))],
  ['Softmax over image rows (axis 1)', chain(image(), layer('Softmax', { axis: 1 }))],
  [
    'Softmax over time (axis -2) of a sequence',
    chain(layer('Input', { shape: [5, 3] }), layer('Softmax', { axis: -2 })),
  ],
  ['ReLU6 on images', chain(image(), layer('ReLU', { maxValue: 6 }))],
  [
    'ReLU with slope, threshold and cap on vectors',
    chain(layer('Input', { shape: [7] }), layer('ReLU', { maxValue: 0.4, negativeSlope: 0.3, threshold: -0.1 })),
  ],
  [
    'Conv1D same stride 2 + MaxPooling1D valid',
    chain(
      layer('Input', { shape: [11, 3] }),
      layer('Conv1D', { filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'elu' }),
      layer('MaxPooling1D', { poolSize: 2, strides: 2 }),
    ),
  ],
  [
    'Conv1D valid dilated, no bias + AveragePooling1D same',
    chain(
      layer('Input', { shape: [11, 3] }),
      layer('Conv1D', { filters: 4, kernelSize: 3, dilationRate: 2, useBias: false, activation: 'leaky_relu' }),
      layer('AveragePooling1D', { poolSize: 3, strides: 2, padding: 'same' }),
    ),
  ],
  ['MaxPooling1D same 3/2', chain(sequence(), layer('MaxPooling1D', { poolSize: 3, strides: 2, padding: 'same' }))],
  ['GlobalAveragePooling1D', chain(sequence(), layer('GlobalAveragePooling1D'))],
  ['GlobalMaxPooling1D', chain(sequence(), layer('GlobalMaxPooling1D'))],
  ['LayerNormalization on sequences, no beta', chain(sequence(), layer('LayerNormalization', { center: false }))],
  [
    'Flatten keeps NHWC order',
    chain(image(), layer('Conv2D', { filters: 2, kernelSize: [2, 2] }), layer('Flatten'), layer('Dense', { units: 3 })),
  ],
  [
    'Reshape with -1, images both ways',
    chain(
      image(),
      layer('Reshape', { targetShape: [12, -1, 3] }),
      layer('Conv2D', { filters: 2, kernelSize: [1, 1] }),
      layer('Reshape', { targetShape: [-1, 4] }),
    ),
  ],
  ['Dropout is the identity', chain(image(), layer('Dropout', { rate: 0.5 }), layer('Flatten'))],
  [
    'Embedding',
    chain(
      layer('Input', { shape: [7], dtype: 'int32' }),
      layer('Embedding', { inputDim: 10, outputDim: 4 }),
      layer('Flatten'),
    ),
  ],
  [
    'Embedding + LSTM',
    chain(
      layer('Input', { shape: [7], dtype: 'int32' }),
      layer('Embedding', { inputDim: 10, outputDim: 4 }),
      layer('LSTM', { units: 3 }),
    ),
  ],
  [
    "images of None × None: 'same' convolution and pooling of stride 1, 'valid' of stride 2",
    chain(
      layer('Input', { shape: [null, null, 3] }),
      layer('Conv2D', { filters: 4, kernelSize: [3, 3], padding: 'same' }),
      layer('MaxPooling2D', { poolSize: [2, 2], strides: [2, 2] }),
      layer('Conv2DTranspose', { filters: 2, kernelSize: [2, 2], strides: [2, 2], padding: 'same' }),
    ),
  ],
  [
    'Embedding + LSTM + Conv1D over a time dimension of None',
    chain(
      layer('Input', { shape: [null], dtype: 'int32' }),
      layer('Embedding', { inputDim: 10, outputDim: 4 }),
      layer('Conv1D', { filters: 5, kernelSize: 3, padding: 'same' }),
      layer('LSTM', { units: 3, returnSequences: true }),
      layer('GlobalMaxPooling1D'),
    ),
  ],
  ...ACTIVATIONS.map((a): [string, GraphDoc] => [
    `Activation ${a} on images`,
    chain(image(), layer('Activation', { activation: a, alpha: 0.3 })),
  ]),
  ...ACTIVATIONS.map((a): [string, GraphDoc] => [
    `Dense activation ${a}`,
    chain(layer('Input', { shape: [5] }), layer('Dense', { units: 4, activation: a })),
  ]),
  ...ACTIVATIONS.map((a): [string, GraphDoc] => [
    `Conv2D activation ${a}`,
    chain(image(), layer('Conv2D', { filters: 3, activation: a })),
  ]),
];

for (const cell of ['SimpleRNN', 'LSTM', 'GRU'] as const) {
  for (const returnSequences of [false, true])
    CASES.push([
      `${cell} returnSequences ${returnSequences}`,
      chain(sequence(), layer(cell, { units: 4, returnSequences })),
    ]);
  for (const activation of ['relu', 'linear', 'elu', 'sigmoid'] as const) {
    CASES.push([
      `${cell} activation ${activation}`,
      chain(sequence(), layer(cell, { units: 4, activation, useBias: activation !== 'relu' })),
    ]);
  }
  for (const mergeMode of ['concat', 'sum', 'mul', 'ave'] as const) {
    for (const returnSequences of [false, true]) {
      CASES.push([
        `Bidirectional ${cell} ${mergeMode} returnSequences ${returnSequences}`,
        chain(sequence(), layer('Bidirectional', { cell, units: 4, mergeMode, returnSequences })),
      ]);
    }
  }
}
function attention(): GraphDoc {
  const b = new GraphBuilder();
  const x = b.chain(null, sequence(), layer('Dense', { units: 6, activation: 'tanh' }));
  const self = b.chain(x, layer('MultiHeadAttention', { numHeads: 2, keyDim: 3 }));
  const other = b.chain(null, layer('Input', { shape: [4, 2] }));
  const cross = b.add(layer('MultiHeadAttention', { numHeads: 3, keyDim: 2, valueDim: 4, outputDim: 5 }), [
    self,
    other,
  ]);
  b.chain(cross, layer('MultiHeadAttention', { numHeads: 1, keyDim: 4, useBias: false }), layer('Flatten'));
  return b.build();
}

CASES.push(
  ['MultiHeadAttention self, cross and without bias', attention()],
  [
    'TimeDistributed Dense tagger',
    chain(
      sequence(),
      layer('Bidirectional', { cell: 'LSTM', units: 4, returnSequences: true }),
      layer('TimeDistributed', { units: 5, activation: 'softmax' }),
    ),
  ],
  [
    'TimeDistributed Dense leaky_relu no bias',
    chain(sequence(), layer('TimeDistributed', { units: 4, activation: 'leaky_relu', useBias: false })),
  ],
);
for (const returnSequences of [false, true]) {
  CASES.push([
    `Bidirectional GRU resetAfter false returnSequences ${returnSequences}`,
    chain(sequence(), layer('Bidirectional', { cell: 'GRU', units: 4, resetAfter: false, returnSequences })),
  ]);
}

function branches(): GraphDoc {
  const b = new GraphBuilder();
  const x = b.chain(null, image());
  const left = b.chain(x, layer('Conv2D', { filters: 4, padding: 'same' }));
  const right = b.chain(
    x,
    layer('Conv2D', { filters: 4, kernelSize: [1, 1] }),
    layer('UpSampling2D', { size: [1, 1] }),
  );
  const sum = b.add(layer('Add'), [
    left,
    right,
    b.chain(x, layer('Conv2D', { filters: 4, kernelSize: [5, 5], padding: 'same' })),
  ]);
  const cat = b.add(layer('Concatenate'), [sum, x]);
  const v1 = b.chain(cat, layer('GlobalAveragePooling2D'));
  const v2 = b.chain(cat, layer('Flatten'), layer('Dense', { units: 5 }));
  const v = b.add(layer('Concatenate'), [v1, v2]);
  b.chain(v, layer('Dense', { units: 3, activation: 'softmax' }));
  return b.build();
}

/** Every element-wise merge on three (Subtract: two) branches of an image. */
// hard_sigmoid gates (Keras 2's and TF.js's clip(0.2·x + 0.5, 0, 1)) in every recurrent cell with gates.
for (const cell of ['LSTM', 'GRU'] as const)
  CASES.push([
    `${cell} hard_sigmoid gates`,
    chain(sequence(), layer(cell, { units: 4, returnSequences: true, recurrentActivation: 'hard_sigmoid' })),
  ]);
CASES.push(
  [
    'GRU resetAfter false, hard_sigmoid gates and activation',
    chain(
      sequence(),
      layer('GRU', { units: 3, resetAfter: false, activation: 'hard_sigmoid', recurrentActivation: 'hard_sigmoid' }),
    ),
  ],
  [
    'Bidirectional LSTM hard_sigmoid gates',
    chain(sequence(), layer('Bidirectional', { cell: 'LSTM', units: 3, recurrentActivation: 'hard_sigmoid' })),
  ],
);

// GRU defaults to Keras's reset_after=True; the TF.js variant exports too.
for (const useBias of [true, false])
  CASES.push([
    `GRU resetAfter false useBias ${useBias}`,
    chain(sequence(), layer('GRU', { units: 4, returnSequences: true, resetAfter: false, useBias })),
  ]);

function elementwiseMerges(): [string, GraphDoc][] {
  return (['Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'] as const).map((kind) => {
    const b = new GraphBuilder();
    const x = b.chain(null, image());
    const branches = [1, 2, 3]
      .slice(0, kind === 'Subtract' ? 2 : 3)
      .map((k) => b.chain(x, layer('Conv2D', { filters: 2, kernelSize: [k, k], padding: 'same', activation: 'tanh' })));
    b.add(layer(kind), branches);
    return [`${kind} of branches`, b.build()];
  });
}

/** Squeeze-and-excitation style: an (H, W, C) image merged with (1, 1, C) channel weights, broadcast as Keras does. */
function broadcastMerges(): [string, GraphDoc][] {
  return (['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'] as const).map((kind) => {
    const b = new GraphBuilder();
    const x = b.chain(null, image(), layer('Conv2D', { filters: 4, kernelSize: [3, 3], activation: 'tanh' }));
    const weights = b.chain(
      x,
      layer('GlobalAveragePooling2D'),
      layer('Reshape', { targetShape: [1, 1, 4] }),
      layer('Conv2D', { filters: 4, kernelSize: [1, 1], activation: 'sigmoid' }),
    );
    b.add(layer(kind), [x, weights]);
    return [`${kind} broadcasting (1, 1, C) over (H, W, C)`, b.build()];
  });
}

function sequenceMerge(): GraphDoc {
  const b = new GraphBuilder();
  const x = b.chain(null, sequence());
  const a = b.chain(x, layer('GRU', { units: 4, returnSequences: true }));
  const c = b.add(layer('Concatenate'), [a, b.chain(x, layer('Dense', { units: 2 }))]);
  b.chain(c, layer('LSTM', { units: 3 }));
  return b.build();
}

CASES.push(
  ['Add and Concatenate of image branches, vector Concatenate', branches()],
  ['Concatenate of sequences', sequenceMerge()],
  ...elementwiseMerges(),
  ...broadcastMerges(),
);
