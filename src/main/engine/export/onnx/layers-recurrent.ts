/**
 * SimpleRNN, LSTM, GRU and Bidirectional as ONNX RNN/LSTM/GRU ops.
 *
 * Keras keeps the kernels as [features, gates·units] with gate columns in
 * the order LSTM i,f,c,o / GRU z,r,h; ONNX wants W [dirs, gates·units,
 * features] with LSTM gates i,o,f,c (GRU z,r,h unchanged) and two biases
 * (input, recurrent): Keras's single bias goes in the first, zeros in the
 * second. Keras GRU with reset_after=false is ONNX GRU with
 * linear_before_reset=0; with reset_after=true (bias (2, 3u): input row,
 * recurrent row) it is linear_before_reset=1 with both rows as ONNX's two
 * biases. Time runs on axis 0 in ONNX (ONNX Runtime
 * does not run layout=1), hence the transposes.
 */
import type { GraphNode } from '../../../../shared/graph/types.js';
import type { ActivationName } from '../../../../shared/layers/types.js';
import type { GateActivation, WeightArray } from '../snapshot.js';
import { ConvertContext, type Value } from './context.js';
import { attr } from './proto.js';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';

const GATES: Record<Cell, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };
/** For each ONNX gate slot, the Keras gate it takes. */
const GATE_ORDER: Record<Cell, number[]> = { SimpleRNN: [0], LSTM: [0, 3, 1, 2], GRU: [0, 1, 2] };
const OP: Record<Cell, string> = { SimpleRNN: 'RNN', LSTM: 'LSTM', GRU: 'GRU' };

interface OnnxActivation {
  name: string;
  /** Parameters, for the activations that take them. */
  alpha?: number;
  beta?: number;
}

/** ONNX recurrent ops take a fixed list of activations; those are the ones a Deepwire recurrent layer may use here. */
const RNN_ACTIVATIONS: Partial<Record<ActivationName | GateActivation, OnnxActivation>> = {
  tanh: { name: 'Tanh' },
  relu: { name: 'Relu' },
  sigmoid: { name: 'Sigmoid' },
  elu: { name: 'Elu', alpha: 1 },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
  hard_sigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
};

export const RECURRENT_ACTIVATIONS = Object.keys(RNN_ACTIVATIONS) as ActivationName[];

/** One direction's ONNX W, R and B, gate-reordered and transposed. */
function directionTensors(cell: Cell, units: number, [kernel, recurrent, bias]: (WeightArray | undefined)[]) {
  const gates = GATES[cell];
  const reorder = (values: Float32Array, rows: number) => {
    // [rows, gates·units] -> ONNX [gates·units, rows] with gates permuted.
    const t = ConvertContext.transpose2d(values, rows, gates * units);
    const out = new Float32Array(t.length);
    GATE_ORDER[cell].forEach((from, to) =>
      out.set(t.subarray(from * units * rows, (from + 1) * units * rows), to * units * rows),
    );
    return out;
  };
  const features = kernel!.shape[0];
  const b = new Float32Array(2 * gates * units);
  // A GRU with reset_after has two bias rows (input, recurrent): ONNX's Wb and Rb.
  const rows = bias ? bias.values.length / (gates * units) : 0;
  for (let row = 0; row < rows; row++) {
    const at = row * gates * units;
    GATE_ORDER[cell].forEach((from, to) =>
      b.set(bias!.values.subarray(at + from * units, at + (from + 1) * units), at + to * units),
    );
  }
  return { w: reorder(kernel!.values, features), r: reorder(recurrent!.values, units), b, features };
}

interface RecurrentSpec {
  cell: Cell;
  units: number;
  returnSequences: boolean;
  activation: ActivationName;
  useBias: boolean;
  gate: GateActivation;
  /** GRU: the reset gate applied after the recurrent matmul (ONNX linear_before_reset=1). */
  resetAfter?: boolean;
  /** Forward only, or [forward, backward] weights for Bidirectional. */
  directions: WeightArray[][];
}

function activationList(spec: RecurrentSpec): OnnxActivation[] {
  const act = RNN_ACTIVATIONS[spec.activation]!;
  const gate = RNN_ACTIVATIONS[spec.gate]!;
  const one = spec.cell === 'SimpleRNN' ? [act] : spec.cell === 'GRU' ? [gate, act] : [gate, act, act];
  return spec.directions.flatMap(() => one);
}

/** Runs the op; returns Y [T, dirs, N, H] and Y_h [dirs, N, H]. */
function runRecurrent(ctx: ConvertContext, name: string, x: Value, spec: RecurrentSpec): { y: string; yh: string } {
  const b = ctx.b;
  const dirs = spec.directions.map((ws) => directionTensors(spec.cell, spec.units, ws));
  const concat = (key: 'w' | 'r' | 'b') => {
    const parts = dirs.map((d) => d[key]);
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((off, p) => (out.set(p, off), off + p.length), 0);
    return out;
  };
  const gu = GATES[spec.cell] * spec.units;
  const n = dirs.length;
  const inputs = [
    b.node('Transpose', [x.name], `${name}/time_major`, { attrs: [attr.ints('perm', [1, 0, 2])] }),
    b.float(`${name}/W`, [n, gu, dirs[0].features], concat('w')),
    b.float(`${name}/R`, [n, gu, spec.units], concat('r')),
    b.float(`${name}/B`, [n, 2 * gu], concat('b')),
  ];
  const acts = activationList(spec);
  // ONNX Runtime hands the listed alphas/betas only to the activations that take them, in order.
  const alphas = acts.flatMap((a) => (a.alpha === undefined ? [] : [a.alpha]));
  const betas = acts.flatMap((a) => (a.beta === undefined ? [] : [a.beta]));
  const attrs = [
    attr.i('hidden_size', spec.units),
    attr.s('direction', n === 2 ? 'bidirectional' : 'forward'),
    attr.strings(
      'activations',
      acts.map((a) => a.name),
    ),
    ...(alphas.length ? [attr.floats('activation_alpha', alphas)] : []),
    ...(betas.length ? [attr.floats('activation_beta', betas)] : []),
    ...(spec.cell === 'GRU' ? [attr.i('linear_before_reset', spec.resetAfter ? 1 : 0)] : []),
  ];
  const [y, yh] = b.nodeOutputs(OP[spec.cell], inputs, `${name}/${OP[spec.cell].toLowerCase()}`, { attrs, outputs: 2 });
  return { y, yh };
}

function squeeze(ctx: ConvertContext, x: string, axis: number, base: string): string {
  return ctx.b.node('Squeeze', [x, ctx.b.int64(`${base}/axes`, [axis])], `${base}/squeeze`);
}

function recurrentOutput(ctx: ConvertContext, name: string, x: Value, spec: RecurrentSpec): string {
  const { y, yh } = runRecurrent(ctx, name, x, spec);
  if (!spec.returnSequences) return squeeze(ctx, yh, 0, name);
  const seq = squeeze(ctx, y, 1, name);
  return ctx.b.node('Transpose', [seq], `${name}/batch_major`, { attrs: [attr.ints('perm', [1, 0, 2])] });
}

type RnnNode = GraphNode & { kind: Cell };

export function convertRecurrent(ctx: ConvertContext, node: RnnNode, [x]: Value[]): string {
  const p = node.params;
  const ws = ctx.weights(node, p.useBias ? 3 : 2);
  const gate = ctx.snap.gates.get(node.name) ?? 'sigmoid';
  return recurrentOutput(ctx, node.name, x, {
    cell: node.kind,
    units: p.units,
    returnSequences: p.returnSequences,
    activation: p.activation,
    useBias: p.useBias,
    gate,
    resetAfter: node.kind === 'GRU' && node.params.resetAfter,
    directions: [ws],
  });
}

/**
 * Bidirectional: ONNX direction=bidirectional gives both directions, the
 * backward one already aligned with input time (as Keras re-reverses it),
 * then the merge mode combines them on the direction axis.
 */
export function convertBidirectional(
  ctx: ConvertContext,
  node: GraphNode & { kind: 'Bidirectional' },
  [x]: Value[],
): string {
  const p = node.params;
  const ws = ctx.weights(node, 6);
  const gate = ctx.snap.gates.get(node.name) ?? 'sigmoid';
  const spec: RecurrentSpec = {
    cell: p.cell,
    units: p.units,
    returnSequences: p.returnSequences,
    activation: 'tanh',
    useBias: true,
    gate,
    resetAfter: p.cell === 'GRU' && p.resetAfter,
    directions: [ws.slice(0, 3), ws.slice(3)],
  };
  const { y, yh } = runRecurrent(ctx, node.name, x, spec);
  const b = ctx.b;
  // Bring the direction axis next to the units: [N, 2, H] or [N, T, 2, H].
  const perm = p.returnSequences ? [2, 0, 1, 3] : [1, 0, 2];
  const stacked = b.node('Transpose', [p.returnSequences ? y : yh], `${node.name}/directions_last`, {
    attrs: [attr.ints('perm', perm)],
  });
  const dirAxis = perm.length - 2;
  switch (p.mergeMode) {
    case 'concat': {
      const shape = p.returnSequences ? [0, 0, 2 * p.units] : [0, 2 * p.units];
      return b.node('Reshape', [stacked, b.int64(`${node.name}/concat_shape`, shape)], `${node.name}/concat`);
    }
    case 'sum':
      return b.node('ReduceSum', [stacked, b.int64(`${node.name}/dir_axis`, [dirAxis])], `${node.name}/sum`, {
        attrs: [attr.i('keepdims', 0)],
      });
    case 'ave':
      return b.node('ReduceMean', [stacked], `${node.name}/ave`, {
        attrs: [attr.ints('axes', [dirAxis]), attr.i('keepdims', 0)],
      });
    case 'mul':
      return b.node('ReduceProd', [stacked], `${node.name}/mul`, {
        attrs: [attr.ints('axes', [dirAxis]), attr.i('keepdims', 0)],
      });
  }
}
