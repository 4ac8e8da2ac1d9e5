/**
 * Sweeps in the studio (issue #15): start, pause, resume, stop, status and
 * promote, and one event carrying the sweep's whole snapshot (the table, the
 * parallel-coordinates plot and the best curve are drawn from it as sent:
 * the page computes nothing). A finished trial's run record comes with its
 * event, so the open document keeps it like any other run.
 */
import { z } from 'zod';
import { graphDocSchema } from '../graph/schema.js';
import { runRecordSchema } from '../project/runs-schema.js';
import { weightsSchema } from '../project/weights-schema.js';
import { sweepEventSchema, sweepOptionsSchema, sweepSnapshotSchema } from '../sweep/config.js';
import { trainingConfigSchema } from '../training/config.js';
import { projectDocSchema } from './project.js';

const empty = z.strictObject({});

export const SWEEP_COMMANDS = {
  'sweep.start': {
    summary:
      'Sweep the project: trials with varied training settings and layer params, bad ones stopped early (ASHA); progress arrives as sweep.event.',
    request: z.strictObject({
      project: projectDocSchema,
      options: sweepOptionsSchema,
      /** The project's file, when saved: trials are recorded into it, relative dataset paths resolve from it. */
      projectPath: z.string().min(1).max(4096).optional(),
    }),
    response: sweepSnapshotSchema,
  },
  'sweep.pause': {
    summary: 'Pause the running trials and start no new ones.',
    request: empty,
    response: sweepSnapshotSchema,
  },
  'sweep.resume': { summary: 'Resume a paused sweep.', request: empty, response: sweepSnapshotSchema },
  'sweep.stop': {
    summary: 'Stop the sweep: running trials end after their batch; finished trials are kept.',
    request: empty,
    response: sweepSnapshotSchema,
  },
  'sweep.status': {
    summary: 'The running or last sweep (for a page that reconnects); null before the first.',
    request: empty,
    response: sweepSnapshotSchema.nullable(),
  },
  'sweep.promote': {
    summary: "The best trial's graph, training settings and weights, for the document to take over in one step.",
    request: empty,
    response: z.object({
      trial: z.number().int().min(1),
      graph: graphDocSchema,
      training: trainingConfigSchema,
      weights: weightsSchema,
    }),
  },
} as const;

export const sweepEventPayloadSchema = z.object({
  event: sweepEventSchema,
  snapshot: sweepSnapshotSchema,
  /** With trial-finished: the trial's run record (also in the file when the project is saved). */
  run: runRecordSchema.optional(),
});
export type SweepEventPayload = z.infer<typeof sweepEventPayloadSchema>;

export const SWEEP_EVENTS = {
  'sweep.event': {
    summary: "A sweep's progress: the event and the sweep's snapshot after it.",
    payload: sweepEventPayloadSchema,
  },
} as const;
