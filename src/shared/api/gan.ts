/** "Generate dataset" from a trained GAN (issue #13): the studio's twin of `deepwire generate`. */
import { z } from 'zod';
import { datasetConfigSchema } from '../training/config.js';

export const GENERATED_FORMATS = ['png', 'idx'] as const;

export const generatedDatasetSchema = z.object({
  /** The folder written (absolute). */
  out: z.string(),
  format: z.enum(GENERATED_FORMATS),
  count: z.number().int().positive(),
  /** Conditional GANs: the number of classes (count / classes samples each). */
  classes: z.number().int().positive().optional(),
  /** What the folder holds: class folders, or the IDX files. */
  files: z.array(z.string()),
  /** Conditional GANs: a dataset config that trains on the result. */
  dataset: datasetConfigSchema.optional(),
  seconds: z.number().nonnegative(),
});
export type GeneratedDataset = z.infer<typeof generatedDatasetSchema>;
