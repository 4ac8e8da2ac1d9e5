/**
 * Options the reader changes on the way in, each with a warning naming the layer, where the model stays
 * the same network: variable-length sequence inputs (Keras text and sequence models declare their time
 * dimension as None, `[null, null]` token ids or `[null, null, 52]` features; Deepwire's shapes are fixed,
 * so the input gets a default length the user then sets) and stateful recurrent layers (state carried
 * between batches is a training choice, not part of the weights).
 */
import { layerLabel, type RawLayer } from '../types.js';

/** The number of steps a time dimension of None is read as (docs/import.md). */
export const DEFAULT_SEQUENCE_LENGTH = 100;

/**
 * An InputLayer whose only unknown size is the time dimension (the first after the batch) of a sequence
 * (rank 1 or 2 after the batch), with that dimension set to DEFAULT_SEQUENCE_LENGTH; other layers unchanged.
 */
export function withDefaultSequenceLength(layer: RawLayer, warnings: string[]): RawLayer {
  if (layer.className !== 'InputLayer') return layer;
  const key = ['batch_shape', 'batch_input_shape'].find((k) => Array.isArray(layer.config[k]));
  if (!key) return layer;
  const shape = layer.config[key] as unknown[];
  const rest = shape.slice(2);
  if (shape.length < 2 || shape.length > 3 || shape[1] !== null || rest.some((d) => !Number.isInteger(d))) return layer;
  warnings.push(
    `${layerLabel(layer.name, layer.className)} has a time dimension of None (variable length); ` +
      `it is read as ${DEFAULT_SEQUENCE_LENGTH} steps: set the Input's length to your sequences' length`,
  );
  const fixed = [shape[0], DEFAULT_SEQUENCE_LENGTH, ...rest];
  return { ...layer, config: { ...layer.config, [key]: fixed } };
}

const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];

/** A stateful LSTM/GRU/SimpleRNN read as stateless (same weights; Deepwire resets state every batch). */
export function withoutState(layer: RawLayer, warnings: string[]): RawLayer {
  if (!RECURRENT.includes(layer.className) || layer.config.stateful !== true) return layer;
  warnings.push(
    `${layerLabel(layer.name, layer.className)} is stateful in Keras; it is read as stateless ` +
      '(same weights; the state is reset every batch)',
  );
  return { ...layer, config: { ...layer.config, stateful: false } };
}

/** Every change above, in order. */
export const relaxLayer = (layer: RawLayer, warnings: string[]): RawLayer =>
  withoutState(withDefaultSequenceLength(layer, warnings), warnings);
