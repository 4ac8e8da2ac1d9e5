/** Small conditional GAN documents for the tests: the small MLP GAN made conditional ("Make conditional"). */
import { makeConditional } from '../../../../src/shared/graph/make-conditional.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import { mlpGan } from './graphs.js';

export function tinyConditionalGan(classes = 10): GraphDoc {
  const made = makeConditional(mlpGan({ hidden: 32, latent: 16 }), classes);
  if (!made.ok) throw new Error(made.reason);
  return made.doc;
}
