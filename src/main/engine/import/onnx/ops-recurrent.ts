/**
 * ONNX RNN/LSTM/GRU (forward, batch of time-major sequences) -> SimpleRNN/
 * LSTM/GRU. The inverse of the ONNX writer's gate order (LSTM i,o,f,c ->
 * Keras i,f,c,o) and layout ([gates·units, features] -> [features,
 * gates·units]); Keras has one bias, so ONNX's input and recurrent biases are
 * summed (exact for GRU too when linear_before_reset is 0; with 1, the two
 * biases are a reset_after=True GRU's two rows). Which output the
 * model reads (Y: every step, Y_h: the last) decides return_sequences.
 */
import { ConvertContext } from '../../export/onnx/context.js';
import type { OpContext } from './context.js';
import type { TensorValue, Value } from './values.js';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';
const CELL: Record<string, Cell> = { RNN: 'SimpleRNN', LSTM: 'LSTM', GRU: 'GRU' };
const GATES: Record<Cell, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
/** For each ONNX gate slot, the Keras gate it holds (as the writer orders them). */
const GATE_ORDER: Record<Cell, number[]> = { SimpleRNN: [0], LSTM: [0, 3, 1, 2], GRU: [0, 1, 2] };
const ACTIVATIONS = { Tanh: 'tanh', Relu: 'relu', Sigmoid: 'sigmoid' } as const;
const DEFAULT_ACTS: Record<Cell, string[]> = {
  SimpleRNN: ['Tanh'],
  LSTM: ['Sigmoid', 'Tanh', 'Tanh'],
  GRU: ['Sigmoid', 'Tanh'],
};

/** [gates·units, cols] in ONNX gate order -> Keras [cols, gates·units] in Keras gate order. */
function toKeras(cell: Cell, values: Float32Array, units: number, cols: number): Float32Array {
  const block = units * cols;
  const keras = new Float32Array(values.length);
  GATE_ORDER[cell].forEach((gate, slot) => keras.set(values.subarray(slot * block, (slot + 1) * block), gate * block));
  return ConvertContext.transpose2d(keras, GATES[cell] * units, cols);
}

/** ONNX's bias in Keras gate order: input + recurrent bias summed, or (`sum` false) one row reordered. */
function kerasBias(cell: Cell, b: Float32Array, units: number, sum = true): Float32Array {
  const gu = GATES[cell] * units;
  const out = new Float32Array(gu);
  GATE_ORDER[cell].forEach((gate, slot) => {
    for (let i = 0; i < units; i++) out[gate * units + i] = b[slot * units + i] + (sum ? b[gu + slot * units + i] : 0);
  });
  return out;
}

export function readRecurrent(c: OpContext): Value[] {
  const cell = CELL[c.node.op_type];
  const x = c.tensor(0);
  if (x.chw || x.pooled || x.perm.join() !== '1,0,2')
    throw c.fail('needs a time-major view of a (batch, time, features) sequence: Transpose [1, 0, 2] before it');
  const [w, r] = [c.constant(1, 'W'), c.constant(2, 'R')];
  const bias = c.optionalConstant(3, 'B');
  if ([4, 5, 6, 7].some((i) => c.inputName(i) !== undefined))
    throw c.fail('takes sequence lengths or initial states; Deepwire starts every sequence from zeros');
  const direction = c.attrs.string('direction', 'forward');
  if (direction !== 'forward') throw c.fail(`runs ${direction}; Deepwire reads forward recurrent ops here`);
  if (c.attrs.int('layout', 0) !== 0 || c.attrs.has('clip') || c.attrs.int('input_forget', 0))
    throw c.fail('uses layout, clip or input_forget, which Keras layers do not have');
  // linear_before_reset 1 is Keras's reset_after=True: ONNX's two biases stay two rows.
  const resetAfter = cell === 'GRU' && c.attrs.int('linear_before_reset', 0) !== 0;
  const units = c.attrs.int('hidden_size', r.dims[2]);
  const acts = c.attrs.strings('activations') ?? DEFAULT_ACTS[cell];
  const gate = cell === 'SimpleRNN' ? 'Sigmoid' : acts[0];
  const main = acts[cell === 'SimpleRNN' ? 0 : 1] as keyof typeof ACTIVATIONS;
  const activation = ACTIVATIONS[main];
  // HardSigmoid gates are Keras 2's and TF.js's hard_sigmoid when their alpha and beta are 0.2 and 0.5 (the
  // only activations here that take them, so every listed alpha and beta is theirs).
  const alphas = c.attrs.floats('activation_alpha') ?? [0.2];
  const betas = c.attrs.floats('activation_beta') ?? [0.5];
  const hard =
    gate === 'HardSigmoid' &&
    alphas.every((a) => Math.abs(a - 0.2) < 1e-6) &&
    betas.every((b) => Math.abs(b - 0.5) < 1e-6);
  if ((gate !== 'Sigmoid' && !hard) || !activation || (cell === 'LSTM' && acts[2] !== acts[1]))
    throw c.fail(
      `uses activations ${acts.join(', ')}; Deepwire's gates are sigmoid or hard sigmoid (alpha 0.2, beta 0.5), its activation tanh, relu or sigmoid`,
    );
  const gates =
    cell === 'SimpleRNN' ? {} : { recurrentActivation: hard ? ('hard_sigmoid' as const) : ('sigmoid' as const) };
  const features = w.dims[2];
  let built: { value: TensorValue; returnSequences: boolean } | undefined;
  const build = (returnSequences: boolean): TensorValue => {
    if (built && built.returnSequences !== returnSequences)
      throw c.fail('is read both for every step (Y) and for the last (Y_h); a Keras layer gives one');
    if (built) return built.value;
    const t = x.shape[0];
    const y = c.g.add(
      cell,
      { units, returnSequences, activation, useBias: !!bias, ...gates, ...(cell === 'GRU' ? { resetAfter } : {}) },
      [x],
      returnSequences ? [t, units] : [units],
      returnSequences ? [1, 0, 2] : [0, 1],
    );
    c.g.weight(y.node, 'kernel', [features, GATES[cell] * units], toKeras(cell, w.values, units, features));
    c.g.weight(y.node, 'recurrent_kernel', [units, GATES[cell] * units], toKeras(cell, r.values, units, units));
    if (bias && resetAfter) {
      const gu = GATES[cell] * units;
      const rows = [0, 1].map((row) => kerasBias(cell, bias.values.subarray(row * gu, (row + 1) * gu), units, false));
      c.g.weight(y.node, 'bias', [2, gu], Float32Array.from([...rows[0], ...rows[1]]));
    } else if (bias) c.g.weight(y.node, 'bias', [GATES[cell] * units], kerasBias(cell, bias.values, units));
    built = { value: y, returnSequences };
    return y;
  };
  return [
    { kind: 'recurrent', output: 'Y', build },
    { kind: 'recurrent', output: 'Y_h', build },
  ];
}
