/**
 * SimpleRNN, LSTM, GRU and Bidirectional <-> Keras.
 *
 * Deepwire's recurrent layers are Keras's defaults: sigmoid gates
 * (`recurrent_activation`) and LSTM `unit_forget_bias`. GRU keeps
 * `reset_after` both ways: absent, it is Keras 3's default true in a Keras 3
 * config and false in Keras 2 / TF.js ones (their default). The gates
 * (`recurrent_activation`) are sigmoid or hard_sigmoid, read and written as
 * `recurrentActivation`: hard_sigmoid is Keras 2's and TF.js's
 * clip(0.2·x + 0.5, 0, 1) (old Keras 2 and TF.js's default); Keras 3's
 * differs and is refused (DW315); Deepwire's Keras 3 files name the Keras 2
 * form as the function `hard_sigmoid_tfjs` (see activations.ts).
 */
import { hasInlineActivation, writeActivation } from '../activations.js';
import type { LayerConfig } from '../config.js';
import { initializer, layerConfig, nulls } from '../emit.js';
import { DeepwireError } from '../../errors.js';
import type { RecurrentParams } from '../../layers/params.js';
import type { JsonObject, KerasStyle } from '../types.js';
import { kerasObject } from '../emit.js';
import type { LayerReader, WriterTable } from './mapping.js';

type Cell = 'SimpleRNN' | 'LSTM' | 'GRU';
const CELLS: readonly Cell[] = ['SimpleRNN', 'LSTM', 'GRU'];

export const GATE_ACTIVATIONS = ['sigmoid', 'hard_sigmoid'] as const;
export type GateActivation = (typeof GATE_ACTIVATIONS)[number];

/** recurrent_activation: sigmoid, or Keras 2's / TF.js's hard_sigmoid (Keras 3's is refused, DW315). */
function readGate(cfg: LayerConfig): GateActivation {
  cfg.refuseKeras3HardSigmoid('recurrent_activation');
  const gate = cfg.activation('recurrent_activation', 'sigmoid');
  if (!(GATE_ACTIVATIONS as readonly string[]).includes(gate))
    throw cfg.unsupported('recurrent_activation', "'sigmoid' or 'hard_sigmoid' gates");
  return gate as GateActivation;
}

function readRnn(cfg: LayerConfig, cell: Cell): RecurrentParams {
  cfg.ignoreRegularizers();
  for (const key of ['return_state', 'go_backwards', 'stateful', 'time_major'])
    cfg.expect(key, [false], `${key} false`);
  cfg.ignore('recurrent_dropout', [0], 'Deepwire applies dropout to the inputs only');
  return {
    units: cfg.int('units'),
    activation: cfg.activation('activation', 'tanh'),
    useBias: cfg.bool('use_bias', true),
    returnSequences: cfg.bool('return_sequences', false),
    dropout: cfg.float('dropout', 0, 0, 0.99),
    ...(cell === 'SimpleRNN' ? {} : { recurrentActivation: readGate(cfg) }),
  };
}

/** TF.js 4.22's GRU refuses reset_after=True: its dialect names Deepwire's own layer (compile/layers). */
export const TFJS_RESET_AFTER_GRU = 'ResetAfterGRU';

/** Keras 3 configs carry a DTypePolicy object or a `seed`; Keras 2 and TF.js ones neither. */
const looksKeras3 = (cfg: LayerConfig): boolean =>
  'seed' in cfg.raw || (typeof cfg.raw.dtype === 'object' && cfg.raw.dtype !== null);

/** GRU's reset_after as written, or the default of the Keras that wrote the file. */
export const readResetAfter = (cfg: LayerConfig): boolean => cfg.bool('reset_after', looksKeras3(cfg));

const readCell =
  (cell: Cell): LayerReader =>
  (cfg) => ({
    kind: cell,
    params: { ...readRnn(cfg, cell), ...(cell === 'GRU' ? { resetAfter: readResetAfter(cfg) } : {}) },
  });

/** Bidirectional(layer): the wrapped layer must be a plain tanh recurrent layer with a bias. */
const readBidirectional: LayerReader = (cfg) => {
  const inner = cfg.nested('layer');
  const cell = (inner.className === TFJS_RESET_AFTER_GRU ? 'GRU' : inner.className) as Cell;
  if (!CELLS.includes(cell)) throw cfg.unsupported('layer', 'a wrapped SimpleRNN, LSTM or GRU');
  const rnn = readRnn(inner, cell);
  if (rnn.activation !== 'tanh') throw inner.unsupported('activation', "'tanh' inside Bidirectional");
  if (!rnn.useBias) throw inner.unsupported('use_bias', 'true inside Bidirectional');
  if (cfg.has('backward_layer')) {
    const back = cfg.nested('backward_layer');
    if (back.className !== inner.className || back.raw.units !== rnn.units)
      throw cfg.unsupported('backward_layer', `a copy of the forward ${cell}`);
  }
  const mergeMode = cfg.choice('merge_mode', ['concat', 'sum', 'mul', 'ave'] as const, 'concat');
  return {
    kind: 'Bidirectional',
    params: {
      cell,
      units: rnn.units,
      returnSequences: rnn.returnSequences,
      dropout: rnn.dropout,
      mergeMode,
      recurrentActivation: rnn.recurrentActivation ?? 'sigmoid',
      // Only a GRU has the option; other cells keep the param's default.
      resetAfter: cell === 'GRU' ? readResetAfter(inner) : true,
    },
  };
};

export const recurrentReaders: Record<string, LayerReader> = {
  SimpleRNN: readCell('SimpleRNN'),
  LSTM: readCell('LSTM'),
  GRU: readCell('GRU'),
  [TFJS_RESET_AFTER_GRU]: readCell('GRU'),
  Bidirectional: readBidirectional,
};

function rnnActivation(p: RecurrentParams, style: KerasStyle, name: string, cell: Cell): string | JsonObject {
  if (!hasInlineActivation(p.activation, style)) {
    throw new DeepwireError(
      'DW305',
      `${cell} '${name}' uses activation ${p.activation}, which ${style === 'tfjs' ? 'TF.js' : 'Keras 2'} recurrent layers cannot express`,
      name,
    );
  }
  return writeActivation(p.activation, style);
}

/** The config of one recurrent layer, with the keys (and order) each dialect writes. */
function rnnConfig(cell: Cell, p: RecurrentParams, style: KerasStyle, name: string, goBackwards = false): JsonObject {
  const flags = {
    return_sequences: p.returnSequences,
    return_state: false,
    go_backwards: goBackwards,
    stateful: false,
    unroll: false,
  };
  const gated = cell !== 'SimpleRNN';
  const core: JsonObject = {
    units: p.units,
    activation: rnnActivation(p, style, name, cell),
    ...(gated ? { recurrent_activation: writeActivation(p.recurrentActivation ?? 'sigmoid', style) } : {}),
    use_bias: p.useBias,
    kernel_initializer: initializer(style, 'GlorotUniform'),
    recurrent_initializer: initializer(style, 'Orthogonal'),
    bias_initializer: initializer(style, 'Zeros'),
    ...(cell === 'LSTM' ? { unit_forget_bias: true } : {}),
    ...nulls('kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'activity_regularizer'),
    ...nulls('kernel_constraint', 'recurrent_constraint', 'bias_constraint'),
    dropout: p.dropout,
    recurrent_dropout: 0,
  };
  if (style === 'keras3') {
    return layerConfig(style, name, {
      ...flags,
      zero_output_for_mask: false,
      ...core,
      ...(cell === 'GRU' ? { reset_after: p.resetAfter ?? false } : {}),
      seed: null,
    });
  }
  const tail = {
    ...(gated ? { implementation: style === 'tfjs' ? null : 2 } : {}),
    ...(cell === 'GRU' ? { reset_after: p.resetAfter ?? false } : {}),
  };
  if (style === 'keras2') return layerConfig(style, name, { ...flags, time_major: false, ...core, ...tail });
  return layerConfig(style, name, { ...core, ...tail, ...flags });
}

const writeCell =
  <C extends Cell>(cell: C) =>
  (p: RecurrentParams, { style, name }: { style: KerasStyle; name: string }) => ({
    className: style === 'tfjs' && p.resetAfter ? TFJS_RESET_AFTER_GRU : cell,
    config: rnnConfig(cell, p, style, name),
  });

export const recurrentWriters: WriterTable<'SimpleRNN' | 'LSTM' | 'GRU' | 'Bidirectional'> = {
  SimpleRNN: writeCell('SimpleRNN'),
  LSTM: writeCell('LSTM'),
  GRU: writeCell('GRU'),
  Bidirectional: (p, { style, name }) => {
    const rnn: RecurrentParams = {
      units: p.units,
      activation: 'tanh',
      useBias: true,
      returnSequences: p.returnSequences,
      dropout: p.dropout,
      recurrentActivation: p.recurrentActivation,
      ...(p.cell === 'GRU' ? { resetAfter: p.resetAfter } : {}),
    };
    const inner = `${name}_${p.cell.toLowerCase()}`;
    const innerClass = writeCell(p.cell)(rnn, { style, name: inner }).className;
    const wrap = (innerName: string, backwards = false) =>
      kerasObject(style, 'keras.layers', innerClass, rnnConfig(p.cell, rnn, style, innerName, backwards));
    // Keras 3 serializes both directions; Keras 2 and TF.js only the forward layer.
    const layers =
      style === 'keras3'
        ? { layer: wrap(`forward_${inner}`), backward_layer: wrap(`backward_${inner}`, true) }
        : { layer: wrap(inner) };
    return { className: 'Bidirectional', config: layerConfig(style, name, { merge_mode: p.mergeMode, ...layers }) };
  },
};
