/**
 * The zod schema of a `*.deepwire` project, format version 1, assembled from
 * one module per concern (graph, dataset/training settings, runs, weights).
 * The key order here is the key order of saved files (serialize.ts).
 */
import { z } from 'zod';
import { graphDocSchema } from '../graph/schema.js';
import { PROJECT_KINDS, datasetConfigSchema, ganConfigSchema, trainingConfigSchema } from '../training/config.js';
import { CURRENT_VERSION, PROJECT_FORMAT } from './format.js';
import { runRecordSchema } from './runs-schema.js';
import { weightsSchema } from './weights-schema.js';

const isoDate = z.iso.datetime({ offset: true });

export const appInfoSchema = z.strictObject({
  name: z.string().min(1),
  version: z.string().min(1),
});

/** Where the canvas was looking when the project was saved. */
export const viewSchema = z.strictObject({
  viewport: z.strictObject({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive().finite() }),
});

export const projectSchema = z
  .strictObject({
    format: z.literal(PROJECT_FORMAT),
    version: z.literal(CURRENT_VERSION),
    kind: z.enum(PROJECT_KINDS),
    name: z.string().min(1).max(200),
    description: z.string().max(20000).default(''),
    createdAt: isoDate,
    modifiedAt: isoDate,
    /** The app that last saved the file. */
    app: appInfoSchema,
    /** Absent until the user picks one (e.g. a new regressor has no CSV yet). */
    dataset: datasetConfigSchema.optional(),
    training: trainingConfigSchema,
    /** GAN projects only. */
    gan: ganConfigSchema.optional(),
    view: viewSchema.optional(),
    /** Layers with their canvas positions, and the connections. */
    graph: graphDocSchema,
    runs: z.array(runRecordSchema).default([]),
    /** Last so that everything above stays readable at the top of the file. */
    weights: weightsSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'gan' && p.gan === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gan'],
        message: 'a GAN project needs its "gan" settings (loss, optimizers, steps)',
      });
    }
    if (p.kind !== 'gan' && p.gan !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['gan'],
        message: `only GAN projects have "gan" settings; this project is a ${p.kind}`,
      });
    }
  });

export type Project = z.infer<typeof projectSchema>;
/** What callers may hand to serializeProject: defaults may be left out. */
export type ProjectInput = z.input<typeof projectSchema>;
export type ProjectView = z.infer<typeof viewSchema>;
