/**
 * Recurrent layers that return their states (`return_state=True`) or are given an initial state
 * (`initial_state=[h, c]`, the seq2seq encoder/decoder pattern, issue #14). A Deepwire layer has one output
 * and a recurrent layer one input, so such a model cannot become a project; it is still read, so that
 * `deepwire summary` prints its layers and Keras-exact totals (the weights do not depend on the states),
 * with DW319 on each such layer; `deepwire import` refuses it with DW312 naming DW319.
 */
import type { Diagnostic, ShapeReport } from '../../shape/types.js';
import { layerLabel, type RawLayer } from '../types.js';

const RECURRENT = ['LSTM', 'GRU', 'SimpleRNN'];

/** Whether tensor `tensor` of `layer` is one of its states (which the reader lets through to report DW319). */
export const isStateTensor = (layer: RawLayer | undefined, tensor: number): boolean =>
  !!layer && tensor > 0 && RECURRENT.includes(layer.className) && layer.config.return_state === true;

/**
 * The layers with `return_state` read as false and the initial-state tensors dropped, each with a DW319
 * error naming the layer; tensors taken from a state read as the layer's output.
 */
export function withoutRecurrentStates(layers: RawLayer[]): { layers: RawLayer[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = [];
  const byName = new Map(layers.map((l) => [l.name, l]));
  const problem = (layer: RawLayer, message: string) =>
    problems.push({
      code: 'DW319',
      severity: 'error',
      nodeId: layer.name,
      message: `${layerLabel(layer.name, layer.className)} ${message}`,
    });
  const out = layers.map((layer) => {
    let next = layer;
    if (RECURRENT.includes(layer.className) && layer.config.return_state === true) {
      problem(layer, 'returns its states (return_state): a Deepwire layer has one output');
      next = { ...next, config: { ...next.config, return_state: false } };
    }
    if (RECURRENT.includes(layer.className) && layer.inputs.length > 1) {
      const states = layer.inputs.slice(1).map((r) => `'${r.layer}'`);
      problem(
        layer,
        `is given its initial state from ${states.join(', ')}: a Deepwire recurrent layer starts from zeros`,
      );
      next = { ...next, inputs: layer.inputs.slice(0, 1) };
    }
    if (next.inputs.some((r) => isStateTensor(byName.get(r.layer), r.tensor))) {
      problem(layer, 'takes a recurrent state as its input');
      next = { ...next, inputs: next.inputs.map((r) => ({ ...r, tensor: 0 })) };
    }
    return next;
  });
  return { layers: out, problems };
}

/** A shape report with the reader's problems added in front (not valid when there are any). */
export function withReadProblems(report: ShapeReport, problems: readonly Diagnostic[] | undefined): ShapeReport {
  if (!problems?.length) return report;
  return { ...report, diagnostics: [...problems, ...report.diagnostics], ok: false };
}
