/**
 * `channels_first` (NCHW) Keras models -> Deepwire's NHWC, before the layers are read: every layer with
 * `data_format: channels_first` becomes `channels_last` (Keras stores conv kernels the same either way, so
 * their weights need no change), InputLayers and Reshapes that feed such layers have their channel axis
 * moved last, and layers that keep the layout (BatchNormalization, merges, activations) have a channel
 * axis of 1 moved to -1. One warning lists what was converted. The units of a Dense that writes into a
 * moved Reshape (a DCGAN generator's projection) are in C,H,W order: `reordered` names it and the layers
 * between (BatchNormalization), so trained weights can be put in H,W,C order to match.
 */
import { DeepwireError } from '../../errors.js';
import type { JsonObject, RawLayer } from '../types.js';

/** Layers that keep their input's layout, so a channel axis stays where their input has it. */
const LAYOUT_KEEPING = new Set([
  'BatchNormalization',
  'Activation',
  'Dropout',
  'SpatialDropout2D',
  'GaussianNoise',
  'GaussianDropout',
  'LeakyReLU',
  'ReLU',
  'ELU',
  'Softmax',
  'Add',
  'Subtract',
  'Multiply',
  'Average',
  'Maximum',
  'Minimum',
  'Concatenate',
]);
/** Layers that reduce a map to a vector, so their output has no channel axis to move. */
const FLATTENING = new Set(['Flatten', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']);

export interface ChannelsConversion {
  layers: RawLayer[];
  /** Layers whose units are a [C, H, W] map in C,H,W order: their weights' last axis must become H,W,C. */
  reordered: { layers: string[]; shape: number[] }[];
}

const isFirst = (l: RawLayer) => l.config.data_format === 'channels_first';
const batchKey = (c: JsonObject) => ['batch_shape', 'batch_input_shape'].find((k) => Array.isArray(c[k]));

/** Rank-3 `[C, ...spatial]` -> `[...spatial, C]`. */
const rotate = (shape: unknown[]) => [...shape.slice(1), shape[0]];

export function toChannelsLast(layers: RawLayer[], warnings: string[]): ChannelsConversion {
  if (!layers.some(isFirst)) return { layers, reordered: [] };
  const consumers = new Map<string, RawLayer[]>();
  for (const l of layers) for (const r of l.inputs) consumers.set(r.layer, [...(consumers.get(r.layer) ?? []), l]);
  // Does the tensor of `name` reach a channels_first layer through layout-keeping layers only?
  const feedsFirst = (name: string, seen = new Set<string>()): boolean =>
    (consumers.get(name) ?? []).some(
      (c) =>
        !seen.has(c.name) && (isFirst(c) || (LAYOUT_KEEPING.has(c.className) && feedsFirst(c.name, seen.add(c.name)))),
    );
  const nchw = new Set<string>();
  const converted: string[] = [];
  const moved: string[] = [];
  const out = layers.map((layer): RawLayer => {
    const config = { ...layer.config };
    const inputsNchw = layer.inputs.length > 0 && layer.inputs.every((r) => nchw.has(r.layer));
    if (isFirst(layer)) {
      config.data_format = 'channels_last';
      converted.push(layer.name);
      if (!FLATTENING.has(layer.className)) nchw.add(layer.name);
    } else if (layer.className === 'InputLayer' || layer.className === 'Reshape') {
      const key = layer.className === 'Reshape' ? 'target_shape' : batchKey(config);
      const shape = key ? (config[key] as unknown[]) : undefined;
      const rank = layer.className === 'Reshape' ? 3 : 4;
      if (key && shape?.length === rank && feedsFirst(layer.name)) {
        config[key] = rank === 4 ? [shape[0], ...rotate(shape.slice(1))] : rotate(shape);
        moved.push(layer.name);
        nchw.add(layer.name);
      }
    } else if (LAYOUT_KEEPING.has(layer.className) && inputsNchw) {
      nchw.add(layer.name);
      const axis = Array.isArray(config.axis) && config.axis.length === 1 ? config.axis[0] : config.axis;
      if (axis === 1) config.axis = -1;
      else if (axis !== undefined && axis !== null) throw mixed(layer, `over axis ${JSON.stringify(config.axis)}`);
    } else if (layer.inputs.some((r) => nchw.has(r.layer)) && layer.className !== 'Flatten') {
      throw mixed(layer, `as ${String(config.data_format ?? 'channels_last')}`);
    }
    return { ...layer, config };
  });
  warnings.push(
    `the model is channels_first (NCHW); it is read as channels_last (NHWC): ${converted.length} layer(s) converted` +
      (moved.length ? `, the channel axis of ${moved.map((n) => `'${n}'`).join(', ')} moved last` : ''),
  );
  return { layers: out, reordered: reorderedUnits(layers, moved) };
}

/** DW320: a layer that reads a channels_first tensor in another layout than its producer wrote it. */
const mixed = (layer: RawLayer, how: string) =>
  new DeepwireError(
    'DW320',
    `layer '${layer.name}' (${layer.className}) reads the channels_first (NCHW) output of an earlier layer ${how}: the model mixes layouts`,
    layer.name,
  );

/** For each moved Reshape, the Dense that writes its units and the layout-keeping layers in between. */
function reorderedUnits(layers: RawLayer[], moved: string[]): ChannelsConversion['reordered'] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const result: ChannelsConversion['reordered'] = [];
  for (const name of moved) {
    const reshape = byName.get(name)!;
    if (reshape.className !== 'Reshape' || reshape.inputs.length !== 1) continue;
    const chain: string[] = [];
    let at = byName.get(reshape.inputs[0].layer);
    while (at && LAYOUT_KEEPING.has(at.className) && at.inputs.length === 1) {
      chain.push(at.name);
      at = byName.get(at.inputs[0].layer);
    }
    if (at?.className === 'Dense')
      result.push({ layers: [at.name, ...chain], shape: reshape.config.target_shape as number[] });
  }
  return result;
}
