/**
 * Conv1D, Conv2D and Conv2DTranspose <-> Keras. Deepwire is NHWC only
 * (`data_format: channels_last`), ungrouped, and its transposed convolution
 * has no dilation or output padding.
 */
import { inlineActivation } from '../activations.js';
import type { LayerConfig } from '../config.js';
import { initializer, kernelAndBiasDefaults, layerConfig, nulls } from '../emit.js';
import { readSingle, type LayerReader, type WriterTable } from './mapping.js';
import type { JsonObject, KerasStyle } from '../types.js';

const PADDINGS = ['valid', 'same'] as const;

export function expectChannelsLast(cfg: LayerConfig): void {
  cfg.expect('data_format', ['channels_last', null], "'channels_last' (NHWC) only");
}

const ungrouped = (cfg: LayerConfig) => cfg.expect('groups', [1], 'ungrouped convolutions (groups 1)');
const undilated = (kind: string) => (cfg: LayerConfig) =>
  cfg.expect('dilation_rate', [1, [1, 1]], `no dilation (1) for ${kind}`);

interface ConvReading {
  /** What the kind refuses besides regularizers and channels first (groups, or any dilation). */
  check: (cfg: LayerConfig) => void;
  /** DepthwiseConv2D has none: its channels come from its depth multiplier. */
  filters: boolean;
  /** One entry per window option (Conv1D) or two. */
  window: 'single' | 'pair';
  /** The kind's own option, after padding as Keras orders them: dilation or the depth multiplier. */
  own: (cfg: LayerConfig) => Record<string, unknown>;
}

/** A convolution's params, read in Keras's key order after the checks. */
function readConv(cfg: LayerConfig, r: ConvReading): Record<string, unknown> {
  cfg.ignoreRegularizers();
  expectChannelsLast(cfg);
  r.check(cfg);
  const size = (key: string) => (r.window === 'pair' ? cfg.pair(key, [1, 1]) : readSingle(cfg, key, 1));
  return {
    ...(r.filters ? { filters: cfg.int('filters') } : {}),
    kernelSize: size('kernel_size'),
    strides: size('strides'),
    padding: cfg.choice('padding', PADDINGS, 'valid'),
    ...r.own(cfg),
    activation: cfg.activation('activation', 'linear'),
    useBias: cfg.bool('use_bias', true),
  };
}

const depthMultiplier = (cfg: LayerConfig) => ({ depthMultiplier: cfg.int('depth_multiplier', 1) });

const readConv2D: LayerReader = (cfg) => ({
  kind: 'Conv2D',
  params: readConv(cfg, {
    check: ungrouped,
    filters: true,
    window: 'pair',
    own: () => ({ dilationRate: cfg.pair('dilation_rate', [1, 1]) }),
  }),
});

const readConv2DTranspose: LayerReader = (cfg) => {
  undilated('Conv2DTranspose')(cfg);
  cfg.expect('output_padding', [null], 'no output_padding (null)');
  return {
    kind: 'Conv2DTranspose',
    params: readConv(cfg, { check: ungrouped, filters: true, window: 'pair', own: () => ({}) }),
  };
};

const readConv1D: LayerReader = (cfg) => ({
  kind: 'Conv1D',
  params: readConv(cfg, {
    check: ungrouped,
    filters: true,
    window: 'single',
    own: () => ({ dilationRate: readSingle(cfg, 'dilation_rate', 1) }),
  }),
});

const readDepthwiseConv2D: LayerReader = (cfg) => ({
  kind: 'DepthwiseConv2D',
  params: readConv(cfg, { check: undilated('DepthwiseConv2D'), filters: false, window: 'pair', own: depthMultiplier }),
});

const readSeparableConv2D: LayerReader = (cfg) => ({
  kind: 'SeparableConv2D',
  params: readConv(cfg, { check: undilated('SeparableConv2D'), filters: true, window: 'pair', own: depthMultiplier }),
});

export const convReaders: Record<string, LayerReader> = {
  SeparableConv2D: readSeparableConv2D,
  DepthwiseConv2D: readDepthwiseConv2D,
  Conv1D: readConv1D,
  Convolution1D: readConv1D,
  Conv2D: readConv2D,
  Conv2DTranspose: readConv2DTranspose,
};

interface ConvOptions {
  filters: number;
  kernelSize: readonly number[];
  strides: readonly number[];
  padding: string;
  dilationRate: readonly number[];
  activation: Parameters<typeof inlineActivation>[0];
  useBias: boolean;
}

/** TF.js writes no `data_format` for its 1-D layers (Conv1D, the 1-D pools). */
export function withoutTfjsDataFormat(style: KerasStyle, config: JsonObject): JsonObject {
  if (style !== 'tfjs') return config;
  const { data_format: _omitted, ...rest } = config;
  return rest;
}

/** The window keys every convolution writes, in Keras's order after `filters`. */
const windowKeys = (p: { kernelSize: readonly number[]; strides: readonly number[]; padding: string }) => ({
  kernel_size: [...p.kernelSize],
  strides: [...p.strides],
  padding: p.padding,
  data_format: 'channels_last',
});

/** Conv1D's and Conv2D's config: the same keys, with one or two entries per window option. */
const convConfig = (style: KerasStyle, name: string, p: ConvOptions) =>
  layerConfig(style, name, {
    filters: p.filters,
    ...windowKeys(p),
    dilation_rate: [...p.dilationRate],
    ...(style === 'tfjs' ? {} : { groups: 1 }),
    activation: inlineActivation(p.activation, style),
    use_bias: p.useBias,
    ...kernelAndBiasDefaults(style),
  });

/** Keras and TF.js differ in key order only; the key sets below are what each writes. */
export const convWriters: WriterTable<'Conv1D' | 'Conv2D' | 'Conv2DTranspose' | 'DepthwiseConv2D' | 'SeparableConv2D'> =
  {
    // TF.js's SeparableConv2D reads depth_multiplier but does not write it back, so its dialect has it only when not 1.
    SeparableConv2D: (p, { style, name }) => ({
      className: 'SeparableConv2D',
      config: layerConfig(style, name, {
        filters: p.filters,
        ...windowKeys(p),
        dilation_rate: [1, 1],
        ...(style === 'tfjs' && p.depthMultiplier === 1 ? {} : { depth_multiplier: p.depthMultiplier }),
        activation: inlineActivation(p.activation, style),
        use_bias: p.useBias,
        bias_initializer: initializer(style, 'Zeros'),
        ...nulls('bias_regularizer', 'activity_regularizer', 'bias_constraint'),
        depthwise_initializer: initializer(style, 'GlorotUniform'),
        pointwise_initializer: initializer(style, 'GlorotUniform'),
        ...nulls('depthwise_regularizer', 'pointwise_regularizer', 'depthwise_constraint', 'pointwise_constraint'),
      }),
    }),
    // TF.js's key order (the depthwise keys after the common ones); Keras reads any order.
    DepthwiseConv2D: (p, { style, name }) => ({
      className: 'DepthwiseConv2D',
      config: layerConfig(style, name, {
        ...windowKeys(p),
        dilation_rate: [1, 1],
        activation: inlineActivation(p.activation, style),
        use_bias: p.useBias,
        bias_initializer: initializer(style, 'Zeros'),
        ...nulls('bias_regularizer', 'activity_regularizer', 'bias_constraint'),
        depth_multiplier: p.depthMultiplier,
        depthwise_initializer: initializer(style, 'GlorotUniform'),
        ...nulls('depthwise_regularizer', 'depthwise_constraint'),
      }),
    }),
    Conv1D: (p, { style, name }) => ({
      className: 'Conv1D',
      config: withoutTfjsDataFormat(
        style,
        convConfig(style, name, {
          ...p,
          kernelSize: [p.kernelSize],
          strides: [p.strides],
          dilationRate: [p.dilationRate],
        }),
      ),
    }),
    Conv2D: (p, { style, name }) => ({ className: 'Conv2D', config: convConfig(style, name, p) }),
    Conv2DTranspose: (p, { style, name }) => ({
      className: 'Conv2DTranspose',
      config: layerConfig(style, name, {
        filters: p.filters,
        ...windowKeys(p),
        ...(style === 'tfjs' ? {} : { dilation_rate: [1, 1] }),
        ...(style === 'keras2' ? { groups: 1 } : {}),
        activation: inlineActivation(p.activation, style),
        use_bias: p.useBias,
        ...kernelAndBiasDefaults(style),
        ...(style === 'tfjs' ? {} : { output_padding: null }),
      }),
    }),
  };
