/**
 * A GAN run on PyTorch (vanilla, DCGAN, least-squares, WGAN, WGAN-GP, and
 * their conditional forms). Node does what the TF.js GAN run does before its
 * loop — loads the images, compiles generator and discriminator with their
 * seeded initial weights, draws the fixed latent batches, measures the real
 * images' spread, prepares the quality scorer — writes the run folder
 * (gan-run-folder.ts) and supervises resources/python/deepwire_gan.py, which
 * runs the TF.js engine's steps. Its per-step statistics, grids and score
 * images come back and go through the TF.js loop's own reporter, grid and
 * score code (src/main/engine/gan/loop.ts), so the events are the same; the
 * trained weights of both models come back in Keras's layout.
 */
import { readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DeepwireError, ERRORS, type ErrorCode } from '../../../shared/errors.js';
import { isCycleGraph } from '../../../shared/shape/cycle-contracts.js';
import type { EpochLogs, ParsedRunRequest } from '../../../shared/training/protocol.js';
import { decodeNpy } from '../export/keras/npy.js';
import { loadDataset } from '../datasets/load.js';
import { checkDatasetClasses } from '../gan/conditional.js';
import { GanReporter, GRID_SEED_OFFSET, SCORE_SEED_OFFSET, scoreGenerated, scoreLabels } from '../gan/loop.js';
import { compileGan } from '../gan/models.js';
import { sampleLatent } from '../gan/noise.js';
import { RealBatches } from '../gan/real-batches.js';
import { fixedNoise, snapshotOf } from '../gan/samples.js';
import type { DiscriminatorStats, GeneratorStats } from '../gan/step.js';
import {
  checkImages,
  ganMetrics,
  ganSettings,
  generatorOutputScaling,
  makeScorer,
  modelSize,
  realDiversity,
  type Emit,
} from '../gan/train-gan.js';
import type { QualityScorer } from '../quality/score.js';
import { chooseBackend } from '../train/backend.js';
import type { RunSignal } from '../train/control.js';
import { applyNamedWeights, applyWeightsBlob, modelWeightsBlob } from '../weights.js';
import { ganExportModels, writeGanRunFolder } from './gan-run-folder.js';
import { appVersion } from './prepare-run.js';
import { findPython } from './python.js';
import { startRunner } from './runner-process.js';
import { crashed, forwardCommands, readTrained, report, runnerArgs, type Failure, type Ready } from './supervise.js';
import type { PytorchRunOptions } from './train-pytorch.js';

interface GanResult {
  type: 'result';
  reason: 'completed' | 'stopped';
  epochsCompleted: number;
  steps: number;
}

interface StepMessage {
  type: 'gan-step';
  epoch: number;
  batch: number;
  step: number;
  d: DiscriminatorStats;
  g: GeneratorStats;
  seconds: number;
}

/** Refusals before anything is loaded: the variants and launches the PyTorch GAN loop does not run. */
function checkSupported(req: ParsedRunRequest, semiSupervised: boolean): void {
  if (isCycleGraph(req.project.graph))
    throw new DeepwireError('DW532', 'CycleGAN projects do not train on PyTorch yet', '--backend');
  if (semiSupervised)
    throw new DeepwireError('DW532', 'semi-supervised GANs (SGAN) do not train on PyTorch yet', '--backend');
  if (req.nprocPerNode > 1 || req.multiNode)
    throw new DeepwireError(
      'DW533',
      `a GAN run on PyTorch trains in one process; ${req.multiNode ? `${req.multiNode.nnodes} node(s)` : `--nproc-per-node ${req.nprocPerNode}`} was asked`,
      req.multiNode ? '--nnodes' : '--nproc-per-node',
    );
}

/** An .npy the runner wrote (relative to the run folder), read once and removed. */
function takeNpy(folder: string, file: string): tf.Tensor {
  const path = join(folder, file);
  const npy = decodeNpy(new Uint8Array(readFileSync(path)));
  rmSync(path, { force: true });
  return tf.tensor(npy.values, npy.shape);
}

export async function runPytorchGan(
  req: ParsedRunRequest,
  emit: Emit,
  signal: RunSignal,
  opts: PytorchRunOptions = {},
): Promise<void> {
  const { project, overrides } = req;
  const gan = ganSettings(req);
  checkSupported(req, gan.semiSupervised === true);
  const python = await findPython(req.python);
  // Node's own tensors: the grids, the quality score and its feature network.
  await chooseBackend('auto');
  const ds = await loadDataset(project.dataset, { kind: 'gan', cacheDir: req.cacheDir, limit: overrides.limit });
  const image = checkImages(ds);
  const seed = project.training.seed;
  const models = compileGan(project.graph, gan.loss, { seed, sampleShape: ds.summary.sampleShape });
  const folder = await mkdtemp(join(tmpdir(), 'deepwire-torch-gan-'));
  const grid = fixedNoise(models, seed + GRID_SEED_OFFSET);
  let scorer: QualityScorer | undefined;
  let scoreZ: tf.Tensor | undefined;
  let scoreY: tf.Tensor2D | undefined;
  try {
    if (models.conditional) checkDatasetClasses(models.conditional, ds.raw.classes, ds.raw.name);
    if (req.initialWeights)
      applyWeightsBlob([models.generator, models.discriminator], req.initialWeights, project.graph);
    const epochs = overrides.epochs ?? project.training.epochs;
    const real = new RealBatches(ds, models.range, overrides.batchSize ?? project.training.batchSize, seed);
    const stepsPerEpoch = Math.max(1, Math.floor(real.perPass / gan.discriminatorSteps));
    // The TF.js run measures the spread on its first real batch; the runner skips that batch too.
    const diversity = realDiversity(real, models.range);
    const scorerLogs: Parameters<Emit>[0][] = [];
    scorer = await makeScorer(req, ds, opts, (e) => scorerLogs.push(e));
    if (scorer) {
      scoreZ = sampleLatent(models.latent, scorer.sampleSize, seed + SCORE_SEED_OFFSET);
      scoreY = scoreLabels(models, scorer);
    }
    await writeGanRunFolder(folder, {
      project: { name: project.name ?? 'Deepwire GAN', kind: 'gan', graph: project.graph },
      models,
      gan,
      ds,
      grid,
      score: scoreZ && { z: scoreZ, labels: scoreY },
      settings: { epochs, stepsPerEpoch, batchSize: real.batchSize, seed, device: req.device },
      appVersion: appVersion(),
    });

    const reporter = new GanReporter(
      {
        loss: gan.loss,
        epochs,
        stepsPerEpoch,
        batchSize: real.batchSize,
        learningRate: gan.generatorOptimizer.learningRate,
        realDiversity: diversity,
      },
      emit,
    );
    let last: EpochLogs | undefined;
    let result: GanResult | null = null;
    let failure: Failure | DeepwireError | null = null;
    const handle = (m: { type?: string } & Record<string, unknown>): void => {
      if (m.type === 'ready') {
        const ready = m as unknown as Ready;
        emit({
          type: 'started',
          runId: req.runId,
          backend: report(ready, opts.probes ?? []),
          dataset: ds.summary,
          model: modelSize(models),
          epochs,
          batchSize: real.batchSize,
          batchesPerEpoch: stepsPerEpoch,
        });
        emit({
          type: 'log',
          level: 'info',
          message: `PyTorch process ${proc.pid ?? '?'}: ${ready.executable}, torch ${ready.torch}, ${ready.device}`,
        });
        for (const message of [...ds.raw.notes, ...models.notes]) emit({ type: 'log', level: 'info', message });
        for (const e of scorerLogs) emit(e);
      } else if (m.type === 'gan-step') {
        const s = m as unknown as StepMessage;
        reporter.step(s.epoch, s.batch, s.step, s.d, s.g, s.seconds);
      } else if (m.type === 'gan-samples') {
        const generated = takeNpy(folder, m.file as string);
        try {
          const snap = snapshotOf(generated, models.range, image, grid.count, grid.columns);
          reporter.samples(m.epoch as number, m.step as number, snap);
        } finally {
          generated.dispose();
        }
      } else if (m.type === 'gan-epoch') {
        let quality: Partial<EpochLogs> = {};
        if (scorer && typeof m.file === 'string') {
          const generated = takeNpy(folder, m.file);
          try {
            quality = {
              ...scoreGenerated(scorer, generated, models.range, image, scoreY),
              frechet_floor: scorer.realFloor,
            };
          } finally {
            generated.dispose();
          }
        }
        last = reporter.endEpoch(m.epoch as number, m.seconds as number, quality);
      } else if (m.type === 'paused') emit({ type: 'paused', epoch: m.epoch as number, batch: m.batch as number });
      else if (m.type === 'resumed') emit({ type: 'resumed' });
      else if (m.type === 'result') result = m as unknown as GanResult;
      else if (m.type === 'failure') failure = m as unknown as Failure;
    };
    const proc = startRunner({ command: python.command, args: runnerArgs(1, folder), cwd: folder }, (message) => {
      if (failure) return;
      try {
        handle(message as { type?: string } & Record<string, unknown>);
      } catch (e) {
        // A failure on this side (DW501 from the reporter, a missing file) ends the run.
        failure = e instanceof DeepwireError ? e : new DeepwireError('DW502', (e as Error).message, 'pytorch');
        proc.kill();
      }
    });
    const stopForwarding = forwardCommands(signal, (c) => proc.send(c));
    const exit = await proc.exited.finally(stopForwarding);
    const failed = failure as Failure | DeepwireError | null;
    if (failed instanceof DeepwireError) throw failed;
    if (failed) {
      const code = (failed.code in ERRORS ? failed.code : 'DW502') as ErrorCode;
      throw new DeepwireError(code, failed.message, failed.where);
    }
    const done = result as GanResult | null;
    if (!done) throw crashed(python, proc.pid, exit, 1);

    const [generator, discriminator] = ganExportModels(models, project.graph);
    applyNamedWeights(
      [models.generator, models.discriminator],
      [
        ...(await readTrained(join(folder, 'out', 'generator'), generator)),
        ...(await readTrained(join(folder, 'out', 'discriminator'), discriminator)),
      ],
    );
    emit({
      type: 'done',
      reason: done.reason,
      backend: 'pytorch',
      epochsCompleted: done.epochsCompleted,
      metrics: ganMetrics(last),
      samplesPerSecond: reporter.progress.samplesPerSecond() * real.batchSize,
      seconds: reporter.progress.totalSeconds,
      weights: modelWeightsBlob([models.generator, models.discriminator], project.graph),
      preprocessing: generatorOutputScaling(models.range),
    });
  } finally {
    scorer?.net.classifier.dispose();
    tf.dispose([
      grid.z,
      ...(grid.labels ? [grid.labels] : []),
      ...(scoreZ ? [scoreZ] : []),
      ...(scoreY ? [scoreY] : []),
    ]);
    models.generator.dispose();
    models.discriminator.dispose();
    await rm(folder, { recursive: true, force: true });
  }
}
