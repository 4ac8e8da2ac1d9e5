/**
 * Run history: one record per finished (or stopped, or failed) training run,
 * with the settings it used and its per-epoch curves, so a project remembers
 * how its weights came to be.
 */
import { z } from 'zod';
import { BACKENDS } from '../training/backend.js';
import { datasetConfigSchema, ganConfigSchema, trainingConfigSchema } from '../training/config.js';

export const RUN_OUTCOMES = ['completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

const isoDate = z.iso.datetime({ offset: true });
/** JSON has no NaN/Infinity: a diverged value is stored as null. */
const metricValue = z.preprocess((v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), z.number().nullable());
const metricName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a metric name like "val_loss"');

export const runRecordSchema = z.strictObject({
  id: z.string().min(1),
  startedAt: isoDate,
  endedAt: isoDate.optional(),
  status: z.enum(RUN_OUTCOMES),
  backend: z.enum(BACKENDS),
  /** The graph revision the run trained (see revision.ts). */
  graphRevision: z.string().optional(),
  /** The settings of this run, after per-run overrides. */
  config: z.strictObject({
    dataset: datasetConfigSchema,
    training: trainingConfigSchema,
    gan: ganConfigSchema.optional(),
  }),
  epochsCompleted: z.number().int().min(0).default(0),
  /**
   * Per-epoch curves keyed like Keras's `History.history`: `loss`,
   * `accuracy`, `val_loss`, `val_accuracy` (GAN runs: `d_loss`, `g_loss`, …);
   * entry i is epoch i + 1.
   */
  history: z.record(metricName, z.array(metricValue)).default({}),
  /** Final evaluation, e.g. `testLoss`, `testAccuracy`, `samplesPerSecond`. */
  metrics: z.record(metricName, metricValue).default({}),
  /** Why a failed run failed (a numbered error). */
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
