/** Sources: the model's Input and the generator's latent Noise. */
import { NO_PARAMS, defineSpec, ok } from './util.js';

export const Input = defineSpec({
  kind: 'Input',
  category: 'Input',
  label: 'Input',
  doc:
    'Where data enters the model. The shape excludes the batch: H×W×C for images (e.g. 28×28×1), ' +
    'T×F for sequences (time steps × features), or N for flat vectors. Choose int32 with shape T ' +
    'when the model starts with an Embedding of token ids.',
  arity: 'none',
  kerasClass: 'InputLayer',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [],
  rules: {
    shape: '(None, …shape): the sample shape with the batch in front.',
    params: '0',
    flops: '0',
  },
  outputShape: (_inputs, p) => ok([null, ...p.shape]),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});

export const Noise = defineSpec({
  kind: 'Noise',
  category: 'Input',
  label: 'Noise',
  doc:
    "The generator's source in a GAN: a random latent vector z of the given size, drawn fresh for " +
    'every sample from a normal or uniform distribution. In the compiled model it is an Input of ' +
    'shape (size); the trainer feeds it random values.',
  arity: 'none',
  kerasClass: 'InputLayer',
  traits: { fusedActivation: false, kerasBuildConfig: false, keepsDtype: false },
  example: [],
  rules: {
    shape: '(None, size).',
    params: '0',
    flops: '0',
  },
  outputShape: (_inputs, p) => ok([null, p.size]),
  paramCount: () => NO_PARAMS,
  flops: () => 0,
});
