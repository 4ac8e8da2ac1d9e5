/**
 * Parameter specs of every layer kind: the data contract for the inspector,
 * the document schema, the compiler and the exporters. Names follow TF.js
 * layer args (camelCase); `src/shared/keras` maps them to Keras snake_case.
 */
import { REGULARIZATION_PARAMS } from './params-regularization.js';
import { ACTIVATIONS, type ParamSpec, type ParamsFromSpecs } from './types.js';

const activation = (def: (typeof ACTIVATIONS)[number]) =>
  ({
    name: 'activation',
    label: 'Activation',
    type: 'enum',
    choices: ACTIVATIONS,
    default: def,
    doc: 'Applied to the output; leaky_relu uses a slope of 0.2.',
  }) as const;
const useBias = {
  name: 'useBias',
  label: 'Use bias',
  type: 'bool',
  default: true,
  doc: 'Add a learned bias vector.',
} as const;
const padding = {
  name: 'padding',
  label: 'Padding',
  type: 'enum',
  choices: ['valid', 'same'],
  default: 'valid',
  doc: "'valid': no padding; 'same': output size = ceil(input / stride).",
} as const;
const filters = (doc = 'Number of output channels.') =>
  ({ name: 'filters', label: 'Filters', type: 'int', default: 32, min: 1, max: 8192, doc }) as const;
/** The depthwise convolutions' channel multiplier (DepthwiseConv2D, SeparableConv2D's depthwise step). */
const depthMultiplier = (doc: string) =>
  ({ name: 'depthMultiplier', label: 'Depth multiplier', type: 'int', default: 1, min: 1, max: 256, doc }) as const;
const pair = <N extends string>(name: N, label: string, def: number, doc: string) =>
  ({ name, label, type: 'ints', length: 2, default: [def, def], min: 1, doc }) as const;
const single = <N extends string>(name: N, label: string, def: number, doc: string) =>
  ({ name, label, type: 'int', default: def, min: 1, max: 4096, doc }) as const;
const pool1d = [
  single('poolSize', 'Pool size', 2, 'Window length along time.'),
  single('strides', 'Strides', 2, 'Step of the window along time.'),
  padding,
] as const;
const rnnCommon = [
  { name: 'units', label: 'Units', type: 'int', default: 64, min: 1, max: 65536, doc: 'Size of the hidden state.' },
  {
    name: 'returnSequences',
    label: 'Return sequences',
    type: 'bool',
    default: false,
    doc: 'Output every time step (for stacking recurrent layers) instead of only the last.',
  },
  {
    name: 'dropout',
    label: 'Input dropout',
    type: 'float',
    default: 0,
    min: 0,
    max: 0.99,
    doc: 'Fraction of inputs dropped while training.',
  },
] as const;
const recurrentActivation = {
  name: 'recurrentActivation',
  label: 'Gate activation',
  type: 'enum',
  choices: ['sigmoid', 'hard_sigmoid'],
  default: 'sigmoid',
  doc: "The gates' activation (Keras's recurrent_activation): sigmoid, or hard_sigmoid = clip(0.2·x + 0.5, 0, 1) as Keras 2 and TF.js define it (old Keras files' default).",
} as const;
export const PARAM_SPECS = {
  Input: [
    {
      name: 'shape',
      label: 'Shape',
      type: 'shape',
      minLength: 1,
      maxLength: 3,
      default: [28, 28, 1],
      allowNone: true,
      doc: 'Sample shape without the batch: H×W×C image, T×F sequence, or N vector. None (or ?) is a size that may vary, e.g. a sequence length: T = None.',
    },
    {
      name: 'dtype',
      label: 'Type',
      type: 'enum',
      choices: ['float32', 'int32'],
      default: 'float32',
      doc: 'int32 for token ids feeding an Embedding.',
    },
  ],
  Noise: [
    {
      name: 'size',
      label: 'Latent size',
      type: 'int',
      default: 100,
      min: 1,
      max: 4096,
      doc: 'Length of the random latent vector z.',
    },
    {
      name: 'distribution',
      label: 'Distribution',
      type: 'enum',
      choices: ['normal', 'uniform'],
      default: 'normal',
      doc: 'z ~ N(0, 1) or U(-1, 1).',
    },
  ],
  Dense: [
    {
      name: 'units',
      label: 'Units',
      type: 'int',
      default: 128,
      min: 1,
      max: 1 << 20,
      doc: 'Number of output neurons.',
    },
    activation('relu'),
    useBias,
  ],
  Conv2D: [
    filters(),
    pair('kernelSize', 'Kernel size', 3, 'Height and width of the convolution window.'),
    pair('strides', 'Strides', 1, 'Step of the window along height and width.'),
    padding,
    pair('dilationRate', 'Dilation', 1, 'Spacing between kernel taps (atrous convolution); needs strides 1.'),
    activation('relu'),
    useBias,
  ],
  Conv2DTranspose: [
    filters(),
    pair('kernelSize', 'Kernel size', 3, 'Height and width of the window.'),
    pair('strides', 'Strides', 2, 'Upsampling factor along height and width.'),
    { ...padding, default: 'same' },
    activation('relu'),
    useBias,
  ],
  DepthwiseConv2D: [
    pair('kernelSize', 'Kernel size', 3, 'Height and width of the window.'),
    pair('strides', 'Strides', 1, 'Step of the window along height and width.'),
    padding,
    depthMultiplier('Output channels per input channel.'),
    activation('linear'),
    useBias,
  ],
  SeparableConv2D: [
    filters('Number of output channels (of the pointwise 1×1 convolution).'),
    pair('kernelSize', 'Kernel size', 3, 'Height and width of the depthwise window.'),
    pair('strides', 'Strides', 1, 'Step of the window along height and width.'),
    padding,
    depthMultiplier('Depthwise output channels per input channel.'),
    activation('relu'),
    useBias,
  ],
  Conv1D: [
    filters(),
    single('kernelSize', 'Kernel size', 3, 'Length of the convolution window along time.'),
    single('strides', 'Strides', 1, 'Step of the window along time.'),
    padding,
    single('dilationRate', 'Dilation', 1, 'Spacing between kernel taps; needs strides 1.'),
    activation('relu'),
    useBias,
  ],
  MaxPooling1D: pool1d,
  AveragePooling1D: pool1d,
  GlobalAveragePooling1D: [],
  GlobalMaxPooling1D: [],
  MaxPooling2D: [
    pair('poolSize', 'Pool size', 2, 'Window height and width.'),
    pair('strides', 'Strides', 2, 'Step of the window.'),
    padding,
  ],
  AveragePooling2D: [
    pair('poolSize', 'Pool size', 2, 'Window height and width.'),
    pair('strides', 'Strides', 2, 'Step of the window.'),
    padding,
  ],
  GlobalAveragePooling2D: [],
  GlobalMaxPooling2D: [],
  UpSampling2D: [
    pair('size', 'Factor', 2, 'Repeat rows and columns this many times.'),
    {
      name: 'interpolation',
      label: 'Interpolation',
      type: 'enum',
      choices: ['nearest', 'bilinear'],
      default: 'nearest',
      doc: 'How new pixels are filled.',
    },
  ],
  ReflectionPadding2D: [
    {
      name: 'padding',
      label: 'Padding (t, b, l, r)',
      type: 'ints',
      length: 4,
      default: [3, 3, 3, 3],
      min: 0,
      doc: 'Rows mirrored at the top and bottom, columns at the left and right; each less than that side.',
    },
  ],
  ZeroPadding2D: [
    {
      name: 'padding',
      label: 'Padding (t, b, l, r)',
      type: 'ints',
      length: 4,
      default: [1, 1, 1, 1],
      min: 0,
      doc: 'Rows of zeros added at the top and bottom, columns at the left and right.',
    },
  ],
  UpSampling1D: [
    {
      name: 'size',
      label: 'Factor',
      type: 'int',
      default: 2,
      min: 1,
      max: 1024,
      doc: 'Repeat every time step this many times.',
    },
  ],
  Cropping2D: [
    {
      name: 'cropping',
      label: 'Cropping (t, b, l, r)',
      type: 'ints',
      length: 4,
      default: [1, 1, 1, 1],
      min: 0,
      doc: 'Rows removed at the top and bottom, columns at the left and right.',
    },
  ],
  RepeatVector: [
    { name: 'n', label: 'Repeats', type: 'int', default: 3, min: 1, max: 65536, doc: 'Time steps of the output.' },
  ],
  Flatten: [],
  Reshape: [
    {
      name: 'targetShape',
      label: 'Target shape',
      type: 'shape',
      minLength: 1,
      maxLength: 3,
      default: [7, 7, 16],
      allowInfer: true,
      doc: 'New shape without the batch; one dimension may be -1 (inferred).',
    },
  ],
  Permute: [
    {
      name: 'dims',
      label: 'Order',
      type: 'shape',
      minLength: 1,
      maxLength: 3,
      default: [2, 1],
      doc: 'The input axes in their new order, counted from 1 (the batch stays first), e.g. 2, 1 swaps two axes.',
    },
  ],
  ...REGULARIZATION_PARAMS,
  Activation: [
    activation('relu'),
    {
      name: 'alpha',
      label: 'Alpha',
      type: 'float',
      default: 0.2,
      min: 0,
      max: 10,
      doc: 'Negative slope of leaky_relu (ignored otherwise).',
    },
  ],
  ReLU: [
    {
      name: 'maxValue',
      label: 'Max value',
      type: 'float',
      default: 0,
      min: 0,
      max: 1e6,
      doc: 'Upper bound of the output (6 for ReLU6); 0 means no bound.',
    },
    {
      name: 'negativeSlope',
      label: 'Negative slope',
      type: 'float',
      default: 0,
      min: 0,
      max: 10,
      doc: 'Slope below the threshold.',
    },
    {
      name: 'threshold',
      label: 'Threshold',
      type: 'float',
      default: 0,
      min: -1e6,
      max: 1e6,
      doc: 'Values below it are damped by the slope.',
    },
  ],
  ELU: [
    {
      name: 'alpha',
      label: 'Alpha',
      type: 'float',
      default: 1,
      min: 0,
      max: 100,
      doc: 'Scale of the negative part: alpha × (exp(x) − 1) below 0.',
    },
  ],
  PReLU: [
    {
      name: 'sharedAxes',
      label: 'Shared axes',
      type: 'enum',
      choices: ['none', '1', '2', '3', '1,2', '1,3', '2,3', '1,2,3'],
      default: 'none',
      doc: 'Axes (from 1) along which one slope is shared, e.g. 1,2 for one slope per image channel; none: a slope per value.',
    },
  ],
  Softmax: [
    {
      name: 'axis',
      label: 'Axis',
      type: 'int',
      default: -1,
      min: -3,
      max: 3,
      doc: 'Axis normalised to sum to 1, counted as in Keras (batch = 0, -1 = last).',
    },
  ],
  Add: [],
  Concatenate: [],
  Subtract: [],
  Multiply: [],
  Average: [],
  Maximum: [],
  Minimum: [],
  SimpleRNN: [...rnnCommon, activation('tanh'), useBias],
  LSTM: [...rnnCommon, activation('tanh'), useBias, recurrentActivation],
  GRU: [
    ...rnnCommon,
    activation('tanh'),
    useBias,
    {
      name: 'resetAfter',
      label: 'Reset after',
      type: 'bool',
      default: true,
      doc: "Apply the reset gate after the recurrent matmul, with a second bias vector (Keras's default); off is TF.js's variant.",
    },
    recurrentActivation,
  ],
  Bidirectional: [
    {
      name: 'cell',
      label: 'Cell',
      type: 'enum',
      choices: ['SimpleRNN', 'LSTM', 'GRU'],
      default: 'LSTM',
      doc: 'The recurrent layer run forwards and backwards.',
    },
    ...rnnCommon,
    {
      name: 'mergeMode',
      label: 'Merge mode',
      type: 'enum',
      choices: ['concat', 'sum', 'mul', 'ave'],
      default: 'concat',
      doc: 'How the two directions are combined.',
    },
    recurrentActivation,
    {
      name: 'resetAfter',
      label: 'Reset after (GRU)',
      type: 'bool',
      default: true,
      doc: "GRU cell only: apply the reset gate after the recurrent matmul, with a second bias vector (Keras's default); off is TF.js's variant.",
    },
  ],
  TimeDistributed: [
    {
      name: 'layer',
      label: 'Layer',
      type: 'enum',
      choices: ['Dense'],
      default: 'Dense',
      doc: 'The layer applied to every time step (with its own weights shared across steps).',
    },
    {
      name: 'units',
      label: 'Units',
      type: 'int',
      default: 32,
      min: 1,
      max: 1 << 20,
      doc: 'Number of output neurons per time step.',
    },
    activation('linear'),
    useBias,
  ],
  MultiHeadAttention: [
    { name: 'numHeads', label: 'Heads', type: 'int', default: 2, min: 1, max: 256, doc: 'Number of attention heads.' },
    {
      name: 'keyDim',
      label: 'Key size',
      type: 'int',
      default: 32,
      min: 1,
      max: 4096,
      doc: 'Size of each head’s query and key projections.',
    },
    {
      name: 'valueDim',
      label: 'Value size',
      type: 'int',
      default: 0,
      min: 0,
      max: 4096,
      doc: 'Size of each head’s value projection; 0 means the key size (as Keras).',
    },
    {
      name: 'dropout',
      label: 'Attention dropout',
      type: 'float',
      default: 0,
      min: 0,
      max: 0.99,
      doc: 'Fraction of attention weights dropped while training.',
    },
    useBias,
    {
      name: 'outputDim',
      label: 'Output size',
      type: 'int',
      default: 0,
      min: 0,
      max: 65536,
      doc: "Features of the output per step; 0 means the query's (Keras's default).",
    },
  ],
  Embedding: [
    {
      name: 'inputDim',
      label: 'Vocabulary size',
      type: 'int',
      default: 10000,
      min: 1,
      max: 1 << 24,
      doc: 'Largest token id + 1.',
    },
    {
      name: 'outputDim',
      label: 'Embedding size',
      type: 'int',
      default: 64,
      min: 1,
      max: 65536,
      doc: 'Length of each token vector.',
    },
  ],
} as const satisfies Record<string, readonly ParamSpec[]>;

/** The closed list of layer kinds. */
export type LayerKind = keyof typeof PARAM_SPECS;
export const LAYER_KINDS = Object.keys(PARAM_SPECS) as LayerKind[];

export function isLayerKind(k: unknown): k is LayerKind {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(PARAM_SPECS, k);
}

/** The params object of kind K, e.g. `ParamsOf<'Conv2D'>['kernelSize']`. */
export type ParamsOf<K extends LayerKind> = ParamsFromSpecs<(typeof PARAM_SPECS)[K]>;

/**
 * What every recurrent cell's params have (SimpleRNN, LSTM, GRU, and Bidirectional's wrapped cell): the gate
 * activation is LSTM's and GRU's only, resetAfter GRU's only.
 */
export type RecurrentParams = Pick<
  ParamsOf<'SimpleRNN'>,
  'units' | 'returnSequences' | 'dropout' | 'activation' | 'useBias'
> &
  Partial<Pick<ParamsOf<'GRU'>, 'resetAfter' | 'recurrentActivation'>>;

/** Default params of a kind, as a fresh object. */
export function defaultParams<K extends LayerKind>(kind: K): ParamsOf<K> {
  const out: Record<string, unknown> = {};
  for (const p of PARAM_SPECS[kind] as readonly ParamSpec[]) {
    out[p.name] = Array.isArray(p.default) ? [...(p.default as number[])] : p.default;
  }
  return out as ParamsOf<K>;
}
