/**
 * The studio contract, written once: every command (request -> response) and
 * every event, with its zod schema. Electron IPC, the web studio's WebSocket,
 * the preload bridge and the renderer's client are all derived from this table.
 */
import { z } from 'zod';
import { actionIdSchema } from './actions.js';
import { PROJECT_KINDS, datasetConfigSchema } from '../training/config.js';
import { builtinDatasetInfoSchema, datasetPreviewSchema } from './datasets.js';
import { EXPORT_FORMATS, exportProgressSchema, exportResultSchema } from './export.js';
import { folderListingSchema } from './files.js';
import { GENERATED_FORMATS, generatedDatasetSchema } from './gan.js';
import { EMBEDDING_METHODS, inspectImageSchema, inspectResultSchema, interpolationSchema } from './inspect.js';
import { exampleInfoSchema, openedProjectSchema, projectDocSchema, recentEntrySchema } from './project.js';
import { RUNS_COMMANDS } from './runs.js';
import { SWEEP_COMMANDS, SWEEP_EVENTS } from './sweep.js';
import { SETTINGS_PYTHON_COMMANDS, settingsPatchSchema, settingsSchema } from './settings.js';
import {
  backendReportSchema,
  runStatusSchema,
  trainingEventPayloadSchema,
  trainingOverridesSchema,
} from './training.js';

const empty = z.strictObject({});
const path = z.string().min(1).max(4096);
const savedSchema = z.object({ path: z.string(), savedAt: z.string() });
/** A document id chosen by the page (one per open document, stable while it is open). */
const docId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a document id is 1-64 letters, digits, - or _');
const recoveredSchema = z.object({
  docId: z.string(),
  name: z.string(),
  path: z.string().nullable(),
  savedAt: z.string(),
});

export interface CommandSpec {
  summary: string;
  request: z.ZodType;
  response: z.ZodType;
}

export const COMMANDS = {
  'app.info': {
    summary: 'Versions, the transport, its capabilities and the training backend report.',
    request: empty,
    response: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['electron', 'web']),
      /** Native Open/Save dialogs exist (Electron); otherwise use `files.list`. */
      nativeDialogs: z.boolean(),
      versions: z.record(z.string(), z.string()),
      platform: z.string(),
      /** Null until the engine has probed the backends. */
      backend: backendReportSchema.nullable(),
    }),
  },
  'app.documentState': {
    summary: 'Tell the shell the open document name and dirty state (window title, close prompt).',
    /** docId: the document's recovery id, so closing with Don't Save also drops its autosaved copy. */
    request: z.strictObject({
      title: z.string().max(512).nullable(),
      dirty: z.boolean(),
      docId: docId.nullable().default(null),
    }),
    response: empty,
  },
  'project.new': {
    summary: 'A new, unsaved project of a kind, optionally from an example template.',
    request: z.strictObject({ kind: z.enum(PROJECT_KINDS), template: z.string().min(1).optional() }),
    response: openedProjectSchema,
  },
  'project.open': {
    summary: 'Open a .deepwire file; without a path, asks with the native Open dialog (null = cancelled).',
    request: z.strictObject({ path: path.optional() }),
    response: openedProjectSchema.nullable(),
  },
  'project.openText': {
    summary:
      'Open a project from its text (a file dropped on the page) as an untitled document: checked and migrated like a file, nothing written.',
    request: z.strictObject({
      text: z
        .string()
        .min(1)
        .max(256 * 1024 * 1024),
      name: z.string().min(1).max(255),
    }),
    response: openedProjectSchema,
  },
  'project.importModel': {
    summary:
      'Import a TF.js model.json, a Keras export folder (.npy weights) or a bare Keras JSON as an untitled project, with its weights when present.',
    request: z.strictObject({ path }),
    response: openedProjectSchema,
  },
  'project.save': {
    summary: 'Save to the given path (or the native Save dialog when none); null = cancelled.',
    request: z.strictObject({ project: projectDocSchema, path: path.optional() }),
    response: savedSchema.nullable(),
  },
  'project.saveAs': {
    summary: 'Save under a new name: the native Save dialog, or the given path in the web studio.',
    request: z.strictObject({
      project: projectDocSchema,
      path: path.optional(),
      suggestedName: z.string().max(255).optional(),
    }),
    response: savedSchema.nullable(),
  },
  'project.listExamples': {
    summary: 'The example projects shipped in resources/examples.',
    request: empty,
    response: z.object({ examples: z.array(exampleInfoSchema) }),
  },
  'project.openExample': {
    summary: 'Open an example by id, as a new unsaved document.',
    request: z.strictObject({ id: z.string().min(1) }),
    response: openedProjectSchema,
  },
  'project.recent': {
    summary: 'The recent-files list (missing files flagged); remove one entry or clear it.',
    request: z.discriminatedUnion('action', [
      z.strictObject({ action: z.literal('list') }),
      z.strictObject({ action: z.literal('remove'), path }),
      z.strictObject({ action: z.literal('clear') }),
    ]),
    response: z.object({ recent: z.array(recentEntrySchema) }),
  },
  'recovery.save': {
    summary:
      'Autosave a dirty document to the recovery area (every few seconds while dirty; see settings.autosaveSeconds).',
    request: z.strictObject({ docId, project: projectDocSchema, path: path.nullable().default(null) }),
    response: z.object({ savedAt: z.string() }),
  },
  'recovery.list': {
    summary:
      'Documents left in the recovery area by an earlier session that crashed or was killed: offer to restore each.',
    request: empty,
    response: z.object({ documents: z.array(recoveredSchema) }),
  },
  'recovery.restore': {
    summary:
      'Open a recovered document (its file path only if still permitted); it stays recoverable until saved or discarded.',
    request: z.strictObject({ docId }),
    response: openedProjectSchema,
  },
  'recovery.discard': {
    summary:
      'Remove a document from the recovery area (after a clean save, a close without saving, or a declined restore).',
    request: z.strictObject({ docId }),
    response: empty,
  },
  'files.list': {
    summary: 'List a folder inside the allowed roots (the web studio file browser); no path = the roots.',
    request: z.strictObject({ path: path.optional() }),
    response: z.object({ roots: z.array(z.string()), listing: folderListingSchema.nullable() }),
  },
  'files.pick': {
    summary:
      'Ask with the native dialog for a dataset folder or file (Electron); null = cancelled, DW608 in the web studio.',
    request: z.strictObject({ kind: z.enum(['folder', 'csv', 'idx']) }),
    response: z.object({ path: z.string() }).nullable(),
  },
  'training.start': {
    summary: 'Train the project (with per-run overrides); progress arrives as training.event.',
    request: z.strictObject({
      project: projectDocSchema,
      overrides: trainingOverridesSchema.default({}),
      /** The project's file, when saved: relative dataset paths are relative to its folder. */
      projectPath: path.optional(),
    }),
    response: z.object({ runId: z.string() }),
  },
  'training.pause': { summary: 'Pause the current run between batches.', request: empty, response: runStatusSchema },
  'training.resume': { summary: 'Resume a paused run.', request: empty, response: runStatusSchema },
  'training.stop': {
    summary: 'Stop the current run; the weights so far are kept.',
    request: empty,
    response: runStatusSchema,
  },
  'training.status': {
    summary: 'Whether a run is going (for a page that reconnects).',
    request: empty,
    response: runStatusSchema,
  },
  'dataset.browse': {
    summary: 'Built-in datasets, plus a listing of a folder inside the allowed roots when a path is given.',
    request: z.strictObject({ path: path.optional() }),
    response: z.object({
      builtins: z.array(builtinDatasetInfoSchema),
      roots: z.array(z.string()),
      listing: folderListingSchema.nullable(),
    }),
  },
  'dataset.preview': {
    summary: 'A few samples (pixels or table rows) and the class balance of a dataset.',
    request: z.strictObject({
      dataset: datasetConfigSchema,
      count: z.number().int().min(1).max(64).default(16),
      /** Decides whether a CSV table is read as classes or as a numeric target. */
      kind: z.enum(PROJECT_KINDS).default('classifier'),
      /** The project's file, when saved: relative dataset paths are relative to its folder. */
      projectPath: path.optional(),
    }),
    response: datasetPreviewSchema,
  },
  'export.run': {
    summary:
      'Export the model into a folder; without a destination, asks with the native folder dialog (null = cancelled).',
    request: z.strictObject({
      project: projectDocSchema,
      format: z.enum(EXPORT_FORMATS),
      /** A folder (created if missing); the files go inside it. */
      destination: path.optional(),
      /** The project's file, when saved: generated scripts get absolute dataset paths. */
      projectPath: path.optional(),
    }),
    response: exportResultSchema.nullable(),
  },
  'inspect.run': {
    summary:
      "Inside a trained image classifier for one test sample or an image file: every layer's output, first-conv filters, saliency, Grad-CAM, a PCA or UMAP embedding of the test set.",
    request: z
      .strictObject({
        project: projectDocSchema,
        /** Index into the test split (0-based); 0 when neither it nor `image` is given. */
        sample: z.number().int().min(0).optional(),
        /** An image file (PNG or JPEG bytes, base64) to inspect instead of a test sample; passed to the engine as is. */
        image: inspectImageSchema.optional(),
        /** Test samples in the embedding plot. */
        embeddingSamples: z.number().int().min(2).max(5000).default(500),
        /** How the embedding is projected to 2-D: PCA, or UMAP (seeded by the project's training seed). */
        embeddingMethod: z.enum(EMBEDDING_METHODS).default('pca'),
        /** The project's file, when saved: relative dataset paths are relative to its folder. */
        projectPath: path.optional(),
      })
      .refine((r) => r.sample === undefined || r.image === undefined, {
        message: 'give a test sample or an image, not both',
        path: ['image'],
      }),
    response: inspectResultSchema,
  },
  'inspect.interpolate': {
    summary: "A trained GAN's generator along the line between two seeded noise vectors, as one image strip (PNG).",
    request: z.strictObject({
      project: projectDocSchema,
      /** Images in the strip, both ends included. */
      steps: z.number().int().min(2).max(100).default(10),
      /** Seed of the two noise vectors (default: the project's training seed). */
      seed: z.number().int().optional(),
      /** Conditional GANs: the class of every image. */
      label: z.number().int().min(0).default(0),
    }),
    response: interpolationSchema,
  },
  'gan.generate': {
    summary:
      'Write samples of a trained GAN as a dataset (a PNG folder per class, or IDX); without a destination, asks for a folder (null = cancelled).',
    request: z.strictObject({
      project: projectDocSchema,
      count: z.number().int().min(1).max(1_000_000),
      format: z.enum(GENERATED_FORMATS).default('png'),
      /** A new or empty folder. */
      destination: path.optional(),
      seed: z.number().int().optional(),
      /** The project's file, when saved (class names of an image-folder dataset are read beside it). */
      projectPath: path.optional(),
    }),
    response: generatedDatasetSchema.nullable(),
  },
  'settings.get': { summary: 'The current settings.', request: empty, response: settingsSchema },
  'settings.set': {
    summary: 'Change some settings; returns all of them.',
    request: settingsPatchSchema,
    response: settingsSchema,
  },
  'settings.reset': {
    summary: 'Back to the defaults (recent files are kept).',
    request: empty,
    response: settingsSchema,
  },
  ...SETTINGS_PYTHON_COMMANDS,
  ...RUNS_COMMANDS,
  ...SWEEP_COMMANDS,
} as const satisfies Record<string, CommandSpec>;

export interface EventSpec {
  summary: string;
  payload: z.ZodType;
}

export const EVENTS = {
  'training.event': {
    summary: "The engine's progress events, tagged with the run id.",
    payload: trainingEventPayloadSchema,
  },
  'project.changedOnDisk': {
    summary: 'An open project file was changed or deleted by another program.',
    payload: z.object({ path: z.string(), deleted: z.boolean() }),
  },
  'app.openPath': {
    summary:
      'Open this project (command line, OS, second instance; already permitted). Requests made before the page starts arrive right after its first app.info call.',
    payload: z.object({ path: z.string() }),
  },
  'app.menu': {
    summary: 'An application-menu item was chosen: run the registered action of that id.',
    payload: z.object({ action: actionIdSchema }),
  },
  'export.progress': {
    summary: 'How far a running export.run is: fraction 0–1 and what it is doing, for its progress bar.',
    payload: exportProgressSchema,
  },
  'app.log': {
    summary: 'A log line from main, for the status bar and the log panel.',
    payload: z.object({ level: z.enum(['info', 'warn', 'error']), message: z.string(), time: z.string() }),
  },
  ...SWEEP_EVENTS,
} as const satisfies Record<string, EventSpec>;

export type CommandName = keyof typeof COMMANDS;
export type EventName = keyof typeof EVENTS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

/** What a caller sends (fields with defaults may be left out). */
export type RequestOf<C extends CommandName> = z.input<(typeof COMMANDS)[C]['request']>;
/** What a handler receives, after validation filled in the defaults. */
export type ParsedRequestOf<C extends CommandName> = z.output<(typeof COMMANDS)[C]['request']>;
export type ResponseOf<C extends CommandName> = z.output<(typeof COMMANDS)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof EVENTS)[E]['payload']>;

/** The studio as the renderer sees it: one async function per command. */
export type StudioApi = { [C in CommandName]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(COMMANDS, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(EVENTS, name);
}
