/**
 * What a sweep is, shared by the engine, the CLI and the studio contract:
 * its options, the parsed form of one `--param name=values` spec, the tag a
 * trial's run record carries, and the events a running sweep reports.
 */
import { z } from 'zod';
import { BACKEND_PREFERENCES } from '../training/backend.js';

export const SEARCH_METHODS = ['grid', 'random', 'bayes'] as const;
export type SearchMethod = (typeof SEARCH_METHODS)[number];

/** One value a trial gives a parameter. */
export const sweepValueSchema = z.union([z.number().finite(), z.string().max(200), z.boolean()]);
export type SweepValue = z.infer<typeof sweepValueSchema>;
/** A trial's values, keyed by the param's path as written (`training.learningRate`, `dense.units`). */
export const trialParamsSchema = z.record(z.string().max(200), sweepValueSchema);
export type TrialParams = z.infer<typeof trialParamsSchema>;

/** The values a parameter may take: a list, or a range sampled linearly or log-uniformly. */
export const sweepDomainSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('choice'), values: z.array(sweepValueSchema).min(1).max(1000) }),
  z.strictObject({
    kind: z.literal('range'),
    min: z.number().finite(),
    max: z.number().finite(),
    scale: z.enum(['linear', 'log']),
    /** Points a grid search takes from the range (random and Bayesian search sample it). */
    gridPoints: z.number().int().min(2).max(100),
  }),
]);
export type SweepDomain = z.infer<typeof sweepDomainSchema>;

export const sweepParamSchema = z.strictObject({ path: z.string().min(1).max(200), domain: sweepDomainSchema });
export type SweepParam = z.infer<typeof sweepParamSchema>;

const metricName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a metric name like "val_loss"');

/** A sweep's options; `params` are the same text specs the CLI's --param takes. */
export const sweepOptionsSchema = z.strictObject({
  params: z.array(z.string().min(1).max(500)).min(1).max(32),
  search: z.enum(SEARCH_METHODS).default('random'),
  /** Trials to run (a grid runs all its points, at most this many). */
  trials: z.number().int().min(1).max(1000).default(12),
  /** Epochs of a trial that is never stopped early; ASHA's rungs are 1, η, η², … below it. Default: the project's. */
  budgetEpochs: z.number().int().min(1).max(10000).optional(),
  /** Train each trial on the first N training samples. */
  limit: z.number().int().positive().optional(),
  seed: z.number().int().default(1),
  /** The epoch metric trials are ranked by (default val_loss, or loss without a validation split). */
  metric: metricName.optional(),
  /** Trials at a time (each in its own engine worker when above 1). */
  parallel: z.number().int().min(1).max(16).default(1),
  /** ASHA's reduction factor η: a trial goes on past a rung only while in the best 1/η there. */
  reductionFactor: z.number().int().min(2).max(10).default(3),
  /** false: every trial trains its full budget. */
  earlyStopping: z.boolean().default(true),
  backend: z.enum(BACKEND_PREFERENCES).optional(),
});
export type SweepOptions = z.input<typeof sweepOptionsSchema>;
export type ParsedSweepOptions = z.output<typeof sweepOptionsSchema>;

/** What a trial's run record says about its sweep. */
export const sweepTagSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** 1-based trial number within the sweep. */
  trial: z.number().int().min(1),
  params: trialParamsSchema,
  /** The epoch at which ASHA stopped it (absent when it trained its whole budget). */
  stoppedAtEpoch: z.number().int().min(1).optional(),
});
export type SweepTag = z.infer<typeof sweepTagSchema>;

export const TRIAL_STATES = ['pending', 'running', 'completed', 'pruned', 'stopped', 'failed'] as const;
export type TrialState = (typeof TRIAL_STATES)[number];

const finiteOrNull = z.number().finite().nullable();

/** One trial as tables show it. */
export const trialSummarySchema = z.strictObject({
  trial: z.number().int().min(1),
  runId: z.string(),
  params: trialParamsSchema,
  state: z.enum(TRIAL_STATES),
  epochsCompleted: z.number().int().min(0),
  epochs: z.number().int().min(1),
  /** The ranked metric at its last epoch (null until one epoch ended, or when it diverged). */
  value: finiteOrNull,
  /** The ranked metric per epoch. */
  curve: z.array(finiteOrNull),
  seconds: z.number().min(0),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});
export type TrialSummary = z.infer<typeof trialSummarySchema>;

export const sweepStateSchema = z.enum(['running', 'paused', 'stopping', 'finished', 'stopped', 'failed']);
export type SweepState = z.infer<typeof sweepStateSchema>;

/** Everything a sweep table, plot and best curve need, as one snapshot. */
export const sweepSnapshotSchema = z.strictObject({
  sweepId: z.string(),
  state: sweepStateSchema,
  search: z.enum(SEARCH_METHODS),
  metric: z.string(),
  direction: z.enum(['min', 'max']),
  /** Parameter paths, in the order given. */
  paramPaths: z.array(z.string()),
  /** ASHA's rungs (epochs at which bad trials stop); empty without early stopping. */
  rungs: z.array(z.number().int().min(1)),
  plannedTrials: z.number().int().min(0),
  trials: z.array(trialSummarySchema),
  /** The best finished trial's number, null while none finished. */
  best: z.number().int().min(1).nullable(),
  /** Per batch of the trial running now: 0..1 of its epochs, for progress bars. */
  progress: z.record(z.string(), z.number().min(0).max(1)),
});
export type SweepSnapshot = z.infer<typeof sweepSnapshotSchema>;

export const sweepEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('trial-started'), trial: trialSummarySchema }),
  z.strictObject({
    type: z.literal('trial-progress'),
    trial: z.number().int().min(1),
    epoch: z.number().int().min(1),
    epochs: z.number().int().min(1),
    batch: z.number().int().min(0),
    batchesPerEpoch: z.number().int().min(1),
  }),
  z.strictObject({ type: z.literal('trial-epoch'), trial: trialSummarySchema }),
  z.strictObject({ type: z.literal('trial-finished'), trial: trialSummarySchema }),
  z.strictObject({ type: z.literal('state'), state: sweepStateSchema }),
]);
export type SweepEvent = z.infer<typeof sweepEventSchema>;
