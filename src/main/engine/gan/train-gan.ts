/**
 * GAN runs: `runGan`, the adversarial counterpart of the classifier loop,
 * reached through the engine's one `train()`. Picks the backend, loads the image dataset,
 * compiles generator and discriminator from their groups, prepares the
 * quality scorer, trains, and ends with `done` carrying both models' weights
 * (one blob: layer names are unique across the graph).
 */
import { DeepwireError } from '../../../shared/errors.js';
import { ganConfigSchema, type GanConfig } from '../../../shared/training/config.js';
import type { EpochLogs, FinalMetrics, ParsedRunRequest, TrainingEvent } from '../../../shared/training/protocol.js';
import { loadDataset, type LoadedDataset } from '../datasets/load.js';
import { createScorer, type QualityScorer, type ScorerOptions } from '../quality/score.js';
import { chooseBackend } from '../train/backend.js';
import type { RunSignal } from '../train/control.js';
import { wantedThreads } from '../train/stepper.js';
import { applyWeightsBlob } from '../weights.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import { runCycleGan } from './cycle/train-cycle.js';
import { runGanLoop } from './loop.js';
import { emitDone, logNotes, startedFields } from './run-events.js';
import { checkDatasetClasses } from './conditional.js';
import { compileGan } from './models.js';
import { finishSemiSupervised, prepareSemiSupervised, reportSemiSupervised } from './sgan-run.js';
import { RealBatches } from './real-batches.js';
import { meanPairwiseDistance } from './samples.js';
import { AdversarialSteps } from './step.js';
import { startPairStepper, type PairStepper } from './pair-stepper.js';

export type Emit = (event: TrainingEvent) => void;

export interface GanRunOptions {
  /** Budget of the quality score's feature network and sample size; false = no score. */
  quality?: Partial<Pick<ScorerOptions, 'trainImages' | 'epochs' | 'sampleSize'>> | false;
}

export function checkImages(ds: LoadedDataset): [number, number, 1 | 3] {
  const image = ds.raw.image;
  if (!image || ds.raw.scaling !== 'pixels') {
    throw new DeepwireError(
      'DW521',
      `${ds.raw.name} is not an image dataset (its samples are ${JSON.stringify(ds.raw.sampleShape)})`,
      'dataset',
    );
  }
  return image;
}

/** Spread of real images in [0, 1]: the yardstick of the collapse warning. */
export function realDiversity(real: RealBatches, range: readonly [number, number]): number {
  const batch = real.next();
  const [lo, hi] = range;
  const values = Float32Array.from(batch.dataSync(), (v) => (v - lo) / (hi - lo));
  const count = Math.min(batch.shape[0], 64);
  batch.dispose();
  return meanPairwiseDistance(values, count, values.length / batch.shape[0]);
}

export async function makeScorer(
  req: ParsedRunRequest,
  ds: LoadedDataset,
  opts: GanRunOptions,
  emit: Emit,
): Promise<QualityScorer | undefined> {
  if (opts.quality === false) return undefined;
  if ((ds.raw.classes?.length ?? 0) < 2) {
    emit({
      type: 'log',
      level: 'info',
      message: 'No quality score: the feature network needs a dataset with at least two classes.',
    });
    return undefined;
  }
  // Label limits and generated samples do not change the images the feature network learns from.
  const { limit: _limit, labelledLimit: _labelled, generated: _generated, ...datasetKey } = req.project.dataset;
  const scorer = await createScorer(ds, {
    cacheDir: req.cacheDir,
    datasetKey,
    splitSeed: req.project.dataset.seed,
    validationSplit: req.project.dataset.validationSplit,
    ...opts.quality,
  });
  const how = scorer.net.fromCache
    ? 'loaded from the cache'
    : `trained in ${scorer.net.seconds.toFixed(1)} s${req.cacheDir ? ' and cached' : ''}`;
  emit({
    type: 'log',
    level: 'info',
    message: `Quality score: Fréchet distance over ${scorer.sampleSize} images in the feature space of a small ${ds.raw.name} classifier (${how}; held-out accuracy ${(scorer.net.accuracy * 100).toFixed(1)}%). Real vs real: ${scorer.realFloor.toFixed(2)}.`,
  });
  return scorer;
}

/** The run's GAN settings: the project's, with a learning-rate override applied to both optimizers. */
export function ganSettings({ project, overrides }: ParsedRunRequest): GanConfig {
  const gan = ganConfigSchema.parse(project.gan ?? {});
  if (overrides.learningRate) {
    gan.generatorOptimizer = { ...gan.generatorOptimizer, learningRate: overrides.learningRate };
    gan.discriminatorOptimizer = { ...gan.discriminatorOptimizer, learningRate: overrides.learningRate };
  }
  return gan;
}

/** The final metrics of a GAN run: the last epoch's loss and quality numbers. */
export function ganMetrics(last: EpochLogs | undefined): FinalMetrics {
  if (!last) return {};
  const { loss, frechet, conditional_accuracy } = last;
  return {
    loss,
    ...(frechet !== undefined ? { frechet } : {}),
    ...(conditional_accuracy !== undefined ? { conditional_accuracy } : {}),
  };
}

/** Runs a parsed GAN request; throws DeepwireErrors (the caller turns them into an `error` event). */
export async function runGan(
  req: ParsedRunRequest,
  emit: Emit,
  signal: RunSignal,
  opts: GanRunOptions = {},
): Promise<void> {
  const { project, overrides } = req;
  // CycleGAN documents (four groups) have their own trainer.
  if (isCycleGraph(project.graph)) return runCycleGan(req, emit, signal);
  const gan = ganSettings(req);
  const threads = wantedThreads(project.training.threads);
  const backend = await chooseBackend(req.backend, threads);
  const ds = await loadDataset(project.dataset, { kind: 'gan', cacheDir: req.cacheDir, limit: overrides.limit });
  const image = checkImages(ds);
  const seed = project.training.seed;
  const compile = { seed, sampleShape: ds.summary.sampleShape, semiSupervised: gan.semiSupervised };
  const models = compileGan(project.graph, gan.loss, compile);
  const batchSize = overrides.batchSize ?? project.training.batchSize;
  const sgan = gan.semiSupervised
    ? prepareSemiSupervised(models, ds, project.dataset.labelledLimit, batchSize, seed)
    : undefined;
  if (models.conditional) checkDatasetClasses(models.conditional, ds.raw.classes, ds.raw.name);
  const steps = new AdversarialSteps(models, gan, sgan?.head);
  let scorer: QualityScorer | undefined;
  let pairs: PairStepper | undefined;
  try {
    if (req.initialWeights)
      applyWeightsBlob([models.generator, models.discriminator], req.initialWeights, project.graph);
    const epochs = overrides.epochs ?? project.training.epochs;
    const real = new RealBatches(ds, models.range, batchSize, seed);
    const stepsPerEpoch = Math.max(1, Math.floor(real.perPass / gan.discriminatorSteps));
    // Two threads where the backend offers them and the run allows (after the initial weights: the helper copies them).
    pairs = await startPairStepper(
      { models, steps, graph: project.graph, settings: gan, compile },
      backend,
      threads,
      real.batchSize,
    );
    const shape = { epochs, stepsPerEpoch, batchSize: real.batchSize };
    emit({
      type: 'started',
      ...startedFields(req.runId, ds.summary, [models.generator, models.discriminator], shape),
      backend: { ...backend, threads: pairs.threads },
    });
    logNotes(emit, [
      ...ds.raw.notes,
      ...models.notes,
      ...(sgan ? [sgan.note] : []),
      ...(pairs.note ? [pairs.note] : []),
    ]);
    scorer = await makeScorer(req, ds, opts, emit);
    const loop = await runGanLoop(
      {
        models,
        steps,
        pairs,
        real,
        gan,
        epochs,
        stepsPerEpoch,
        seed,
        learningRate: gan.generatorOptimizer.learningRate,
        scorer,
        realDiversity: realDiversity(real, models.range),
        image,
      },
      emit,
      signal,
    );
    const metrics = ganMetrics(loop.last);
    if (sgan && loop.steps > 0) {
      const r = finishSemiSupervised(sgan, models, project.graph, gan, ds, {
        updates: loop.steps * gan.discriminatorSteps,
        batchSize: real.batchSize,
        seed,
      });
      emit({ type: 'log', level: 'info', message: reportSemiSupervised(metrics, sgan.labelled.count, r) });
    }
    const end = { reason: loop.reason, backend: backend.chosen, epochsCompleted: loop.epochsCompleted, metrics };
    emitDone(emit, loop.events, end, [models.generator, models.discriminator], project.graph, models.range);
  } finally {
    await pairs?.close();
    scorer?.net.classifier.dispose();
    steps.dispose();
    models.generator.dispose();
    models.discriminator.dispose();
  }
}
