/**
 * Wrappers and attention over sequences: TimeDistributed applies one inner layer (chosen by a param, as
 * Bidirectional chooses its cell) to every time step with the same weights, so shapes and counts are the
 * inner layer's on each step.
 */
import { Dense } from './dense.js';
import { defineSpec, fail, formatShape } from './util.js';

export const TimeDistributed = defineSpec({
  kind: 'TimeDistributed',
  category: 'Dense',
  label: 'TimeDistributed',
  doc:
    'Applies a layer (Dense) to every time step of a sequence with the same weights: a per-token ' +
    'classifier after a recurrent layer with return sequences (e.g. a BiLSTM part-of-speech tagger). ' +
    "Its weights are the wrapped layer's.",
  arity: 'one',
  kerasClass: 'TimeDistributed',
  traits: { fusedActivation: true, kerasBuildConfig: true, keepsDtype: false },
  example: [[null, 40, 512]],
  rules: {
    shape:
      '(None, T, F) → (None, T, units): the wrapped Dense on every step. Needs a 3-D sequence (DW160); its features must be known (DW104).',
    params: 'F × units + units (bias), as the wrapped Dense: the weights are shared by every step.',
    flops: '2 × T × F × units.',
  },
  outputShape: ([x], p) => {
    if (x.length !== 3)
      return fail('DW160', `expects a sequence (None, time steps, features), got ${x.length}-D ${formatShape(x)}`);
    return Dense.outputShape([x], p);
  },
  paramCount: (inputs, p, out) => Dense.paramCount(inputs, p, out),
  flops: (inputs, p, out) => Dense.flops(inputs, p, out),
});
