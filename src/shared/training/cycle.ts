/**
 * CycleGAN settings (Zhu et al. 2017), under a GAN project's `gan.cycle`:
 * where the two unpaired image domains come from and the weights of the
 * paper's losses. Defaults are the paper's.
 */
import { z } from 'zod';

/** The built-in offline pair: MNIST digits (A) and other MNIST digits, inverted with strokes thickened by a 3×3 max filter (B). */
export const CYCLE_MNIST_PAIR = 'mnist-inverted-thick';

export const cycleDomainsSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal(CYCLE_MNIST_PAIR) }),
  z.strictObject({
    source: z.literal('image-folders'),
    /** Two folders of PNG/JPEG images (subfolders are read too), unpaired. */
    a: z.string().min(1),
    b: z.string().min(1),
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([28, 28]),
    channels: z.union([z.literal(1), z.literal(3)]).default(1),
  }),
]);
export type CycleDomains = z.infer<typeof cycleDomainsSchema>;

export const cycleConfigSchema = z.strictObject({
  domains: cycleDomainsSchema.default({ source: CYCLE_MNIST_PAIR }),
  /** λ of the cycle-consistency L1 loss. */
  cycleWeight: z.number().min(0).max(1000).default(10),
  /** Identity loss weight as a fraction of λ (the paper: 0.5). */
  identityWeight: z.number().min(0).max(10).default(0.5),
  /** Generated images kept per discriminator (the paper's history buffer). */
  historySize: z.number().int().min(0).max(10_000).default(50),
  /** Fraction of the run after which the learning rates decay linearly to 0. */
  decayStart: z.number().min(0).max(1).default(0.5),
  /** Held-out images of domain A for the translation error (built-in pair only). */
  heldout: z.number().int().positive().max(10_000).default(500),
});
export type CycleConfig = z.infer<typeof cycleConfigSchema>;
