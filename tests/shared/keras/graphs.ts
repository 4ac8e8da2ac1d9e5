/**
 * Small graphs for the Keras interop tests: one per layer kind (with
 * non-default params, so a lost option shows), plus branched models.
 */
import type { GraphDoc, GraphNode, Group } from '../../../src/shared/graph/types.js';
import {
  ACTIVATIONS,
  LAYER_KINDS,
  defaultParams,
  type LayerKind,
  type ParamsOf,
} from '../../../src/shared/layers/index.js';

export class Builder {
  readonly doc: GraphDoc = { nodes: [], edges: [] };
  group?: Group;

  add<K extends LayerKind>(kind: K, name: string, params: Partial<ParamsOf<K>> = {}, ...inputs: string[]): string {
    const node = {
      id: `id_${name}`,
      name,
      kind,
      params: { ...defaultParams(kind), ...params },
      position: { x: 0, y: 0 },
    } as GraphNode;
    if (this.group) node.group = this.group;
    this.doc.nodes.push(node);
    inputs.forEach((source, port) =>
      this.doc.edges.push({ id: `e${this.doc.edges.length + 1}`, source, target: node.id, targetPort: port }),
    );
    return node.id;
  }
}

export interface Case {
  title: string;
  kinds: LayerKind[];
  graph: GraphDoc;
  /** TF.js can build it (every case but the ones TF.js 4.22 lacks support for). */
  tfjs: boolean;
}

const cases: Case[] = [];
function define(title: string, build: (b: Builder) => void, tfjs = true): void {
  const b = new Builder();
  build(b);
  cases.push({ title, kinds: [...new Set(b.doc.nodes.map((n) => n.kind))], graph: b.doc, tfjs });
}

define('Dense without bias, leaky_relu', (b) =>
  b.add('Dense', 'head', { units: 5, activation: 'leaky_relu', useBias: false }, b.add('Input', 'x', { shape: [12] })),
);
for (const activation of ACTIVATIONS) {
  define(`Dense ${activation}`, (b) =>
    b.add('Dense', `dense_${activation}`, { units: 3, activation }, b.add('Input', 'features', { shape: [6] })),
  );
}
define('Noise source', (b) =>
  b.add('Dense', 'g1', { units: 8, activation: 'tanh' }, b.add('Noise', 'z', { size: 16, distribution: 'uniform' })),
);
define('Conv2D dilated, same padding', (b) =>
  b.add(
    'Conv2D',
    'conv',
    {
      filters: 4,
      kernelSize: [3, 5],
      strides: [1, 1],
      padding: 'same',
      dilationRate: [2, 1],
      activation: 'elu',
      useBias: false,
    },
    b.add('Input', 'image', { shape: [16, 16, 3] }),
  ),
);
define('Conv2D strided, leaky_relu', (b) =>
  b.add(
    'Conv2D',
    'conv_s',
    { filters: 6, kernelSize: [4, 4], strides: [2, 2], padding: 'same', activation: 'leaky_relu' },
    b.add('Input', 'image', { shape: [28, 28, 1] }),
  ),
);
define('Conv2DTranspose', (b) =>
  b.add(
    'Conv2DTranspose',
    'deconv',
    { filters: 3, kernelSize: [3, 3], strides: [2, 2], padding: 'valid', activation: 'sigmoid' },
    b.add('Input', 'latent_map', { shape: [7, 7, 8] }),
  ),
);
define('poolings', (b) => {
  const x = b.add('Input', 'img', { shape: [17, 17, 2] });
  const m = b.add('MaxPooling2D', 'maxpool', { poolSize: [3, 3], strides: [2, 2], padding: 'same' }, x);
  const a = b.add('AveragePooling2D', 'avgpool', { poolSize: [2, 2], strides: [1, 1], padding: 'valid' }, m);
  b.add('GlobalAveragePooling2D', 'gap', {}, a);
});
define('global max pooling', (b) =>
  b.add('GlobalMaxPooling2D', 'gmp', {}, b.add('Input', 'img', { shape: [5, 5, 7] })),
);
define('UpSampling2D bilinear + Flatten', (b) => {
  const up = b.add(
    'UpSampling2D',
    'up',
    { size: [2, 3], interpolation: 'bilinear' },
    b.add('Input', 'img', { shape: [4, 4, 2] }),
  );
  b.add('Flatten', 'flat', {}, up);
});
define('Reshape', (b) =>
  b.add(
    'Reshape',
    'to_map',
    { targetShape: [4, 2, 3] },
    b.add('Dense', 'd', { units: 24 }, b.add('Input', 'v', { shape: [10] })),
  ),
);
define(
  'Reshape with -1',
  (b) => b.add('Reshape', 'to_seq', { targetShape: [4, -1] }, b.add('Input', 'v', { shape: [12] })),
  false,
);
define('Dropout, BatchNormalization', (b) => {
  const bn = b.add(
    'BatchNormalization',
    'bn',
    { momentum: 0.9, epsilon: 1e-5, center: false, scale: true },
    b.add('Input', 'img', { shape: [6, 6, 5] }),
  );
  b.add('Dropout', 'drop', { rate: 0.25 }, bn);
});
define('ReflectionPadding2D + InstanceNormalization (CycleGAN block)', (b) => {
  const pad = b.add(
    'ReflectionPadding2D',
    'mirror',
    { padding: [1, 2, 3, 0] },
    b.add('Input', 'img', { shape: [6, 6, 2] }),
  );
  return b.add('InstanceNormalization', 'inorm', { epsilon: 1e-5, center: true, scale: false }, pad);
});
define('ZeroPadding2D + Conv2D (MobileNet stem)', (b) => {
  const pad = b.add(
    'ZeroPadding2D',
    'stem_pad',
    { padding: [0, 1, 0, 1] },
    b.add('Input', 'img', { shape: [8, 8, 3] }),
  );
  return b.add('Conv2D', 'stem_conv', { filters: 4, kernelSize: [3, 3], strides: [2, 2] }, pad);
});
define('MobileNet block: DepthwiseConv2D + BatchNormalization + pointwise Conv2D', (b) => {
  const x = b.add('Input', 'img', { shape: [10, 10, 4] });
  const dw = b.add(
    'DepthwiseConv2D',
    'dw',
    { strides: [2, 2], padding: 'same', useBias: false, depthMultiplier: 2 },
    x,
  );
  const bn = b.add('BatchNormalization', 'dw_bn', {}, dw);
  const relu6 = b.add('ReLU', 'dw_relu', { maxValue: 6 }, bn);
  return b.add('Conv2D', 'pw', { filters: 6, kernelSize: [1, 1], activation: 'relu' }, relu6);
});
define('Element-wise merges: Subtract, Multiply, Average, Maximum, Minimum', (b) => {
  const x = b.add('Input', 'img', { shape: [6, 6, 2] });
  const a = b.add('Conv2D', 'a', { filters: 3, padding: 'same' }, x);
  const c = b.add('Conv2D', 'c', { filters: 3, kernelSize: [1, 1] }, x);
  const diff = b.add('Subtract', 'diff', {}, a, c);
  const prod = b.add('Multiply', 'prod', {}, a, c, diff);
  const mean = b.add('Average', 'mean', {}, prod, a);
  const hi = b.add('Maximum', 'hi', {}, mean, c);
  return b.add('Minimum', 'lo', {}, hi, diff);
});
define('Rescaling and training-only noise (GaussianNoise, GaussianDropout, SpatialDropout1D/2D)', (b) => {
  const x = b.add('Input', 'img', { shape: [6, 6, 3] });
  const r = b.add('Rescaling', 'rescale', { scale: 1 / 255, offset: 0.5 }, x);
  const n = b.add('GaussianNoise', 'noise', { stddev: 0.2 }, r);
  const d = b.add('GaussianDropout', 'gdrop', { rate: 0.3 }, n);
  const s = b.add('SpatialDropout2D', 'sdrop', { rate: 0.25 }, d);
  const seq = b.add('Reshape', 'rows', { targetShape: [36, 3] }, s);
  return b.add('SpatialDropout1D', 'sdrop1d', { rate: 0.1 }, seq);
});
define(
  'SeparableConv2D (multiplier 1 and 2)',
  (b) => {
    const x = b.add('Input', 'img', { shape: [12, 12, 3] });
    const s1 = b.add('SeparableConv2D', 'sep1', { filters: 8, padding: 'same' }, x);
    return b.add(
      'SeparableConv2D',
      'sep2',
      { filters: 4, kernelSize: [3, 2], strides: [2, 2], depthMultiplier: 2, activation: 'linear', useBias: false },
      s1,
    );
  },
  false,
); // TF.js reads depth_multiplier but its toJSON drops it, so its own round trip loses a multiplier of 2
define('SeparableConv2D as TF.js writes it (multiplier 1)', (b) =>
  b.add('SeparableConv2D', 'sep', { filters: 6, strides: [2, 2] }, b.add('Input', 'img', { shape: [9, 9, 2] })),
);
define('Permute of an image and of a sequence', (b) => {
  const x = b.add('Input', 'img', { shape: [5, 4, 3] });
  const p = b.add('Permute', 'chw', { dims: [3, 1, 2] }, x);
  const r = b.add('Reshape', 'rows', { targetShape: [15, 4] }, p);
  return b.add('Permute', 'swap', { dims: [2, 1] }, r);
});
define('PReLU, ELU and Softmax layers', (b) => {
  const x = b.add('Input', 'img', { shape: [5, 4, 3] });
  const pr = b.add('PReLU', 'prelu', { sharedAxes: '1,2' }, x);
  const e = b.add('ELU', 'elu', {}, pr);
  return b.add('Softmax', 'softmax_channels', { axis: 3 }, e);
});
define('Cropping2D and RepeatVector', (b) => {
  const x = b.add('Input', 'img', { shape: [7, 6, 2] });
  const c = b.add('Cropping2D', 'crop', { cropping: [1, 2, 0, 1] }, x);
  const v = b.add('GlobalAveragePooling2D', 'gap', {}, c);
  const r = b.add('RepeatVector', 'repeat', { n: 3 }, v);
  return b.add('UpSampling1D', 'longer', { size: 2 }, r);
});
define('random augmentations and Normalization', (b) => {
  const x = b.add('Input', 'img', { shape: [8, 8, 3] });
  const f = b.add('RandomFlip', 'flip', { mode: 'horizontal' }, x);
  const r = b.add('RandomRotation', 'rotate', { factor: 0.15, fillMode: 'constant', fillValue: 0.5 }, f);
  const t = b.add('RandomTranslation', 'shift', { heightFactor: 0.1, widthFactor: 0.2, interpolation: 'nearest' }, r);
  const z = b.add('RandomZoom', 'zoom', { heightFactor: 0.2 }, t);
  const z2 = b.add('RandomZoom', 'zoom_wide', { heightFactor: 0.1, widthFactor: 0.3, fillMode: 'wrap' }, z);
  return b.add('Normalization', 'standardize', {}, z2);
});
define('Embedding + Conv1D text classifier', (b) => {
  const ids = b.add('Input', 'tokens', { shape: [20], dtype: 'int32' });
  const emb = b.add('Embedding', 'emb', { inputDim: 50, outputDim: 8 }, ids);
  const conv = b.add('Conv1D', 'conv1d', { filters: 6, kernelSize: 5, padding: 'same', activation: 'relu' }, emb);
  const pool = b.add('MaxPooling1D', 'pool1d', { poolSize: 2, strides: 2 }, conv);
  const conv2 = b.add('Conv1D', 'conv1d_2', { filters: 4, kernelSize: 3, strides: 1 }, pool);
  const avg = b.add('AveragePooling1D', 'avg1d', { poolSize: 2, strides: 1, padding: 'same' }, conv2);
  const gmax = b.add('GlobalMaxPooling1D', 'gmax', {}, avg);
  const gavg = b.add('GlobalAveragePooling1D', 'gavg', {}, avg);
  return b.add('Concatenate', 'both', {}, gmax, gavg);
});
define('LayerNormalization on a sequence', (b) =>
  b.add(
    'LayerNormalization',
    'ln',
    { epsilon: 1e-6, center: true, scale: false },
    b.add('Input', 'seq', { shape: [5, 4] }),
  ),
);
define('Activation layers', (b) => {
  const x = b.add('Input', 'v', { shape: [9] });
  const l = b.add('Activation', 'leaky', { activation: 'leaky_relu', alpha: 0.1 }, x);
  const s = b.add('Activation', 'swish_act', { activation: 'swish' }, l);
  b.add('Activation', 'probs', { activation: 'softmax' }, s);
});
define('residual Add', (b) => {
  const x = b.add('Input', 'x', { shape: [8] });
  const d = b.add('Dense', 'transform', { units: 8, activation: 'relu' }, x);
  b.add('Add', 'skip', {}, x, d);
});
define('Concatenate of branches', (b) => {
  const x = b.add('Input', 'x', { shape: [6] });
  const l = b.add('Dense', 'left', { units: 3 }, x);
  const r = b.add('Dense', 'right', { units: 2, activation: 'leaky_relu' }, x);
  b.add('Concatenate', 'cat', {}, r, l);
});
define('SimpleRNN stack', (b) => {
  const s = b.add(
    'SimpleRNN',
    'rnn1',
    { units: 7, returnSequences: true, dropout: 0.1, activation: 'relu', useBias: false },
    b.add('Input', 'seq', { shape: [5, 3] }),
  );
  b.add('SimpleRNN', 'rnn2', { units: 2 }, s);
});
define('LSTM and GRU', (b) => {
  const l = b.add(
    'LSTM',
    'lstm',
    { units: 4, returnSequences: true, activation: 'tanh' },
    b.add('Input', 'seq', { shape: [6, 2] }),
  );
  b.add('GRU', 'gru', { units: 3, returnSequences: false, activation: 'selu' }, l);
});
define('hard_sigmoid gates: LSTM, GRU (both reset_after) and Bidirectional', (b) => {
  const seq = b.add('Input', 'seq', { shape: [6, 2] });
  const l = b.add('LSTM', 'lstm_hs', { units: 4, returnSequences: true, recurrentActivation: 'hard_sigmoid' }, seq);
  const g = b.add('GRU', 'gru_hs', { units: 3, returnSequences: true, recurrentActivation: 'hard_sigmoid' }, l);
  const g2 = b.add(
    'GRU',
    'gru_hs_tfjs',
    { units: 3, returnSequences: true, resetAfter: false, recurrentActivation: 'hard_sigmoid' },
    g,
  );
  b.add('Bidirectional', 'bi_hs', { cell: 'LSTM', units: 2, recurrentActivation: 'hard_sigmoid' }, g2);
});
define('Bidirectional GRU ave + LSTM concat', (b) => {
  const g = b.add(
    'Bidirectional',
    'bi_gru',
    { cell: 'GRU', units: 3, returnSequences: true, mergeMode: 'ave' },
    b.add('Input', 'seq', { shape: [6, 2] }),
  );
  b.add(
    'Bidirectional',
    'bi_lstm',
    { cell: 'LSTM', units: 5, returnSequences: false, mergeMode: 'concat', dropout: 0.2 },
    g,
  );
});
define('Bidirectional SimpleRNN sum', (b) =>
  b.add(
    'Bidirectional',
    'bi_rnn',
    { cell: 'SimpleRNN', units: 4, returnSequences: false, mergeMode: 'mul' },
    b.add('Input', 'seq', { shape: [3, 2] }),
  ),
);
define('Bidirectional GRU reset_after false + TimeDistributed tagger', (b) => {
  const g = b.add(
    'Bidirectional',
    'bi_gru_v1',
    { cell: 'GRU', units: 3, returnSequences: true, resetAfter: false },
    b.add('Input', 'seq', { shape: [6, 2] }),
  );
  b.add('TimeDistributed', 'tags', { units: 5, activation: 'softmax', useBias: false }, g);
});
define('MultiHeadAttention: self-attention, then cross-attention', (b) => {
  const x = b.add('Input', 'query_seq', { shape: [6, 8] });
  const self = b.add('MultiHeadAttention', 'self_attn', { numHeads: 2, keyDim: 4 }, x);
  const v = b.add('Input', 'value_seq', { shape: [5, 3] });
  const params = { numHeads: 3, keyDim: 2, valueDim: 5, dropout: 0.1, useBias: false, outputDim: 7 };
  b.add('MultiHeadAttention', 'cross_attn', params, self, v);
});
define('Embedding into LSTM', (b) => {
  const e = b.add(
    'Embedding',
    'embed',
    { inputDim: 50, outputDim: 8 },
    b.add('Input', 'tokens', { shape: [10], dtype: 'int32' }),
  );
  b.add('LSTM', 'reader', { units: 6 }, e);
});
define('variable-length text model (time None)', (b) => {
  const ids = b.add('Input', 'tokens', { shape: [null], dtype: 'int32' });
  const e = b.add('Embedding', 'embed', { inputDim: 50, outputDim: 8 }, ids);
  const r = b.add('LSTM', 'reader', { units: 6, returnSequences: true }, e);
  b.add('Dense', 'score', { units: 1, activation: 'sigmoid' }, b.add('GlobalAveragePooling1D', 'gavg', {}, r));
});
define('fully convolutional image model (height and width None)', (b) => {
  const img = b.add('Input', 'image', { shape: [null, null, 3] });
  const c = b.add('Conv2D', 'c', { filters: 4, kernelSize: [3, 3], padding: 'same' }, img);
  b.add('Conv2DTranspose', 'up', { filters: 3, kernelSize: [2, 2], strides: [2, 2] }, c);
});
define('two inputs, two outputs', (b) => {
  const img = b.add('Input', 'image', { shape: [8, 8, 1] });
  const meta = b.add('Input', 'meta', { shape: [3] });
  const f = b.add('Flatten', 'flat', {}, b.add('Conv2D', 'c', { filters: 2, kernelSize: [3, 3] }, img));
  const cat = b.add('Concatenate', 'joined', {}, f, meta);
  b.add('Dense', 'score', { units: 1, activation: 'sigmoid' }, cat);
  b.add('Dense', 'aux', { units: 2, activation: 'softmax' }, meta);
});
define('MLP GAN', (b) => {
  b.group = 'generator';
  const g = b.add('Dense', 'gen_hidden', { units: 128, activation: 'leaky_relu' }, b.add('Noise', 'z', { size: 100 }));
  b.add('Dense', 'gen_out', { units: 784, activation: 'sigmoid' }, g);
  b.group = 'discriminator';
  const d = b.add('Dense', 'disc_hidden', { units: 128 }, b.add('Input', 'sample', { shape: [784] }));
  b.add('Dense', 'disc_out', { units: 1, activation: 'sigmoid' }, d);
});

export const CASES: readonly Case[] = cases;

/** Every kind of the catalog appears in some case (checked by the tests). */
export const KINDS_COVERED = new Set(cases.flatMap((c) => c.kinds));
export const ALL_KINDS = LAYER_KINDS;

/** A graph in a form that ignores ids, positions and order: what must survive a round trip. */
export function normalize(graph: GraphDoc) {
  const nameOf = new Map(graph.nodes.map((n) => [n.id, n.name]));
  return {
    nodes: graph.nodes
      .map((n) => ({ name: n.name, kind: n.kind, params: n.params, group: n.group }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    edges: graph.edges.map((e) => `${nameOf.get(e.source)} -> ${nameOf.get(e.target)}:${e.targetPort}`).sort(),
  };
}
