/**
 * The hidden state over time of a trained recurrent model for one sequence
 * (issue #15): each SimpleRNN / LSTM / GRU layer run again with
 * return_sequences semantics (a copy of the layer with returnSequences: true and
 * the same weights) on that layer's input, drawn as units × steps heat maps.
 */
import * as tf from '@tensorflow/tfjs';
import { divergingHeatMap, safeName } from './draw.js';

type Layer = tf.layers.Layer;

/** One recurrent layer's output at every time step for the inspected sample. */
export interface HiddenState {
  layer: string;
  className: string;
  steps: number;
  units: number;
  /** units × steps: values[u][t] is unit u after step t (the last column is the layer's usual output). */
  values: number[][];
  /** The picture of it (a `pictures[].file`). */
  file: string;
}

export const RECURRENT_CLASSES = ['SimpleRNN', 'LSTM', 'GRU', 'ResetAfterGRU'];

/** Heat maps are drawn about this wide and at most this tall, in pixels. */
const TARGET_WIDTH = 336;
const MAX_HEIGHT = 512;

/** The layer's output at every step for input batch `x` (one sample): [steps, units]. */
function sequenceOf(model: tf.LayersModel, layer: Layer, x: tf.Tensor): tf.Tensor2D {
  const input = tf.model({ inputs: model.inputs, outputs: layer.input as tf.SymbolicTensor }).predict(x) as tf.Tensor;
  const Ctor = layer.constructor as new (args: object) => Layer;
  const copy = new Ctor({
    ...layer.getConfig(),
    name: `${layer.name}_over_time`,
    returnSequences: true,
    returnState: false,
    stateful: false,
  });
  copy.apply(input); // builds the copy's weights, which the trained ones then replace
  copy.setWeights(layer.getWeights());
  const seq = (copy.apply(input) as tf.Tensor).squeeze([0]) as tf.Tensor2D;
  copy.dispose();
  return seq;
}

/** Every recurrent layer's hidden state over time for input batch `x`, with a picture of each. */
export function hiddenStates(
  model: tf.LayersModel,
  x: tf.Tensor,
): {
  states: HiddenState[];
  pictures: { file: string; caption: string; pixels: ReturnType<typeof divergingHeatMap> }[];
} {
  const recurrent = (model.layers as Layer[]).filter((l) => RECURRENT_CLASSES.includes(l.getClassName()));
  const states: HiddenState[] = [];
  const pictures = [];
  for (const layer of recurrent) {
    const seq = sequenceOf(model, layer, x);
    const [steps, units] = seq.shape;
    const flat = seq.transpose().dataSync() as Float32Array; // units × steps, row-major
    const values = Array.from({ length: units }, (_, u) => Array.from(flat.subarray(u * steps, (u + 1) * steps)));
    const file = `hidden-state-${safeName(layer.name)}.png`;
    const cellWidth = Math.max(1, Math.floor(TARGET_WIDTH / steps));
    const cellHeight = Math.max(1, Math.min(cellWidth, Math.floor(MAX_HEIGHT / units)));
    pictures.push({
      file,
      caption: `${layer.name}: ${units} units (rows) over ${steps} steps (columns); blue negative, red positive`,
      pixels: divergingHeatMap(flat, units, steps, cellWidth, cellHeight),
    });
    states.push({ layer: layer.name, className: layer.getClassName(), steps, units, values, file });
  }
  return { states, pictures };
}
