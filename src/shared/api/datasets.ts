/** What the studio shows about a dataset before training: built-ins and previews. */
import { z } from 'zod';
import { BUILTIN_DATASETS } from '../training/config.js';
import { pixelsSchema } from '../training/protocol.js';

export const DATASET_TASKS = ['classification', 'regression', 'sequence'] as const;

export const builtinDatasetInfoSchema = z.object({
  id: z.enum(BUILTIN_DATASETS),
  name: z.string(),
  description: z.string(),
  task: z.enum(DATASET_TASKS),
  /** One sample, without the batch axis (e.g. [28, 28, 1]). */
  sampleShape: z.array(z.number().int().positive()),
  classes: z.array(z.string()).nullable(),
  /** Known once loaded (dataset.preview reports it); null in the list. */
  trainSize: z.number().int().nonnegative().nullable(),
  testSize: z.number().int().nonnegative().nullable(),
});
export type BuiltinDatasetInfo = z.infer<typeof builtinDatasetInfoSchema>;

export const previewSampleSchema = z.object({
  /** Class name (classification) or the target value (regression / sequence). */
  label: z.union([z.string(), z.number()]),
  image: pixelsSchema.optional(),
  /** Feature values of a table row (or the last step of a sequence window). */
  row: z.array(z.number()).optional(),
});
export type PreviewSample = z.infer<typeof previewSampleSchema>;

export const datasetPreviewSchema = z.object({
  name: z.string(),
  task: z.enum(DATASET_TASKS),
  /** null (None) for a length that varies: token sequences of different lengths. */
  sampleShape: z.array(z.number().int().positive().nullable()),
  /** Samples available for training (after `limit`). */
  trainSize: z.number().int().nonnegative(),
  classes: z.array(z.string()).nullable(),
  /** Feature column names of tables; null for images. */
  columns: z.array(z.string()).nullable(),
  samples: z.array(previewSampleSchema),
  /** Samples per class over the training set; null for regression. */
  classBalance: z.array(z.object({ label: z.string(), count: z.number().int().nonnegative() })).nullable(),
});
export type DatasetPreview = z.infer<typeof datasetPreviewSchema>;
