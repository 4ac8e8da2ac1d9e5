/**
 * Where the pack replaces a TF.js layer's call (not a kernel): SimpleRNN,
 * LSTM, Conv2D and Dense on untrained inputs. Each wrapper takes
 * over only the calls it recognises and leaves the rest to TF.js's own.
 */
import * as tf from '@tensorflow/tfjs';

type Inputs = tf.Tensor | tf.Tensor[];
type Kwargs = Record<string, unknown> | undefined;
type Call = (this: tf.layers.Layer, inputs: Inputs, kwargs?: Kwargs) => tf.Tensor;

/** The registered class's prototype (TF.js's serialization map knows every layer class), or null. */
function layerPrototype(className: string): { call: Call } | null {
  const cls = tf.serialization.SerializationMap.getMap().classNameMap[className]?.[0] as unknown as
    { prototype: { call: Call } } | undefined;
  return cls?.prototype ?? null;
}

/**
 * Replace `className`'s call: `fast(layer, inputs, kwargs)` answers the output,
 * or null to run the original. Wraps an own `call` on that class only (a
 * subclass with its own call, like Conv2DTranspose, keeps it).
 */
export function wrapLayerCall<L>(
  className: string,
  fast: (layer: L, inputs: Inputs, kwargs: Kwargs) => tf.Tensor | null,
): void {
  const proto = layerPrototype(className);
  if (!proto) return;
  const original = proto.call;
  proto.call = function (this: tf.layers.Layer, inputs, kwargs) {
    return fast(this as unknown as L, inputs, kwargs) ?? original.call(this, inputs, kwargs);
  };
}

/** What the plain recurrent case needs of a layer (SimpleRNN, LSTM). */
export interface RecurrentLayer {
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
}

/**
 * The input sequence [B, T, I] when the call is the plain case on wasm: one
 * float tensor, no mask or initial state, no returned state, not stateful,
 * not backwards unless `backwards` (a fused op that reverses time itself).
 * Null otherwise.
 */
export function plainSequence(
  layer: RecurrentLayer,
  inputs: Inputs,
  kwargs: Kwargs,
  backwards = false,
): tf.Tensor3D | null {
  const x = Array.isArray(inputs) ? (inputs.length === 1 ? inputs[0] : null) : inputs;
  const plain =
    tf.getBackend() === 'wasm' &&
    x !== null &&
    x.rank === 3 &&
    x.dtype === 'float32' &&
    kwargs?.mask == null &&
    kwargs?.initialState == null &&
    !layer.returnState &&
    (backwards || !layer.goBackwards) &&
    !layer.stateful;
  return plain ? (x as tf.Tensor3D) : null;
}
