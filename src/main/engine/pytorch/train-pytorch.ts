/**
 * A classifier/regressor run on PyTorch. Node does what it does for every
 * run — loads and splits the dataset, compiles the graph with its seeded
 * initial weights, checks loss against output — then writes the run folder
 * (run-folder.ts) and supervises resources/python/deepwire_runner.py, which
 * trains and streams the same batch/epoch events as the TF.js loop. The test
 * split's predictions come back as .npy and are evaluated here by the TF.js
 * engine's own code; the trained weights come back in Keras's layout and go
 * into the compiled model, so `done` carries them in the project's form.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeepwireError, ERRORS, type ErrorCode } from '../../../shared/errors.js';
import { trainingEventSchema, type FinalMetrics, type ParsedRunRequest } from '../../../shared/training/protocol.js';
import type { BackendProbe } from '../../../shared/training/backend.js';
import { decodeNpy } from '../export/keras/npy.js';
import type { GanRunOptions } from '../gan/train-gan.js';
import type { RunSignal } from '../train/control.js';
import { scorePredictions, testReport } from '../train/evaluate.js';
import { preprocessing, type Emit } from '../train/train.js';
import { applyNamedWeights, modelWeightsBlob } from '../weights.js';
import { prepareRun, type PreparedRun } from './prepare-run.js';
import { runPytorchGan } from './train-gan-pytorch.js';
import { findPython } from './python.js';
import { startRunner } from './runner-process.js';
import { crashed, forwardCommands, readTrained, report, runnerArgs, type Failure, type Ready } from './supervise.js';

interface Result {
  type: 'result';
  reason: 'completed' | 'stopped' | 'early-stopping';
  epochsCompleted: number;
  last: Record<string, number> | null;
  samplesPerSecond: number;
  seconds: number;
}
export interface PytorchRunOptions {
  /** Probes of the other backends, shown after PyTorch's in the run's backend report. */
  probes?: BackendProbe[];
  /** GAN runs: the quality score's budget, as for the TF.js GAN run (false: no score). */
  quality?: GanRunOptions['quality'];
}

/** A PyTorch run of one kind of project: the run's request, where its events go, its stop/pause signal, options. */
export type PytorchRunner = (
  req: ParsedRunRequest,
  emit: Emit,
  signal: RunSignal,
  opts?: PytorchRunOptions,
) => Promise<void>;

export const runPytorch: PytorchRunner = async (req, emit, signal, opts = {}) => {
  const { project } = req;
  // GAN projects: the adversarial loop (train-gan-pytorch.ts).
  if (project.kind === 'gan') return runPytorchGan(req, emit, signal, opts);
  const python = await findPython(req.python);
  const training = project.training;
  const folder = await mkdtemp(join(tmpdir(), 'deepwire-torch-'));
  let model: PreparedRun['model'] | undefined;
  try {
    const prepared = await prepareRun(req, folder);
    const { ds, exportModel, settings, classes } = prepared;
    model = prepared.model;
    const tfModel = model;

    let result: Result | null = null;
    let failure: Failure | null = null;
    const proc = startRunner(
      { command: python.command, args: runnerArgs(req.nprocPerNode, folder, req.multiNode), cwd: folder },
      (message) => {
        const m = message as { type?: string };
        if (m.type === 'ready') {
          const ready = m as Ready;
          emit({
            type: 'started',
            runId: req.runId,
            backend: report(ready, opts.probes ?? []),
            dataset: ds.summary,
            model: { params: tfModel.countParams(), layers: tfModel.layers.length },
            epochs: settings.epochs,
            batchSize: settings.batchSize,
            batchesPerEpoch: Math.ceil(ds.train.index.length / settings.batchSize),
          });
          emit({
            type: 'log',
            level: 'info',
            message: `PyTorch process ${proc.pid ?? '?'}: ${ready.executable}, torch ${ready.torch}, ${ready.device}`,
          });
          for (const note of ds.raw.notes) emit({ type: 'log', level: 'info', message: note });
        } else if (m.type === 'result') result = m as Result;
        else if (m.type === 'failure') failure = m as Failure;
        else {
          const event = trainingEventSchema.safeParse(message);
          if (event.success && ['batch', 'epoch', 'paused', 'resumed'].includes(event.data.type)) emit(event.data);
        }
      },
    );
    const stopForwarding = forwardCommands(signal, (c) => proc.send(c));
    const exit = await proc.exited.finally(stopForwarding);
    const failed = failure as Failure | null;
    if (failed) {
      const code = (failed.code in ERRORS ? failed.code : 'DW502') as ErrorCode;
      throw new DeepwireError(code, failed.message, failed.where);
    }
    const done = result as Result | null;
    if (!done) throw crashed(python, proc.pid, exit, req.nprocPerNode, req.multiNode);

    const predictions = decodeNpy(new Uint8Array(await readFile(join(folder, 'out', 'predictions_test.npy'))));
    const units = predictions.shape[1] ?? 1;
    if (predictions.shape[0] !== ds.test.index.length) {
      throw new DeepwireError(
        'DW529',
        `the PyTorch run predicted ${predictions.shape[0]} test samples of ${ds.test.index.length}`,
        'pytorch',
      );
    }
    const evaluation = testReport(ds, scorePredictions(ds, ds.test, predictions.values, units, training.loss, classes));
    emit({ type: 'evaluation', evaluation });
    applyNamedWeights([model], await readTrained(join(folder, 'out'), exportModel));

    const metrics: FinalMetrics = { ...(done.last ?? {}), testLoss: evaluation.testLoss };
    delete (metrics as Record<string, unknown>).lr;
    if (evaluation.task === 'classification') metrics.testAccuracy = evaluation.testAccuracy;
    else Object.assign(metrics, { testMae: evaluation.mae, testRmse: evaluation.rmse });
    emit({
      type: 'done',
      reason: done.reason,
      backend: 'pytorch',
      epochsCompleted: done.epochsCompleted,
      metrics,
      samplesPerSecond: done.samplesPerSecond,
      seconds: done.seconds,
      weights: modelWeightsBlob([model], project.graph),
      preprocessing: preprocessing(ds),
    });
  } finally {
    model?.dispose();
    await rm(folder, { recursive: true, force: true });
  }
};
