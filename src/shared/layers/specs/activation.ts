/** The stand-alone Activation and ReLU layers (Dense and Conv layers also take an activation param). */
import { NO_PARAMS, defineSpec, ok, perSample } from './util.js';

export const Activation = defineSpec({
  kind: 'Activation',
  category: 'Activation',
  label: 'Activation',
  doc:
    'Applies a function to every value: relu, leaky_relu (negative slope alpha), elu, selu, sigmoid, ' +
    'tanh, softmax (over the last axis), gelu, swish, or linear (identity). Same shape out as in, no weights.',
  arity: 'one',
  kerasClass: 'Activation',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 128]],
  rules: {
    shape: 'Unchanged.',
    params: '0',
    flops: '1 per value (0 for linear).',
  },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x], p) => (p.activation === 'linear' ? 0 : perSample(x)),
});

export const ReLU = defineSpec({
  kind: 'ReLU',
  category: 'Activation',
  label: 'ReLU',
  doc:
    "Keras's ReLU layer with its options: max value caps the output (6 gives the ReLU6 of MobileNet), and " +
    'values below the threshold are multiplied by the negative slope: f(x) = min(max value, x) for x ≥ threshold, ' +
    'negative slope × (x − threshold) below it.',
  arity: 'one',
  kerasClass: 'ReLU',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [[null, 112, 112, 32]],
  rules: { shape: 'Unchanged.', params: '0', flops: '1 per value.' },
  outputShape: ([x]) => ok(x),
  paramCount: () => NO_PARAMS,
  flops: ([x]) => perSample(x),
});
