/**
 * The engine protocol (issue #18): what the studio process asks of the
 * long-lived engine workers that own TF.js — dataset previews, inspections,
 * latent walks, exports, model import checks and generated datasets. Each
 * request kind is defined once here: its payload schema, its result schema
 * and its lane (which worker serves it). The worker validates every payload,
 * the studio's engine host every result (DW632 on a mismatch); a worker that
 * dies fails its pending requests with DW630 and is started again on the
 * next request. Training runs keep their own protocol and worker per run
 * (src/shared/training/protocol.ts; docs/architecture.md says why).
 */
import { z } from 'zod';
import { problemSchema } from './problem.js';
import { datasetPreviewSchema } from './datasets.js';
import { EXPORT_FORMATS, exportResultSchema } from './export.js';
import { GENERATED_FORMATS, generatedDatasetSchema } from './gan.js';
import {
  EMBEDDING_METHODS,
  inspectImageSchema,
  inspectResultSchema,
  interpolationSchema,
  type EmbeddingMethod,
} from './inspect.js';
import { projectDocSchema } from './project.js';
import { datasetConfigSchema, PROJECT_KINDS } from '../training/config.js';

/**
 * Each lane is one long-lived worker. Interactive requests (what the user
 * waits on while editing) never queue behind a job (an export, an import
 * check, a generated dataset), which may keep its worker busy for long.
 */
export const ENGINE_LANES = ['interactive', 'jobs'] as const;
export type EngineLane = (typeof ENGINE_LANES)[number];

const path = z.string().min(1);

/**
 * An inspection whose embedding is UMAP (seconds for thousands of points) runs as a job, so it never holds
 * up a preview; a PCA one is interactive. The inspection's cached model and data live in that lane's worker.
 */
function umapAsJob(payload: { embedding: { method: EmbeddingMethod } }): EngineLane {
  return payload.embedding.method === 'umap' ? 'jobs' : 'interactive';
}

export const ENGINE_REQUESTS = {
  'dataset.preview': {
    lane: 'interactive',
    payload: z.strictObject({
      /** Paths already checked against the studio's path policy, absolute. */
      config: datasetConfigSchema,
      count: z.number().int().min(1).max(64),
      kind: z.enum(PROJECT_KINDS),
      cacheDir: path,
    }),
    result: datasetPreviewSchema,
  },
  'inspect.run': {
    lane: umapAsJob,
    payload: z.strictObject({
      /** The page's document (dataset paths checked and absolute); the worker checks it in full (DW203). */
      project: projectDocSchema,
      /** A test sample, or an image file's bytes (base64, as the page sent them: the worker decodes them). */
      subject: z.union([
        z.strictObject({ sample: z.number().int().min(0) }),
        z.strictObject({ image: inspectImageSchema }),
      ]),
      embedding: z.strictObject({ samples: z.number().int().min(2), method: z.enum(EMBEDDING_METHODS) }),
      cacheDir: path.nullable(),
    }),
    result: inspectResultSchema,
  },
  'inspect.interpolate': {
    lane: 'interactive',
    payload: z.strictObject({
      project: projectDocSchema,
      steps: z.number().int().min(2),
      label: z.number().int().min(0),
      seed: z.number().int().optional(),
    }),
    result: interpolationSchema,
  },
  'export.run': {
    lane: 'jobs',
    payload: z.strictObject({
      project: projectDocSchema,
      format: z.enum(EXPORT_FORMATS),
      /** A folder the path policy allows writing (absolute). */
      outDir: path,
      projectPath: path.optional(),
      /** Stamped into the files. */
      version: z.string(),
    }),
    result: exportResultSchema,
  },
  'model.import': {
    lane: 'jobs',
    /** A readable model file or folder (TF.js, Keras export, ONNX), checked by the path policy. */
    payload: z.strictObject({ path }),
    result: z.object({
      project: projectDocSchema,
      warnings: z.array(z.string()),
      /** Why the project has no dataset and which to choose. */
      unsetDataset: z.string().optional(),
    }),
  },
  'gan.generate': {
    lane: 'jobs',
    payload: z.strictObject({
      project: projectDocSchema,
      count: z.number().int().min(1),
      format: z.enum(GENERATED_FORMATS),
      /** A writable folder (absolute). */
      out: path,
      seed: z.number().int().optional(),
      projectPath: path.optional(),
    }),
    result: generatedDatasetSchema,
  },
} as const satisfies Record<
  string,
  // A lane, or how a payload picks one (the payload as the caller wrote it).
  { lane: EngineLane | ((payload: never) => EngineLane); payload: z.ZodType; result: z.ZodType }
>;

export type EngineRequestKind = keyof typeof ENGINE_REQUESTS;
export const ENGINE_REQUEST_KINDS = Object.keys(ENGINE_REQUESTS) as [EngineRequestKind, ...EngineRequestKind[]];
/** A payload as the caller writes it. */
export type EnginePayload<K extends EngineRequestKind> = z.input<(typeof ENGINE_REQUESTS)[K]['payload']>;
/** The lane that serves this request. */
export function laneOf<K extends EngineRequestKind>(kind: K, payload: EnginePayload<K>): EngineLane {
  // Each kind's lane function takes that kind's payload (the table's entries pair them).
  const lane = ENGINE_REQUESTS[kind].lane as EngineLane | ((p: EnginePayload<K>) => EngineLane);
  return typeof lane === 'function' ? lane(payload) : lane;
}
/** A payload as the worker's handler receives it, checked. */
export type ParsedEnginePayload<K extends EngineRequestKind> = z.output<(typeof ENGINE_REQUESTS)[K]['payload']>;
export type EngineResult<K extends EngineRequestKind> = z.output<(typeof ENGINE_REQUESTS)[K]['result']>;

/** Marks the studio's engine worker in its workerData (the module serves only then). */
export const ENGINE_SERVICE_ROLE = 'deepwire-engine-service';

/** Studio → worker. */
export const engineHostMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative(),
  kind: z.enum(ENGINE_REQUEST_KINDS),
  payload: z.unknown(),
});
export type EngineHostMessage = z.infer<typeof engineHostMessageSchema>;

/** Progress of a long request (an export's steps). */
export const engineProgressSchema = z.object({ fraction: z.number().min(0).max(1), message: z.string() });
export type EngineProgress = z.infer<typeof engineProgressSchema>;

/** Worker → studio: progress while a request runs, then exactly one result or failure. */
export const engineWorkerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('progress'), id: z.number().int(), progress: engineProgressSchema }),
  z.strictObject({ type: z.literal('result'), id: z.number().int(), result: z.unknown() }),
  z.strictObject({
    type: z.literal('failure'),
    id: z.number().int(),
    problem: problemSchema,
    /** Not a numbered error: a bug, whose stack the studio logs. */
    stack: z.string().optional(),
  }),
]);
export type EngineWorkerMessage = z.infer<typeof engineWorkerMessageSchema>;
