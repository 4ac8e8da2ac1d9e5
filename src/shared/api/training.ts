/** Training as the studio sees it: start overrides, run state, streamed events. */
import { z } from 'zod';
import { BACKEND_PREFERENCES, backendReportSchema } from '../training/backend.js';
import { trainingEventSchema } from '../training/protocol.js';

export { backendReportSchema };

/** Per-run changes on top of the project's own training settings. */
export const trainingOverridesSchema = z
  .strictObject({
    epochs: z.number().int().positive().max(100000),
    batchSize: z.number().int().positive().max(65536),
    /** Use only the first N training samples. */
    limit: z.number().int().positive(),
    learningRate: z.number().positive().max(10),
    backend: z.enum(BACKEND_PREFERENCES),
  })
  .partial();
export type TrainingOverrides = z.infer<typeof trainingOverridesSchema>;

export const RUN_STATES = ['idle', 'starting', 'running', 'paused', 'stopping'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const runStatusSchema = z.object({
  state: z.enum(RUN_STATES),
  /** The current (or last) run; null before the first run. */
  runId: z.string().nullable(),
});
export type RunStatus = z.infer<typeof runStatusSchema>;

/** One engine event (the worker protocol's own schema: one definition of events) tagged with its run. */
export const trainingEventPayloadSchema = z.object({ runId: z.string(), event: trainingEventSchema });
