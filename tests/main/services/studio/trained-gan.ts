/** A small conditional GAN project with weights (its initial ones), as the page holds a trained GAN. */
import { compileGan } from '../../../../src/main/engine/gan/models.js';
import { modelWeightsBlob } from '../../../../src/main/engine/weights.js';
import { tinyConditionalGan } from '../../engine/gan/conditional-graphs.js';

export function trainedDoc() {
  const graph = tinyConditionalGan();
  const models = compileGan(graph, 'vanilla');
  const weights = modelWeightsBlob([models.generator, models.discriminator], graph);
  models.generator.dispose();
  models.discriminator.dispose();
  return {
    kind: 'gan' as const,
    name: 'cgan',
    graph,
    dataset: { source: 'fashion-mnist' as const, validationSplit: 0.1, seed: 42 },
    training: { epochs: 1 },
    gan: {},
    weights,
  };
}
