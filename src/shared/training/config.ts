/**
 * What a project says about its data and its training: zod schemas shared by
 * the project file, the studio contract, the engine and the CLI. Every object
 * is strict: a misspelled key (`epochz`) is refused, never silently dropped.
 */
import { z } from 'zod';
import { cycleConfigSchema } from './cycle.js';

export const PROJECT_KINDS = ['classifier', 'regressor', 'gan'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const BUILTIN_DATASETS = ['mnist', 'fashion-mnist', 'mnist-rows'] as const;
export type BuiltinDataset = (typeof BUILTIN_DATASETS)[number];

const common = {
  /** Fraction of the training data held out for validation. */
  validationSplit: z.number().min(0).max(0.9).default(0.1),
  /** Seed of the shuffle and of the split, so runs are repeatable. */
  seed: z.number().int().default(42),
  /** Use only the first N training samples (the test set is unchanged). */
  limit: z.number().int().positive().optional(),
  /**
   * Labels of only the first K training samples (issue #13). A classifier trains on those K; a
   * semi-supervised GAN sees all images but learns classes from these K labels alone.
   */
  labelledLimit: z.number().int().positive().optional(),
  /** "Add generated samples": `count` samples of a trained conditional GAN project join the training split. */
  generated: z
    .strictObject({
      /** The trained GAN's .deepwire file (relative paths from this project's folder). */
      project: z.string().min(1),
      count: z.number().int().positive().max(1_000_000),
      /** Seed of the generated noise and labels. */
      seed: z.number().int().optional(),
    })
    .optional(),
};

/** Where the samples come from; discriminated on `source`. */
export const datasetConfigSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.enum(BUILTIN_DATASETS), ...common }),
  z.strictObject({
    source: z.literal('image-folder'),
    /** A folder with one subfolder per class, holding PNG/JPEG files. */
    path: z.string().min(1),
    size: z.tuple([z.number().int().positive(), z.number().int().positive()]).default([28, 28]),
    channels: z.union([z.literal(1), z.literal(3)]).default(1),
    ...common,
  }),
  z.strictObject({
    source: z.literal('csv'),
    path: z.string().min(1),
    /** Label column (classification) or target column (regression). */
    labelColumn: z.string().min(1),
    /** Feature columns; all other numeric columns when omitted. */
    featureColumns: z.array(z.string()).optional(),
    normalize: z.boolean().default(true),
    ...common,
  }),
  z.strictObject({
    source: z.literal('csv-series'),
    path: z.string().min(1),
    targetColumn: z.string().min(1),
    featureColumns: z.array(z.string()).optional(),
    lookback: z.number().int().positive().default(10),
    horizon: z.number().int().positive().default(1),
    normalize: z.boolean().default(true),
    ...common,
  }),
  z.strictObject({
    /** Token-id sequences of different lengths: a label column and a column of space-separated ids (issue #14). */
    source: z.literal('csv-tokens'),
    path: z.string().min(1),
    labelColumn: z.string().min(1),
    tokensColumn: z.string().min(1).default('tokens'),
    ...common,
  }),
  z.strictObject({
    source: z.literal('idx'),
    images: z.string().min(1),
    labels: z.string().min(1),
    ...common,
  }),
]);
export type DatasetConfig = z.infer<typeof datasetConfigSchema>;

export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad'] as const;
export const LOSSES = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
  'meanSquaredError',
  'meanAbsoluteError',
  'huber',
] as const;
export type LossName = (typeof LOSSES)[number];

export const optimizerSchema = z.strictObject({
  name: z.enum(OPTIMIZERS).default('adam'),
  learningRate: z.number().positive().max(10).default(0.001),
});

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('constant') }),
  z.strictObject({
    kind: z.literal('step'),
    every: z.number().int().positive().default(1),
    factor: z.number().positive().max(1).default(0.5),
  }),
  z.strictObject({ kind: z.literal('cosine'), minLearningRate: z.number().min(0).default(0) }),
]);

export const trainingConfigSchema = z.strictObject({
  optimizer: optimizerSchema.default({ name: 'adam', learningRate: 0.001 }),
  loss: z.enum(LOSSES).default('categoricalCrossentropy'),
  metrics: z.array(z.enum(['accuracy', 'mae', 'mse'])).default(['accuracy']),
  batchSize: z.number().int().positive().max(65536).default(64),
  epochs: z.number().int().positive().max(100000).default(1),
  earlyStopping: z
    .strictObject({
      patience: z.number().int().positive(),
      monitor: z.enum(['val_loss', 'val_accuracy']).default('val_loss'),
    })
    .optional(),
  schedule: scheduleSchema.default({ kind: 'constant' }),
  seed: z.number().int().default(42),
  /** Training threads on the wasm backend: 'auto' (absent) splits batches over two only while that measures faster. */
  threads: z.union([z.literal('auto'), z.literal(1), z.literal(2)]).optional(),
});
export type TrainingConfig = z.infer<typeof trainingConfigSchema>;
export type TrainingThreads = NonNullable<TrainingConfig['threads']>;

/** 'wasserstein' clips the critic's weights; 'wasserstein-gp' penalises its input gradient instead (issue #6, docs/gan.md). */
export const GAN_LOSSES = ['vanilla', 'least-squares', 'wasserstein', 'wasserstein-gp'] as const;

/** GAN-only settings: two optimizers, k critic steps, the loss family. */
export const ganConfigSchema = z.strictObject({
  loss: z.enum(GAN_LOSSES).default('vanilla'),
  generatorOptimizer: optimizerSchema.default({ name: 'adam', learningRate: 0.0002 }),
  discriminatorOptimizer: optimizerSchema.default({ name: 'adam', learningRate: 0.0002 }),
  discriminatorSteps: z.number().int().positive().max(20).default(1),
  labelSmoothing: z.number().min(0).max(0.5).default(0),
  /** WGAN weight clipping bound. */
  clipValue: z.number().positive().default(0.01),
  /** WGAN-GP gradient penalty weight λ (10 when absent, as in Gulrajani et al.). */
  gradientPenalty: z.number().positive().max(1000).optional(),
  /** Emit a sample grid every N generator steps. */
  sampleEvery: z.number().int().positive().default(100),
  /** CycleGAN (the graph's four CycleGAN groups): domains and loss weights. */
  cycle: cycleConfigSchema.optional(),
  /**
   * SGAN (Salimans et al. 2016, issue #13): the discriminator outputs K class scores + 1 "fake" score and
   * learns the classes from the dataset's first `labelledLimit` labels; the run reports its test accuracy.
   */
  semiSupervised: z.boolean().optional(),
});
export type GanConfig = z.infer<typeof ganConfigSchema>;
