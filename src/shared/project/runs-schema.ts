/**
 * Run history: one record per finished (or stopped, or failed) training run,
 * with the settings it used and its per-epoch curves, so a project remembers
 * how its weights came to be.
 */
import { z } from 'zod';
import { graphDocSchema } from '../graph/schema.js';
import { sweepTagSchema } from '../sweep/config.js';
import { BACKENDS } from '../training/backend.js';
import { datasetConfigSchema, ganConfigSchema, trainingConfigSchema } from '../training/config.js';

export const RUN_OUTCOMES = ['completed', 'stopped', 'failed', 'interrupted'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

const isoDate = z.iso.datetime({ offset: true });
/** JSON has no NaN/Infinity: a diverged value is stored as null. */
const metricValue = z.preprocess(
  (v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v),
  z.number().nullable(),
);
const metricName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a metric name like "val_loss"');
const count = z.number().int().min(0);

/** One per-batch curve, downsampled when recorded (src/shared/runs/downsample.ts): global batch step and value. */
// One check per array, not a schema per element: 200 runs hold 400,000 of these values, and a project must open fast.
const arrayOf = <T>(ok: (v: unknown) => boolean, message: string) =>
  z.custom<T[]>((v) => Array.isArray(v) && v.every(ok), { message });
const isStep = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isValue = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));
export const batchSeriesSchema = z
  .strictObject({
    step: arrayOf<number>(isStep, 'expected an array of batch numbers (whole numbers from 1)'),
    value: arrayOf<number | null>(isValue, 'expected an array of numbers (null where a value diverged)'),
  })
  .refine((s) => s.step.length === s.value.length, {
    message: 'step and value must have the same length',
    path: ['value'],
  });
export type BatchSeries = z.infer<typeof batchSeriesSchema>;

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
  /** Where it ran, e.g. the GPU or CPU the backend reported (absent in older records). */
  device: z.string().max(200).optional(),
  /** Samples in each split as loaded (after --limit). */
  datasetSizes: z.strictObject({ train: count, validation: count, test: count }).optional(),
  /** The graph this run trained, so runs can be compared layer by layer and the graph restored. */
  graph: graphDocSchema.optional(),
  /** Per-batch curves (`loss`, `accuracy`, GAN `d_loss` …), at most 1,000 points each. */
  batchHistory: z.record(metricName, batchSeriesSchema).optional(),
  /** Why a failed run failed (a numbered error). */
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  /** The sweep this run was a trial of, and the trial's values (issue #15). */
  sweep: sweepTagSchema.optional(),
});
export type RunRecord = z.infer<typeof runRecordSchema>;
