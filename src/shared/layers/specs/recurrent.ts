/**
 * Recurrent layers over (batch, time, features) sequences.
 *
 * Weights per layer = gates × (units × (features + units) + units bias). GRU
 * with reset_after=True (Keras's default) has a second bias vector per gate:
 * one on the input side and one on the recurrent side.
 */
import { defineSpec, fail, formatShape, lastDim, ok, trainable } from './util.js';
import type { ParamCount, Shape, ShapeResult } from '../types.js';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';
const GATES: Record<Cell, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

function sequenceOut(x: Shape, width: number, returnSequences: boolean): ShapeResult {
  if (x.length !== 3)
    return fail('DW118', `expects a sequence (None, time steps, features), got ${x.length}-D ${formatShape(x)}`);
  if (x[2] === null) return fail('DW118', `needs a known feature size, got ${formatShape(x)}`);
  return ok(returnSequences ? [x[0], x[1], width] : [x[0], width]);
}

function cellParams(cell: Cell, x: Shape, units: number, useBias: boolean): number {
  return GATES[cell] * (units * (lastDim(x) + units) + (useBias ? units : 0));
}

function cellFlops(cell: Cell, x: Shape, units: number): number {
  return 2 * (x[1] ?? 1) * GATES[cell] * units * (lastDim(x) + units);
}

/**
 * TF.js has no leaky_relu cell activation (Dense and Conv layers get a
 * LeakyReLU layer appended instead, which a recurrent cell cannot have).
 */
function rnnOut(x: Shape, p: RnnParams & { activation: string }): ShapeResult {
  if (p.activation === 'leaky_relu')
    return fail('DW136', 'cannot use leaky_relu inside a recurrent cell: choose tanh, relu, elu or another activation');
  return sequenceOut(x, p.units, p.returnSequences);
}

interface RnnParams {
  units: number;
  returnSequences: boolean;
  useBias: boolean;
}

const rnnCount =
  (cell: Cell) =>
  ([x]: readonly Shape[], p: RnnParams): ParamCount =>
    trainable(cellParams(cell, x, p.units, p.useBias));

export const SimpleRNN = defineSpec({
  kind: 'SimpleRNN',
  category: 'Recurrent',
  label: 'SimpleRNN',
  doc:
    'A plain recurrent layer: at every time step the new state is activation(W·x + U·state + b). ' +
    'Outputs the last state, or the state at every step with return sequences (to stack another ' +
    'recurrent layer). Fine for short sequences; prefer LSTM or GRU for long ones.',
  arity: 'one',
  kerasClass: 'SimpleRNN',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 10, 1]],
  rules: {
    shape:
      '(None, T, F) → (None, units), or (None, T, units) with return sequences. Needs a 3-D input (DW118); leaky_relu is not available as a cell activation (DW136).',
    params: 'units × (F + units) + units (bias).',
    flops: '2 × T × units × (F + units).',
  },
  outputShape: ([x], p) => rnnOut(x, p),
  paramCount: rnnCount('SimpleRNN'),
  flops: ([x], p) => cellFlops('SimpleRNN', x, p.units),
});

export const LSTM = defineSpec({
  kind: 'LSTM',
  category: 'Recurrent',
  label: 'LSTM',
  doc:
    'Long short-term memory: a recurrent layer with input, forget and output gates and a cell state, ' +
    'which lets it carry information over many time steps. Four times the weights of a SimpleRNN ' +
    'of the same size.',
  arity: 'one',
  kerasClass: 'LSTM',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28]],
  rules: {
    shape:
      '(None, T, F) → (None, units), or (None, T, units) with return sequences. Needs a 3-D input (DW118); leaky_relu is not available as a cell activation (DW136).',
    params: '4 × (units × (F + units) + units).',
    flops: '2 × T × 4 × units × (F + units).',
  },
  outputShape: ([x], p) => rnnOut(x, p),
  paramCount: rnnCount('LSTM'),
  flops: ([x], p) => cellFlops('LSTM', x, p.units),
});

export const GRU = defineSpec({
  kind: 'GRU',
  category: 'Recurrent',
  label: 'GRU',
  doc:
    'Gated recurrent unit: a lighter LSTM with update and reset gates and no separate cell state ' +
    "(three times the weights of a SimpleRNN). With reset after (Keras's default) the reset gate scales " +
    "the recurrent term after its matmul and each gate has two bias vectors; without it (TF.js's variant) one.",
  arity: 'one',
  kerasClass: 'GRU',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28]],
  rules: {
    shape:
      '(None, T, F) → (None, units), or (None, T, units) with return sequences. Needs a 3-D input (DW118); leaky_relu is not available as a cell activation (DW136).',
    params:
      "3 × (units × (F + units) + units), plus 3 × units for the recurrent bias with reset after (Keras's default).",
    flops: '2 × T × 3 × units × (F + units).',
  },
  outputShape: ([x], p) => rnnOut(x, p),
  paramCount: ([x], p) =>
    trainable(cellParams('GRU', x, p.units, p.useBias) + (p.resetAfter && p.useBias ? GATES.GRU * p.units : 0)),
  flops: ([x], p) => cellFlops('GRU', x, p.units),
});

export const Bidirectional = defineSpec({
  kind: 'Bidirectional',
  category: 'Recurrent',
  label: 'Bidirectional',
  doc:
    'Runs a recurrent layer (SimpleRNN, LSTM or GRU) forwards and a copy of it backwards over the ' +
    'sequence and merges the two outputs: concat doubles the width, sum/mul/ave keep it. It has twice ' +
    "the wrapped layer's weights. A wrapped GRU honours reset after as the GRU layer does.",
  arity: 'one',
  kerasClass: 'Bidirectional',
  traits: { fusedActivation: false, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 28, 28]],
  rules: {
    shape:
      '(None, T, F) → (None, W) or (None, T, W) with return sequences, where W = 2 × units for concat and units for sum, mul and ave. Needs a 3-D input (DW118).',
    params:
      "2 × the wrapped cell's count (with bias; a GRU with reset after has its second bias vector in each direction).",
    flops: "2 × the wrapped cell's FLOPs.",
  },
  outputShape: ([x], p) => sequenceOut(x, p.mergeMode === 'concat' ? 2 * p.units : p.units, p.returnSequences),
  paramCount: ([x], p) =>
    trainable(
      2 * (cellParams(p.cell, x, p.units, true) + (p.cell === 'GRU' && p.resetAfter ? GATES.GRU * p.units : 0)),
    ),
  flops: ([x], p) => 2 * cellFlops(p.cell, x, p.units),
});
