/**
 * The project document as the contract carries it.
 * The project format itself is owned by src/shared/project; until its schema
 * lands this checks the parts the studio relies on and keeps the rest, and the
 * project-files service does the full check on save/open.
 */
import { z } from 'zod';
import { graphDocSchema } from '../graph/schema.js';
import { problemSchema } from './problem.js';
import { PROJECT_KINDS, datasetConfigSchema, ganConfigSchema, trainingConfigSchema } from '../training/config.js';

export const projectDocSchema = z.looseObject({
  kind: z.enum(PROJECT_KINDS),
  name: z.string().min(1),
  graph: graphDocSchema,
  dataset: datasetConfigSchema.optional(),
  training: trainingConfigSchema.optional(),
  gan: ganConfigSchema.optional(),
});
export type ProjectDoc = z.infer<typeof projectDocSchema>;

/** A project as opened: where it lives (null = never saved) and what happened on the way in. */
export const openedProjectSchema = z.object({
  project: projectDocSchema,
  /** The file it came from; null for new projects and examples (save asks for a path). */
  path: z.string().nullable(),
  /** Set when an older format was migrated in memory: tell the user before overwriting. */
  migratedFrom: z.number().int().nullable().default(null),
  /** The example id, when opened from resources/examples. */
  example: z.string().nullable().default(null),
  /** Problems that did not stop the project from opening (e.g. DW207 stale weights): show them. */
  warnings: z.array(problemSchema).default([]),
});
export type OpenedProject = z.infer<typeof openedProjectSchema>;

export const exampleInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(PROJECT_KINDS),
  description: z.string(),
});
export type ExampleInfo = z.infer<typeof exampleInfoSchema>;

export const recentEntrySchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when the file has been moved or deleted: show it greyed out, offer removal. */
  exists: z.boolean(),
});
export type RecentEntry = z.infer<typeof recentEntrySchema>;
