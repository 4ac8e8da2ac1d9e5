/**
 * Per node: the PyTorch module(s) built in __init__, the forward expression,
 * and the lines that load its Keras-layout .npy weights. Images are NCHW
 * throughout (Keras HWIO kernels become OIHW, Dense kernels are transposed),
 * and Flatten/Reshape view them in Keras's NHWC order, so the weights of the
 * Dense after a Flatten load unchanged.
 */
import { preluAxes, preluSlopeShape } from '../../../../shared/layers/specs/activation.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import { transposePads, windowPads } from '../padding.js';
import type { CodeNode } from './model-code.js';
import { py, pyFloat } from './pyfmt.js';

/** RandomRotation, RandomTranslation and RandomZoom's params, seen together. */
type Warped = { fillMode: string; interpolation: string; fillValue: number } & Partial<
  Record<'factor' | 'heightFactor' | 'widthFactor', number>
>;

export interface TorchNode {
  init: string[];
  forward: string;
  load: string[];
  /** The inverse of `load`: `out[<weight name>] = <tensor in Keras's layout>` (trained weights back to Deepwire). */
  save: string[];
}

const dimOf = (rank: number) => (rank === 4 ? 1 : -1);
const act = (x: string, a: ActivationName, rank: number, alpha?: number) =>
  a === 'linear'
    ? x
    : `activate(${x}, ${py(a)}${a === 'softmax' ? `, dim=${dimOf(rank)}` : ''}${a === 'leaky_relu' && alpha !== undefined && alpha !== 0.2 ? `, alpha=${pyFloat(alpha)}` : ''})`;
const w = (name: string) => `t(w[${py(name)}])`;

/** Each layout transform a load applies, and the one that undoes it (HWIO -> OIHW and back). */
const INVERSE: Record<string, string> = {
  '': '',
  '.T': '.T',
  '.permute(3, 2, 0, 1)': '.permute(2, 3, 1, 0)',
  '.permute(2, 1, 0)': '.permute(2, 1, 0)',
};

/**
 * `<module>.<param>.copy_(<array>)` for each (param, transform) against the layer's weights in order,
 * and the lines that read them back in Keras's layout.
 */
function loads(
  c: CodeNode,
  m: string,
  params: ([string, string] | [string, string, string])[],
): Pick<TorchNode, 'load' | 'save'> {
  if (params.length !== c.weightNames.length)
    throw new Error(`${c.node.name}: ${c.weightNames.length} weights, expected ${params.length}`);
  return {
    load: params.map(([param, suffix], i) => `${m}.${param}.copy_(${w(c.weightNames[i])}${suffix})`),
    save: params.map(
      ([param, suffix, inverse], i) =>
        `out[${py(c.weightNames[i])}] = ${m}.${param}.detach()${inverse ?? INVERSE[suffix]}`,
    ),
  };
}

/** TF 'same' pads of a window as F.pad's (left, right, top, bottom), or null when there are none. */
function fpads(
  c: CodeNode,
  padding: 'valid' | 'same',
  kernel: readonly number[],
  strides: readonly number[],
  dilation: readonly number[] = [1, 1],
) {
  const s = c.inputShapes[0];
  const h = windowPads(padding, s[1], kernel[0], strides[0], dilation[0]);
  const v = windowPads(padding, s[2], kernel[1], strides[1], dilation[1]);
  return {
    h,
    v,
    any: h.before + h.after + v.before + v.after > 0,
    fpad: `(${v.before}, ${v.after}, ${h.before}, ${h.after})`,
  };
}

/** `f` applied to an (N, T, C) sequence as PyTorch's (N, C, T), and the result back as (N, T, C). */
const overTime = (x: string, f: (nct: string) => string) => `${f(`${x}.transpose(1, 2)`)}.transpose(1, 2)`;

/** A 1-D pool as the 2-D 'same' helpers over (N, C, 1, T), or F.*_pool1d when nothing is padded. */
function pool1d(c: CodeNode, max: boolean, p: { poolSize: number; strides: number; padding: 'valid' | 'same' }) {
  const t = windowPads(p.padding, c.inputShapes[0][1], p.poolSize, p.strides);
  const op = max ? 'max' : 'avg';
  if (t.before + t.after === 0)
    return overTime(c.inputs[0], (x) => `F.${op}_pool1d(${x}, ${p.poolSize}, ${p.strides})`);
  return overTime(
    c.inputs[0],
    (x) =>
      `${op}_pool_same(${x}.unsqueeze(2), (1, ${p.poolSize}), (1, ${p.strides}), (${t.before}, ${t.after}, 0, 0)).squeeze(2)`,
  );
}

export function torchNode(c: CodeNode, self: string): TorchNode {
  const n = c.node;
  const x = c.inputs[0];
  const inShape = c.inputShapes[0] ?? [];
  const rank = c.shape.length;
  const m = `self.${self}`;
  switch (n.kind) {
    case 'Input':
    case 'Noise':
      return { init: [], forward: c.v, load: [], save: [] };
    case 'Dense':
    case 'TimeDistributed': {
      // nn.Linear acts on the last axis: on every time step for TimeDistributed(Dense).
      const p = n.params;
      return {
        init: [`${m} = nn.Linear(${inShape[inShape.length - 1]}, ${p.units}, bias=${py(p.useBias)})`],
        forward: act(`${m}(${x})`, p.activation, rank),
        ...loads(c, m, [['weight', '.T'], ...(p.useBias ? [['bias', ''] as [string, string]] : [])]),
      };
    }
    case 'Conv2D': {
      const p = n.params;
      const pad = fpads(c, p.padding, p.kernelSize, p.strides, p.dilationRate);
      const symmetric = pad.h.before === pad.h.after && pad.v.before === pad.v.after;
      const padding = symmetric ? `(${pad.h.before}, ${pad.v.before})` : '0';
      const conv = `nn.Conv2d(${inShape[3]}, ${p.filters}, ${py(p.kernelSize)}, stride=${py(p.strides)}, padding=${padding}, dilation=${py(p.dilationRate)}, bias=${py(p.useBias)})`;
      const input = symmetric ? x : `F.pad(${x}, ${pad.fpad})`;
      return {
        init: [`${m} = ${conv}`],
        forward: act(`${m}(${input})`, p.activation, 4),
        ...loads(c, m, [['weight', '.permute(3, 2, 0, 1)'], ...(p.useBias ? [['bias', ''] as [string, string]] : [])]),
      };
    }
    case 'Conv2DTranspose': {
      const p = n.params;
      const h = transposePads(p.padding, p.kernelSize[0], p.strides[0]);
      const v = transposePads(p.padding, p.kernelSize[1], p.strides[1]);
      const crop = h.before + h.after + v.before + v.after > 0;
      const extra =
        h.outputPadding + v.outputPadding > 0 ? `, output_padding=(${h.outputPadding}, ${v.outputPadding})` : '';
      const y = `${m}(${x})`;
      return {
        init: [
          `${m} = nn.ConvTranspose2d(${inShape[3]}, ${p.filters}, ${py(p.kernelSize)}, stride=${py(p.strides)}${extra}, bias=${py(p.useBias)})`,
        ],
        forward: act(crop ? `crop(${y}, ${h.before}, ${h.after}, ${v.before}, ${v.after})` : y, p.activation, 4),
        ...loads(c, m, [['weight', '.permute(3, 2, 0, 1)'], ...(p.useBias ? [['bias', ''] as [string, string]] : [])]),
      };
    }
    case 'SeparableConv2D': {
      // A grouped depthwise convolution (no bias) and a 1×1 pointwise one, in one Sequential.
      const p = n.params;
      const [kh, kw] = p.kernelSize;
      const ch = inShape[3]!;
      const mid = ch * p.depthMultiplier;
      const pad = fpads(c, p.padding, p.kernelSize, p.strides);
      const symmetric = pad.h.before === pad.h.after && pad.v.before === pad.v.after;
      const padding = symmetric ? `(${pad.h.before}, ${pad.v.before})` : '0';
      const dw = `nn.Conv2d(${ch}, ${mid}, ${py(p.kernelSize)}, stride=${py(p.strides)}, padding=${padding}, groups=${ch}, bias=False)`;
      const pw = `nn.Conv2d(${mid}, ${p.filters}, 1, bias=${py(p.useBias)})`;
      const params: ([string, string] | [string, string, string])[] = [
        [
          'depthwise.weight',
          `.permute(2, 3, 0, 1).reshape(${mid}, 1, ${kh}, ${kw})`,
          `.reshape(${ch}, ${p.depthMultiplier}, ${kh}, ${kw}).permute(2, 3, 0, 1)`,
        ],
        ['pointwise.weight', '.permute(3, 2, 0, 1)'],
        ...(p.useBias ? [['pointwise.bias', ''] as [string, string]] : []),
      ];
      return {
        init: [`${m} = nn.Sequential()`, `${m}.add_module("depthwise", ${dw})`, `${m}.add_module("pointwise", ${pw})`],
        forward: act(`${m}(${symmetric ? x : `F.pad(${x}, ${pad.fpad})`})`, p.activation, 4),
        ...loads(c, m, params),
      };
    }
    case 'DepthwiseConv2D': {
      // A grouped convolution, one group per input channel: Keras [kh, kw, C, m] is PyTorch [C × m, 1, kh, kw].
      const p = n.params;
      const [kh, kw] = p.kernelSize;
      const ch = inShape[3]!;
      const out = ch * p.depthMultiplier;
      const pad = fpads(c, p.padding, p.kernelSize, p.strides);
      const symmetric = pad.h.before === pad.h.after && pad.v.before === pad.v.after;
      const padding = symmetric ? `(${pad.h.before}, ${pad.v.before})` : '0';
      const conv = `nn.Conv2d(${ch}, ${out}, ${py(p.kernelSize)}, stride=${py(p.strides)}, padding=${padding}, groups=${ch}, bias=${py(p.useBias)})`;
      const kernel: [string, string, string] = [
        'weight',
        `.permute(2, 3, 0, 1).reshape(${out}, 1, ${kh}, ${kw})`,
        `.reshape(${ch}, ${p.depthMultiplier}, ${kh}, ${kw}).permute(2, 3, 0, 1)`,
      ];
      return {
        init: [`${m} = ${conv}`],
        forward: act(`${m}(${symmetric ? x : `F.pad(${x}, ${pad.fpad})`})`, p.activation, 4),
        ...loads(c, m, [kernel, ...(p.useBias ? [['bias', ''] as [string, string]] : [])]),
      };
    }
    case 'Conv1D': {
      const p = n.params;
      const t = windowPads(p.padding, inShape[1], p.kernelSize, p.strides, p.dilationRate);
      const symmetric = t.before === t.after;
      const conv = `nn.Conv1d(${inShape[2]}, ${p.filters}, ${p.kernelSize}, stride=${p.strides}, padding=${symmetric ? t.before : 0}, dilation=${p.dilationRate}, bias=${py(p.useBias)})`;
      const y = overTime(x, (nct) => `${m}(${symmetric ? nct : `F.pad(${nct}, (${t.before}, ${t.after}))`})`);
      return {
        init: [`${m} = ${conv}`],
        forward: act(y, p.activation, 3),
        ...loads(c, m, [['weight', '.permute(2, 1, 0)'], ...(p.useBias ? [['bias', ''] as [string, string]] : [])]),
      };
    }
    case 'MaxPooling1D':
    case 'AveragePooling1D':
      return { init: [], forward: pool1d(c, n.kind === 'MaxPooling1D', n.params), load: [], save: [] };
    case 'GlobalAveragePooling1D':
      return { init: [], forward: `${x}.mean(dim=1)`, load: [], save: [] };
    case 'GlobalMaxPooling1D':
      return { init: [], forward: `${x}.amax(dim=1)`, load: [], save: [] };
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const p = n.params;
      const pad = fpads(c, p.padding, p.poolSize, p.strides);
      const max = n.kind === 'MaxPooling2D';
      const forward = pad.any
        ? `${max ? 'max' : 'avg'}_pool_same(${x}, ${py(p.poolSize)}, ${py(p.strides)}, ${pad.fpad})`
        : `F.${max ? 'max' : 'avg'}_pool2d(${x}, ${py(p.poolSize)}, ${py(p.strides)})`;
      return { init: [], forward, load: [], save: [] };
    }
    case 'GlobalAveragePooling2D':
      return { init: [], forward: `${x}.mean(dim=(2, 3))`, load: [], save: [] };
    case 'GlobalMaxPooling2D':
      return { init: [], forward: `${x}.amax(dim=(2, 3))`, load: [], save: [] };
    case 'UpSampling2D': {
      const [sh, sw] = n.params.size;
      const forward =
        n.params.interpolation === 'nearest'
          ? `F.interpolate(${x}, scale_factor=(${sh}, ${sw}), mode="nearest")`
          : `upsample_bilinear_tfjs(${x}, ${sh}, ${sw})`;
      return { init: [], forward, load: [], save: [] };
    }
    case 'Flatten':
      return {
        init: [],
        forward: inShape.length === 4 ? `nhwc(${x}).flatten(1)` : `${x}.flatten(1)`,
        load: [],
        save: [],
      };
    case 'Permute': {
      const y = `${inShape.length === 4 ? `nhwc(${x})` : x}.permute(0, ${n.params.dims.join(', ')})`;
      return { init: [], forward: rank === 4 ? `nchw(${y})` : y, load: [], save: [] };
    }
    case 'Reshape': {
      const target = c.shape.slice(1).join(', ');
      const y = `${inShape.length === 4 ? `nhwc(${x})` : x}.reshape(${x}.shape[0], ${target})`;
      return { init: [], forward: rank === 4 ? `nchw(${y})` : y, load: [], save: [] };
    }
    case 'Dropout':
      return { init: [`${m} = nn.Dropout(${pyFloat(n.params.rate)})`], forward: `${m}(${x})`, load: [], save: [] };
    case 'GaussianNoise':
      return {
        init: [],
        forward: `(${x} + torch.randn_like(${x}) * ${pyFloat(n.params.stddev)} if self.training else ${x})`,
        load: [],
        save: [],
      };
    case 'GaussianDropout': {
      const std = pyFloat(Math.sqrt(n.params.rate / (1 - n.params.rate)));
      return {
        init: [],
        forward: `(${x} * (1 + torch.randn_like(${x}) * ${std}) if self.training else ${x})`,
        load: [],
        save: [],
      };
    }
    case 'SpatialDropout1D': {
      // nn.Dropout1d drops whole channels of (N, C, L): the sequence's features.
      const y = overTime(x, (nct) => `${m}(${nct})`);
      return { init: [`${m} = nn.Dropout1d(${pyFloat(n.params.rate)})`], forward: y, load: [], save: [] };
    }
    case 'SpatialDropout2D':
      return { init: [`${m} = nn.Dropout2d(${pyFloat(n.params.rate)})`], forward: `${m}(${x})`, load: [], save: [] };
    case 'Rescaling':
      return {
        init: [],
        forward: `${x} * ${pyFloat(n.params.scale)} + ${pyFloat(n.params.offset)}`,
        load: [],
        save: [],
      };
    case 'RandomFlip':
      return { init: [`${m} = RandomFlip(${py(n.params.mode)})`], forward: `${m}(${x})`, load: [], save: [] };
    case 'RandomRotation':
    case 'RandomTranslation':
    case 'RandomZoom': {
      const p: Warped = n.params;
      const factors =
        n.kind === 'RandomRotation'
          ? [`factor=${pyFloat(p.factor ?? 0)}`]
          : [`height_factor=${pyFloat(p.heightFactor ?? 0)}`, `width_factor=${pyFloat(p.widthFactor ?? -1)}`];
      const kind = n.kind.slice('Random'.length).toLowerCase();
      const args = [py(kind), ...factors, `fill_mode=${py(p.fillMode)}`, `interpolation=${py(p.interpolation)}`];
      args.push(`fill_value=${pyFloat(p.fillValue)}`);
      return { init: [`${m} = RandomAffine(${args.join(', ')})`], forward: `${m}(${x})`, load: [], save: [] };
    }
    case 'Normalization': {
      const io = loads(c, m, [
        ['mean', ''],
        ['variance', ''],
        ['count', '.reshape(())', '.reshape(())'],
      ]);
      const init = `${m} = KerasNormalization(${c.shape[rank - 1]}, channel_dim=${rank === 4 ? 1 : -1})`;
      return { init: [init], forward: `${m}(${x})`, ...io };
    }
    case 'BatchNormalization': {
      const p = n.params;
      const ch = c.shape[rank - 1];
      const io = loads(c, m, [
        ...(p.scale ? [['weight', '']] : []),
        ...(p.center ? [['bias', '']] : []),
        ['running_mean', ''],
        ['running_var', ''],
      ] as [string, string][]);
      return {
        init: [
          `${m} = KerasBatchNorm(${ch}, ${pyFloat(p.epsilon)}, ${pyFloat(p.momentum)}, center=${py(p.center)}, scale=${py(p.scale)}, channel_dim=${rank === 4 ? 1 : -1})`,
        ],
        forward: `${m}(${x})`,
        ...io,
      };
    }
    case 'InstanceNormalization': {
      // PyTorch's affine InstanceNorm2d has both weight and bias; with only one, a helper keeps the count exact.
      const p = n.params;
      const ch = c.shape[rank - 1];
      const io = loads(c, m, [...(p.scale ? [['weight', '']] : []), ...(p.center ? [['bias', '']] : [])] as [
        string,
        string,
      ][]);
      const init =
        p.scale && p.center
          ? `${m} = nn.InstanceNorm2d(${ch}, eps=${pyFloat(p.epsilon)}, affine=True)`
          : `${m} = KerasInstanceNorm(${ch}, ${pyFloat(p.epsilon)}, center=${py(p.center)}, scale=${py(p.scale)})`;
      return { init: [init], forward: `${m}(${x})`, ...io };
    }
    case 'ReflectionPadding2D': {
      const [t, b, l, r] = n.params.padding;
      return {
        init: [`${m} = nn.ReflectionPad2d((${l}, ${r}, ${t}, ${b}))`],
        forward: `${m}(${x})`,
        load: [],
        save: [],
      };
    }
    case 'Cropping2D': {
      const [t, b, l, r] = n.params.cropping;
      return { init: [], forward: `crop(${x}, ${t}, ${b}, ${l}, ${r})`, load: [], save: [] };
    }
    case 'RepeatVector':
      return { init: [], forward: `${x}.unsqueeze(1).repeat(1, ${n.params.n}, 1)`, load: [], save: [] };
    case 'UpSampling1D':
      return { init: [], forward: `${x}.repeat_interleave(${n.params.size}, dim=1)`, load: [], save: [] };
    case 'ZeroPadding2D': {
      const [t, b, l, r] = n.params.padding;
      return { init: [], forward: `F.pad(${x}, (${l}, ${r}, ${t}, ${b}))`, load: [], save: [] };
    }
    case 'LayerNormalization': {
      const p = n.params;
      const io = loads(c, m, [...(p.scale ? [['weight', '']] : []), ...(p.center ? [['bias', '']] : [])] as [
        string,
        string,
      ][]);
      return {
        init: [
          `${m} = KerasLayerNorm(${c.shape[rank - 1]}, ${pyFloat(p.epsilon)}, center=${py(p.center)}, scale=${py(p.scale)}, images=${py(rank === 4)})`,
        ],
        forward: `${m}(${x})`,
        ...io,
      };
    }
    case 'Activation':
      return { init: [], forward: act(x, n.params.activation, rank, n.params.alpha), load: [], save: [] };
    case 'ReLU': {
      const { maxValue, negativeSlope, threshold } = n.params;
      const t = pyFloat(threshold);
      const y = `torch.where(${x} >= ${t}, ${x}, ${pyFloat(negativeSlope)} * (${x} - ${t}))`;
      return { init: [], forward: maxValue > 0 ? `${y}.clamp(max=${pyFloat(maxValue)})` : y, load: [], save: [] };
    }
    case 'PReLU': {
      // A slope tensor in the stored layout (an image's Keras HWC slope as CHW), broadcast against x.
      const slope = preluSlopeShape(c.shape, preluAxes(n.params.sharedAxes)) as number[];
      const image = slope.length === 3;
      const dims = image ? [slope[2], slope[0], slope[1]] : slope;
      return {
        init: [`${m} = nn.Parameter(torch.zeros(${dims.join(', ')}))`],
        forward: `torch.where(${x} >= 0, ${x}, ${m} * ${x})`,
        ...loads(c, m, [image ? ['data', '.permute(2, 0, 1)', '.permute(1, 2, 0)'] : ['data', '']]),
      };
    }
    case 'ELU':
      return { init: [], forward: `F.elu(${x}, alpha=${pyFloat(n.params.alpha)})`, load: [], save: [] };
    case 'Softmax': {
      const axis = n.params.axis < 0 ? rank + n.params.axis : n.params.axis;
      const dim = rank === 4 ? [0, 2, 3, 1][axis] : axis;
      return { init: [], forward: `torch.softmax(${x}, dim=${dim})`, load: [], save: [] };
    }
    case 'Add':
      return { init: [], forward: c.inputs.join(' + '), load: [], save: [] };
    case 'Subtract':
      return { init: [], forward: `${c.inputs[0]} - ${c.inputs[1]}`, load: [], save: [] };
    case 'Multiply':
      return { init: [], forward: c.inputs.join(' * '), load: [], save: [] };
    case 'Average':
      return { init: [], forward: `(${c.inputs.join(' + ')}) / ${c.inputs.length}`, load: [], save: [] };
    case 'Maximum':
      return {
        init: [],
        forward: `torch.stack(torch.broadcast_tensors(${c.inputs.join(', ')})).amax(dim=0)`,
        load: [],
        save: [],
      };
    case 'Minimum':
      return {
        init: [],
        forward: `torch.stack(torch.broadcast_tensors(${c.inputs.join(', ')})).amin(dim=0)`,
        load: [],
        save: [],
      };
    case 'Concatenate':
      return { init: [], forward: `torch.cat([${c.inputs.join(', ')}], dim=${dimOf(rank)})`, load: [], save: [] };
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU': {
      const p = n.params;
      const io = loads(c, m, [
        ['kernel', ''],
        ['recurrent_kernel', ''],
        ...(p.useBias ? [['bias', ''] as [string, string]] : []),
      ]);
      const args = [
        py(n.kind),
        String(inShape[2]),
        String(p.units),
        `activation=${py(p.activation)}`,
        `gate=${py(c.gate ?? 'sigmoid')}`,
        `use_bias=${py(p.useBias)}`,
        `return_sequences=${py(p.returnSequences)}`,
        `dropout=${pyFloat(p.dropout)}`,
        ...(n.kind === 'GRU' && n.params.resetAfter ? ['reset_after=True'] : []),
      ];
      return { init: [`${m} = KerasRecurrent(${args.join(', ')})`], forward: `${m}(${x})`, ...io };
    }
    case 'Bidirectional': {
      const p = n.params;
      const io = loads(
        c,
        m,
        (['forward', 'backward'] as const).flatMap((dir) =>
          ['kernel', 'recurrent_kernel', 'bias'].map((k): [string, string] => [`${dir}_layer.${k}`, '']),
        ),
      );
      const args = [
        py(p.cell),
        String(inShape[2]),
        String(p.units),
        py(p.mergeMode),
        py(c.gate ?? 'sigmoid'),
        py(p.returnSequences),
        pyFloat(p.dropout),
        ...(p.cell === 'GRU' && p.resetAfter ? ['reset_after=True'] : []),
      ];
      return { init: [`${m} = KerasBidirectional(${args.join(', ')})`], forward: `${m}(${x})`, ...io };
    }
    case 'MultiHeadAttention': {
      const p = n.params;
      const valueShape = c.inputShapes[1] ?? inShape;
      const names = ['query', 'key', 'value', 'output'];
      const io = loads(
        c,
        m,
        names.flatMap((w): [string, string][] => [
          [`${w}_kernel`, ''],
          ...(p.useBias ? [[`${w}_bias`, ''] as [string, string]] : []),
        ]),
      );
      const args = [
        String(inShape[2]),
        String(valueShape[2]),
        String(p.numHeads),
        String(p.keyDim),
        String(p.valueDim > 0 ? p.valueDim : p.keyDim),
        String(c.shape[2]),
        `use_bias=${py(p.useBias)}`,
        `dropout=${pyFloat(p.dropout)}`,
      ];
      return {
        init: [`${m} = KerasMultiHeadAttention(${args.join(', ')})`],
        forward: `${m}(${x}, ${c.inputs[1] ?? x})`,
        ...io,
      };
    }
    case 'Embedding':
      return {
        init: [`${m} = nn.Embedding(${n.params.inputDim}, ${n.params.outputDim})`],
        forward: `${m}(${x}.long())`,
        ...loads(c, m, [['weight', '']]),
      };
  }
}
