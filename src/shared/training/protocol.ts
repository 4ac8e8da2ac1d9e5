/**
 * The engine worker protocol: what the host asks for (a run request and
 * pause/resume/stop commands) and what the worker reports (a discriminated
 * union of events on `type`). Every number in an event is finite, so events
 * survive JSON (the CLI's --json lines, the WebSocket studio) unchanged.
 */
import { z } from 'zod';
import { ERRORS, type ErrorCode } from '../errors.js';
import { graphDocSchema } from '../graph/schema.js';
import { weightsSchema } from '../project/weights-schema.js';
import {
  BACKENDS,
  BACKEND_PREFERENCES,
  TORCH_DEVICE_PATTERN,
  TORCH_DEVICES_HELP,
  backendReportSchema,
} from './backend.js';
import { PROJECT_KINDS, datasetConfigSchema, ganConfigSchema, trainingConfigSchema } from './config.js';

const finite = z.number().finite();
const count = z.number().int().nonnegative();
const ERROR_CODES = Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]];

// ── host → worker ──────────────────────────────────────────────────────────

/** The part of a project a run needs; the rest of the document stays in main. */
export const runProjectSchema = z.object({
  kind: z.enum(PROJECT_KINDS),
  name: z.string().optional(),
  graph: graphDocSchema,
  dataset: datasetConfigSchema,
  training: trainingConfigSchema.prefault({}),
  gan: ganConfigSchema.optional(),
});
export type RunProject = z.infer<typeof runProjectSchema>;

/** Per-run changes on top of the project's training settings (CLI flags, studio). */
export const runOverridesSchema = z
  .object({
    epochs: z.number().int().positive(),
    /** Train on the first N training samples (validation/test unchanged in kind). */
    limit: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    learningRate: z.number().positive(),
  })
  .partial();
export type RunOverrides = z.infer<typeof runOverridesSchema>;

/** torchrun's --rdzv_endpoint: a host name, IPv4 or [IPv6] address, and a port. */
export const RDZV_ENDPOINT_PATTERN = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Several machines: every node runs the same run with its own rank; rank 0's node hosts the rendezvous. */
export const multiNodeSchema = z
  .strictObject({
    nnodes: z.number().int().positive().max(1024),
    nodeRank: z.number().int().nonnegative(),
    rdzvEndpoint: z.string().regex(RDZV_ENDPOINT_PATTERN, 'rdzvEndpoint must be HOST:PORT'),
  })
  .refine((m) => m.nodeRank < m.nnodes, { message: 'nodeRank must be below nnodes', path: ['nodeRank'] });
export type MultiNode = z.infer<typeof multiNodeSchema>;

export const runRequestSchema = z.object({
  runId: z.string().min(1),
  project: runProjectSchema,
  backend: z.enum(BACKEND_PREFERENCES).default('auto'),
  overrides: runOverridesSchema.default({}),
  /** Where parsed datasets are cached between runs; no caching when absent. */
  cacheDir: z.string().optional(),
  /** Start from these weights (the project's stored-weights form), e.g. to continue training. */
  initialWeights: weightsSchema.optional(),
  /** PyTorch backend: the device (`auto` = first GPU, else CPU). */
  device: z.string().regex(TORCH_DEVICE_PATTERN, `device must be ${TORCH_DEVICES_HELP}`).default('auto'),
  /** PyTorch backend: the Python to run (the `pythonPath` setting); else DEEPWIRE_PYTHON, else python3 on PATH. */
  python: z.string().min(1).optional(),
  /** PyTorch backend: data-parallel processes on this machine (DDP through torchrun; 1 = one process). */
  nprocPerNode: z.number().int().positive().max(64).default(1),
  /** PyTorch backend across machines: torchrun's static rendezvous; absent = this machine alone. */
  multiNode: multiNodeSchema.optional(),
});
export type RunRequest = z.input<typeof runRequestSchema>;
export type ParsedRunRequest = z.output<typeof runRequestSchema>;

/** `workerData.role` of an engine worker thread (the worker serves its parent port only then). */
export const ENGINE_WORKER_ROLE = 'deepwire-engine';

export const RUN_COMMANDS = ['pause', 'resume', 'stop'] as const;
export type RunCommand = (typeof RUN_COMMANDS)[number];
export const runCommandSchema = z.object({ type: z.enum(RUN_COMMANDS) });

/** Messages posted into the worker: one `start`, then any number of commands. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), request: runRequestSchema }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('stop') }),
]);
export type HostMessage = z.input<typeof hostMessageSchema>;

// ── worker → host ──────────────────────────────────────────────────────────

/** A small image as plain numbers, row-major HWC, 0..255. */
export const pixelsSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  channels: z.union([z.literal(1), z.literal(3)]),
  data: z.array(z.number().int().min(0).max(255)),
});
export type Pixels = z.infer<typeof pixelsSchema>;

export const DATASET_TASKS = ['classification', 'regression'] as const;
export type DatasetTask = (typeof DATASET_TASKS)[number];

export const datasetSummarySchema = z.object({
  name: z.string(),
  task: z.enum(DATASET_TASKS),
  /** One sample without the batch axis, e.g. [28, 28, 1] or [28, 28]; null (None) for a length that varies. */
  sampleShape: z.array(z.number().int().positive().nullable()),
  /** Class names (classification) or null (regression). */
  classes: z.array(z.string()).nullable(),
  trainSize: count,
  validationSize: count,
  testSize: count,
  /** Whether the data came from the binary cache, and how long loading took. */
  fromCache: z.boolean(),
  loadSeconds: finite,
});
export type DatasetSummary = z.infer<typeof datasetSummarySchema>;

const startedEvent = z.object({
  type: z.literal('started'),
  runId: z.string(),
  backend: backendReportSchema,
  dataset: datasetSummarySchema,
  model: z.object({ params: count, layers: count }),
  epochs: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  batchesPerEpoch: count,
});

const batchEvent = z.object({
  type: z.literal('batch'),
  /** 1-based epoch and batch numbers. */
  epoch: z.number().int().positive(),
  batch: z.number().int().positive(),
  batchesPerEpoch: z.number().int().positive(),
  loss: finite,
  accuracy: finite.optional(),
  samplesPerSecond: finite,
  /** Seconds left in the whole run at the current speed. */
  etaSeconds: finite,
  /** Heap in use by the worker plus tensor memory, in MB (PyTorch: the Python process's resident memory). */
  memoryMB: finite,
  /** PyTorch on a GPU: memory its tensors hold on the device, in MB. */
  gpuMemoryMB: finite.optional(),
});

export const epochLogsSchema = z.object({
  loss: finite,
  accuracy: finite.optional(),
  val_loss: finite.optional(),
  val_accuracy: finite.optional(),
  /** Regression: mean absolute error (in normalised target units while training). */
  mae: finite.optional(),
  val_mae: finite.optional(),
  /** The learning rate used in this epoch (after the schedule). */
  lr: finite,
  // GAN runs (issue #6): `loss` is d_loss; epoch means of both losses and of D's outputs.
  d_loss: finite.optional(),
  g_loss: finite.optional(),
  d_real: finite.optional(),
  d_fake: finite.optional(),
  /** Fréchet distance of generated to held-out real images (lower is better), and real-vs-real. */
  frechet: finite.optional(),
  frechet_floor: finite.optional(),
  /** Conditional GANs: share of generated samples the quality classifier assigns to their requested class. */
  conditional_accuracy: finite.optional(),
  // CycleGAN: the discriminators' and the generators' loss terms, and the held-out translation error.
  d_a_loss: finite.optional(),
  d_b_loss: finite.optional(),
  cycle_loss: finite.optional(),
  identity_loss: finite.optional(),
  heldout_translation_mae: finite.optional(),
});
export type EpochLogs = z.infer<typeof epochLogsSchema>;

/**
 * A GAN step's metrics, named as the epoch logs name them. Metric values travel keyed by their metric
 * name (Keras's History keys: `loss`, `val_loss`, `d_loss`) in every event, record and chart; every other
 * protocol field is camelCase.
 */
export const ganStepLogsSchema = epochLogsSchema
  .pick({
    d_loss: true,
    g_loss: true,
    d_real: true,
    d_fake: true,
    d_a_loss: true,
    d_b_loss: true,
    cycle_loss: true,
    identity_loss: true,
  })
  .required({ d_loss: true, g_loss: true, d_real: true, d_fake: true });
export type GanStepLogs = z.infer<typeof ganStepLogsSchema>;

const epochEvent = z.object({
  type: z.literal('epoch'),
  epoch: z.number().int().positive(),
  epochs: z.number().int().positive(),
  logs: epochLogsSchema,
  samplesPerSecond: finite,
  seconds: finite,
});

/**
 * GAN runs (issue #6): progress of the adversarial steps, means since the last
 * event. D(x) and D(G(z)) are probabilities for the vanilla loss, raw scores
 * for least-squares and Wasserstein. One step = k D updates + one G update.
 */
const ganBatchEvent = z.object({
  type: z.literal('gan-batch'),
  epoch: z.number().int().positive(),
  /** 1-based generator step within the epoch, and over the whole run. */
  batch: z.number().int().positive(),
  batchesPerEpoch: z.number().int().positive(),
  step: z.number().int().positive(),
  /** CycleGAN adds each discriminator's loss and the generators' cycle and identity terms (d_loss is their mean). */
  logs: ganStepLogsSchema,
  stepsPerSecond: finite,
  etaSeconds: finite,
  memoryMB: finite,
});

export const GAN_WARNINGS = ['discriminator-wins', 'mode-collapse'] as const;
/** GAN runs: a training pathology seen at `step` (the run goes on; the user decides). */
const ganWarningEvent = z.object({
  type: z.literal('gan-warning'),
  warning: z.enum(GAN_WARNINGS),
  step: count,
  message: z.string(),
});

const pausedEvent = z.object({ type: z.literal('paused'), epoch: z.number().int().positive(), batch: count });
const resumedEvent = z.object({ type: z.literal('resumed') });

export const misclassifiedSchema = z.object({
  index: count,
  trueLabel: z.number().int().nonnegative(),
  predictedLabel: z.number().int().nonnegative(),
  /** Softmax probability of the predicted class. */
  confidence: finite,
  /** Image datasets: the sample as pixels; tables/sequences: absent. */
  image: pixelsSchema.optional(),
});
export type Misclassified = z.infer<typeof misclassifiedSchema>;

export const classificationEvaluationSchema = z.object({
  task: z.literal('classification'),
  testLoss: finite,
  testAccuracy: finite,
  classes: z.array(z.string()),
  /** confusion[true][predicted] = count. */
  confusion: z.array(z.array(count)),
  perClassAccuracy: z.array(finite),
  misclassified: z.array(misclassifiedSchema),
});

export const regressionEvaluationSchema = z.object({
  task: z.literal('regression'),
  testLoss: finite,
  mae: finite,
  rmse: finite,
  /** The first test samples (first output unit), in data units. */
  series: z.object({ actual: z.array(finite), predicted: z.array(finite) }),
});

export const evaluationSchema = z.discriminatedUnion('task', [
  classificationEvaluationSchema,
  regressionEvaluationSchema,
]);
export type Evaluation = z.infer<typeof evaluationSchema>;

const evaluationEvent = z.object({ type: z.literal('evaluation'), evaluation: evaluationSchema });

/** GAN runs (issue #6): a grid of generated samples from a fixed noise batch. */
const samplesEvent = z.object({
  type: z.literal('samples'),
  epoch: z.number().int().positive(),
  step: count,
  grid: pixelsSchema,
  /** Rows × columns of the grid; each cell is one sample. */
  rows: z.number().int().positive(),
  columns: z.number().int().positive(),
});

export const DONE_REASONS = ['completed', 'stopped', 'early-stopping'] as const;

export const finalMetricsSchema = z.object({
  loss: finite.optional(),
  accuracy: finite.optional(),
  val_loss: finite.optional(),
  val_accuracy: finite.optional(),
  /** Regression: training MAE of the last epoch (normalised target units, like the epoch logs). */
  mae: finite.optional(),
  val_mae: finite.optional(),
  testLoss: finite.optional(),
  testAccuracy: finite.optional(),
  /** Regression test errors in data units. */
  testMae: finite.optional(),
  testRmse: finite.optional(),
  /** GAN runs: the last epoch's Fréchet score. */
  frechet: finite.optional(),
  /** Conditional GANs: the last epoch's conditional accuracy (see the epoch logs). */
  conditional_accuracy: finite.optional(),
  /** Semi-supervised GANs (testAccuracy is the discriminator's): the same network trained on the labels alone. */
  supervised_baseline_accuracy: finite.optional(),
  /** CycleGAN, built-in pair: mean |G(a) − T(a)| (pixels in [0, 1]) on held-out digits, after and before training. */
  heldout_translation_mae: finite.optional(),
  heldout_translation_mae_untrained: finite.optional(),
});
export type FinalMetrics = z.infer<typeof finalMetricsSchema>;

/**
 * How the engine scaled the data, so predictions of the exported model can be
 * used: inputs x' = (x - mean) / std per feature (pixels: mean 0, std 255),
 * regression outputs y = y' · targetStd + targetMean.
 */
export const preprocessingSchema = z.object({
  scaling: z.enum(['pixels', 'zscore', 'none']),
  mean: z.array(finite).optional(),
  std: z.array(finite).optional(),
  targetMean: finite.optional(),
  targetStd: finite.optional(),
});
export type Preprocessing = z.infer<typeof preprocessingSchema>;

const doneEvent = z.object({
  type: z.literal('done'),
  reason: z.enum(DONE_REASONS),
  backend: z.enum(BACKENDS),
  epochsCompleted: count,
  metrics: finalMetricsSchema,
  /** Mean training throughput over the run. */
  samplesPerSecond: finite,
  seconds: finite,
  /** Trained weights in the project's stored-weights form (src/shared/project/weights.ts); null if none. */
  weights: weightsSchema.nullable(),
  preprocessing: preprocessingSchema.optional(),
});

const errorEvent = z.object({
  type: z.literal('error'),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  where: z.string().optional(),
});

/** Non-fatal notes for the user (e.g. a backend fallback, a slow path). */
const logEvent = z.object({ type: z.literal('log'), level: z.enum(['info', 'warning']), message: z.string() });

export const trainingEventSchema = z.discriminatedUnion('type', [
  startedEvent,
  batchEvent,
  epochEvent,
  pausedEvent,
  resumedEvent,
  evaluationEvent,
  samplesEvent,
  ganBatchEvent,
  ganWarningEvent,
  doneEvent,
  errorEvent,
  logEvent,
]);
export type TrainingEvent = z.infer<typeof trainingEventSchema>;
export type TrainingEventType = TrainingEvent['type'];
export type EventOf<T extends TrainingEventType> = Extract<TrainingEvent, { type: T }>;

/** A run ends with exactly one of these. */
export function isTerminal(e: TrainingEvent): e is EventOf<'done'> | EventOf<'error'> {
  return e.type === 'done' || e.type === 'error';
}
