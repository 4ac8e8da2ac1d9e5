/**
 * The engine's entry point: `train(request, emit, signal)`. Picks the
 * backend, loads the dataset, compiles the graph, checks that loss, output
 * and data fit, trains, evaluates on the test split and emits `done` with the
 * weights in the project's stored form. Every failure is one `error` event
 * with a numbered code; nothing throws out of here.
 */
import type * as tf from '@tensorflow/tfjs';
import { isDeepwireError } from '../../../shared/errors.js';
import {
  runRequestSchema,
  type FinalMetrics,
  type ParsedRunRequest,
  type Preprocessing,
  type RunRequest,
  type TrainingEvent,
} from '../../../shared/training/protocol.js';
import { loadDataset, type LoadedDataset } from '../datasets/load.js';
import { runGan, type GanRunOptions } from '../gan/train-gan.js';
import { chooseEngine } from '../pytorch/choose.js';
import { runPytorch } from '../pytorch/train-pytorch.js';
import { modelWeightsBlob } from '../weights.js';
import { chooseBackend } from './backend.js';
import type { RunSignal } from './control.js';
import { evaluateTest } from './evaluate.js';
import { compileForData } from './compile-for-data.js';
import { compileLoss } from './losses.js';
import { runLoop } from './loop.js';
import { makeOptimizer } from './optimizers.js';
import { startStepper, wantedThreads, type Stepper } from './stepper.js';

export type Emit = (event: TrainingEvent) => void;

export function preprocessing(ds: LoadedDataset): Preprocessing {
  const { norm, raw } = ds;
  const out: Preprocessing = { scaling: raw.scaling };
  if (norm.mean && norm.std) {
    out.mean = Array.from(norm.mean);
    out.std = Array.from(norm.std);
  }
  if (raw.task === 'regression') {
    out.targetMean = norm.targetMean;
    out.targetStd = norm.targetStd;
  }
  return out;
}

async function run(req: ParsedRunRequest, emit: Emit, signal: RunSignal, opts: GanRunOptions): Promise<void> {
  const { project, overrides } = req;
  // PyTorch in a Python process (src/main/engine/pytorch, issue #12) when forced, or on a GPU under auto.
  const engine = await chooseEngine(req.backend, req.python);
  if (engine.pytorch) return runPytorch(req, emit, signal, { quality: opts.quality });
  // GAN projects: the adversarial trainer (src/main/engine/gan, issue #6).
  if (project.kind === 'gan') return runGan(req, emit, signal, opts);
  const training = project.training;
  const threads = wantedThreads(training.threads);
  const tfjs = await chooseBackend(req.backend, threads);
  const backend = { ...tfjs, probes: [engine.probe, ...tfjs.probes] };
  const ds = await loadDataset(project.dataset, { kind: project.kind, cacheDir: req.cacheDir, limit: overrides.limit });
  const { compiled, classes } = compileForData(req, ds);
  const { model } = compiled;
  let stepper: Stepper | null = null;
  try {
    const epochs = overrides.epochs ?? training.epochs;
    const batchSize = overrides.batchSize ?? training.batchSize;
    const learningRate = overrides.learningRate ?? training.optimizer.learningRate;
    const optimizer = makeOptimizer(training.optimizer.name, learningRate);
    const metrics = ds.raw.task === 'classification' ? ['accuracy'] : ['mae'];
    model.compile({ optimizer, loss: compileLoss(training.loss), metrics });
    const metricNames = model.metricsNames.slice(1);
    const inputDtype = (model.inputs[0].dtype ?? 'float32') as tf.DataType;
    // Two threads where the backend offers them and the model allows; the started event says what the run holds.
    stepper = await startStepper(model, backend, threads, batchSize);

    emit({
      type: 'started',
      runId: req.runId,
      backend: { ...backend, threads: stepper.threads },
      dataset: ds.summary,
      model: { params: model.countParams(), layers: model.layers.length },
      epochs,
      batchSize,
      batchesPerEpoch: Math.ceil(ds.train.index.length / batchSize),
    });
    for (const note of ds.raw.notes) emit({ type: 'log', level: 'info', message: note });
    if (stepper.note) emit({ type: 'log', level: 'info', message: stepper.note });

    const ctx = { model, ds, loss: training.loss, classes, inputDtype };
    const loop = await runLoop(
      { ...ctx, training, optimizer, epochs, batchSize, learningRate, metricNames, stepper },
      emit,
      signal,
    );
    const evaluation = await evaluateTest(ctx);
    emit({ type: 'evaluation', evaluation });

    const metricsOut: FinalMetrics = { ...loop.last, testLoss: evaluation.testLoss };
    delete (metricsOut as Record<string, unknown>).lr;
    if (evaluation.task === 'classification') metricsOut.testAccuracy = evaluation.testAccuracy;
    else Object.assign(metricsOut, { testMae: evaluation.mae, testRmse: evaluation.rmse });
    const p = loop.progress;
    emit({
      type: 'done',
      reason: loop.reason,
      backend: backend.chosen,
      epochsCompleted: loop.epochsCompleted,
      metrics: metricsOut,
      samplesPerSecond: p.samplesPerSecond(),
      seconds: p.totalSeconds,
      weights: modelWeightsBlob([model], project.graph),
      preprocessing: preprocessing(ds),
    });
    optimizer.dispose();
  } finally {
    await stepper?.close();
    model.dispose();
  }
}

/**
 * Runs one training request — any project kind, on any engine — to its end: exactly one `done` or `error`
 * event is emitted last. `opts` sets a GAN run's quality-score budget (tests keep it small).
 */
export async function train(
  request: RunRequest,
  emit: Emit,
  signal: RunSignal,
  opts: GanRunOptions = {},
): Promise<void> {
  const parsed = runRequestSchema.safeParse(request);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    emit({
      type: 'error',
      code: 'DW601',
      message: `the run request is malformed: ${issue.message}`,
      where: issue.path.join('.') || undefined,
    });
    return;
  }
  try {
    await run(parsed.data, emit, signal, opts);
  } catch (e) {
    if (isDeepwireError(e))
      emit({ type: 'error', code: e.code, message: e.detail, ...(e.where ? { where: e.where } : {}) });
    else
      emit({
        type: 'error',
        code: 'DW502',
        message: `unexpected failure in the engine: ${(e as Error)?.stack ?? String(e)}`,
      });
  }
}
