/**
 * Options the reader changes on the way in, each with a warning naming the layer, where the model stays
 * the same network: stateful recurrent layers (state carried between batches is a training choice, not
 * part of the weights). A time dimension of None (`[null, null]` token ids) is read as it is: the Input's
 * shape holds None (issue #14).
 */
import { layerLabel, type RawLayer } from '../types.js';

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
export const relaxLayer = (layer: RawLayer, warnings: string[]): RawLayer => withoutState(layer, warnings);
