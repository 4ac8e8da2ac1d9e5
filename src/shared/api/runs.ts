/**
 * Run history in the studio (issue #15): the table, curve overlays, the diff
 * of two runs, restore and delete. The open document's run records travel
 * with each request (they may not be saved yet); the studio adds the runs its
 * file gained meanwhile (CLI runs, sweeps) and does the work.
 */
import { z } from 'zod';
import { graphDocSchema } from '../graph/schema.js';
import { RUN_OUTCOMES, runRecordSchema } from '../project/runs-schema.js';
import { weightsSchema } from '../project/weights-schema.js';
import type { RunDiff } from '../runs/diff.js';
import { OVERLAY_POINTS, OVERLAY_SCALES, type Overlay } from '../runs/overlay.js';
import type { RunRow } from '../runs/table.js';
import { projectDocSchema } from './project.js';

const path = z.string().min(1).max(4096);
const runId = z.string().min(1).max(200);
const hyperValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** What every history command reads: the document's runs and, once saved, its file. */
export const historySource = {
  runs: z.array(runRecordSchema).max(100_000).default([]),
  /** The document's file: runs recorded into it since it was opened are listed too. */
  projectPath: path.optional(),
};

export const runRowSchema: z.ZodType<RunRow> = z.object({
  index: z.number().int(),
  id: z.string(),
  startedAt: z.string(),
  backend: z.string(),
  device: z.string().nullable(),
  dataset: z.string(),
  datasetSize: z.number().nullable(),
  hyperparameters: z.record(z.string(), hyperValue),
  summary: z.string(),
  graphRevision: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  samplesPerSecond: z.number().nullable(),
  epochsCompleted: z.number(),
  metrics: z.record(z.string(), z.number().nullable()),
  outcome: z.enum(RUN_OUTCOMES),
});

export const overlaySchema: z.ZodType<Overlay> = z.object({
  scale: z.enum(OVERLAY_SCALES),
  metric: z.string().nullable(),
  metrics: z.array(z.string()),
  x: z.array(z.number()),
  series: z.array(
    z.object({ id: z.string(), index: z.number().int(), label: z.string(), values: z.array(z.number().nullable()) }),
  ),
});

const valueChange = <T extends z.ZodType>(v: T) => z.object({ key: z.string(), a: v.nullable(), b: v.nullable() });
const layerInfo = z.object({ name: z.string(), kind: z.string(), params: z.record(z.string(), z.unknown()) });

export const runDiffSchema: z.ZodType<RunDiff> = z.object({
  a: z.object({ id: z.string(), graphRevision: z.string().nullable() }),
  b: z.object({ id: z.string(), graphRevision: z.string().nullable() }),
  hyperparameters: z.array(valueChange(hyperValue)),
  graph: z.object({
    comparable: z.boolean(),
    sameRevision: z.boolean(),
    added: z.array(layerInfo),
    removed: z.array(layerInfo),
    changed: z.array(
      z.object({
        name: z.string(),
        kindA: z.string(),
        kindB: z.string(),
        params: z.array(z.object({ key: z.string(), a: z.unknown(), b: z.unknown() })),
      }),
    ),
    linksAdded: z.array(z.string()),
    linksRemoved: z.array(z.string()),
  }),
  metrics: z.array(valueChange(z.number())),
}) as z.ZodType<RunDiff>;

export const RUNS_COMMANDS = {
  'runs.list': {
    summary: 'Every run of the project as table rows (date, backend, dataset, settings, graph, speed, metrics).',
    request: z.strictObject(historySource),
    response: z.object({ rows: z.array(runRowSchema) }),
  },
  'runs.curves': {
    summary: 'Overlay one metric of several runs on shared axes (per epoch or per batch), ready for the chart.',
    request: z.strictObject({
      ...historySource,
      ids: z.array(runId).min(1).max(20),
      scale: z.enum(OVERLAY_SCALES).default('epoch'),
      /** A key of the runs' curves (`loss`, `val_accuracy`, `d_loss` …); the first recorded one when absent. */
      metric: z.string().max(100).optional(),
      points: z.number().int().min(10).max(5000).default(OVERLAY_POINTS),
    }),
    response: overlaySchema,
  },
  'runs.diff': {
    summary: 'What changed between two runs: settings, layers and their params, links; final metrics side by side.',
    request: z.strictObject({ ...historySource, a: runId, b: runId }),
    response: z.object({ diff: runDiffSchema, indexA: z.number().int(), indexB: z.number().int() }),
  },
  'runs.restore': {
    summary:
      "A past run's graph and the weights that fit it (the document's, or the run's side project); " +
      'the page applies it as one undo step.',
    request: z.strictObject({
      /** The open document (its runs, graph and weights). */
      project: projectDocSchema,
      run: runId,
      projectPath: path.optional(),
    }),
    response: z.object({
      index: z.number().int(),
      graph: graphDocSchema,
      graphChanged: z.boolean(),
      /**
       * kept: the document's weights fit; restored: `weights` holds them; none: train again (the page
       * keeps its own).
       */
      weightsState: z.enum(['kept', 'restored', 'none']),
      weights: weightsSchema.nullable(),
      /** Where the weights that no longer fit were saved (beside the file), if any. */
      displacedPath: z.string().nullable(),
    }),
  },
  'runs.delete': {
    summary: "Remove runs from the project's file (under its lock); the page removes them from the document.",
    request: z.strictObject({ ids: z.array(runId).min(1).max(100_000), projectPath: path.optional() }),
    response: z.object({ deleted: z.array(z.string()) }),
  },
} as const;
