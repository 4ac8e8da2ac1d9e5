/**
 * The engine's entry point: `train(request, emit, signal)`. Picks the
 * backend, loads the dataset, compiles the graph, checks that loss, output
 * and data fit, trains, evaluates on the test split and emits `done` with the
 * weights in the project's stored form. Every failure is one `error` event
 * with a numbered code; nothing throws out of here.
 */
import type * as tf from '@tensorflow/tfjs';
import { DeepwireError, isDeepwireError } from '../../../shared/errors.js';
import {
  runRequestSchema,
  type FinalMetrics,
  type ParsedRunRequest,
  type Preprocessing,
  type RunRequest,
  type TrainingEvent,
} from '../../../shared/training/protocol.js';
import { compileGraph } from '../compile/compile.js';
import { loadDataset, type LoadedDataset } from '../datasets/load.js';
import { runGan } from '../gan/train-gan.js';
import { chooseEngine } from '../pytorch/choose.js';
import { runPytorch } from '../pytorch/train-pytorch.js';
import { applyWeightsBlob, modelWeightsBlob } from '../weights.js';
import { adaptNormalization } from './adapt.js';
import { chooseBackend } from './backend.js';
import type { RunSignal } from './control.js';
import { evaluateTest } from './evaluate.js';
import { checkLossFits, compileLoss } from './losses.js';
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

async function run(req: ParsedRunRequest, emit: Emit, signal: RunSignal): Promise<void> {
  const { project, overrides } = req;
  // PyTorch in a Python process (src/main/engine/pytorch, issue #12) when forced, or on a GPU under auto.
  const engine = await chooseEngine(req.backend, project.kind, req.python, project.gan?.semiSupervised === true);
  if (engine.pytorch) return runPytorch(req, emit, signal);
  // GAN projects: the adversarial trainer (src/main/engine/gan, issue #6).
  if (project.kind === 'gan') return runGan(req, emit, signal);
  const training = project.training;
  const threads = wantedThreads(training.threads);
  const tfjs = await chooseBackend(req.backend, threads);
  const backend = { ...tfjs, probes: [engine.probe, ...tfjs.probes] };
  const ds = await loadDataset(project.dataset, { kind: project.kind, cacheDir: req.cacheDir, limit: overrides.limit });
  const { model, inputs, outputs, report } = compileGraph(project.graph, {
    projectKind: project.kind,
    sampleShape: ds.summary.sampleShape,
    seed: training.seed,
  });
  let stepper: Stepper | null = null;
  try {
    if (inputs.length !== 1)
      throw new DeepwireError(
        'DW408',
        `the model has ${inputs.length} inputs; a dataset feeds exactly one`,
        inputs[1]?.name,
      );
    const classes = ds.raw.classes?.length ?? 0;
    checkLossFits({
      graph: project.graph,
      output: outputs[0],
      outputShape: report.nodes[outputs[0].id].shape ?? [],
      loss: training.loss,
      task: ds.raw.task,
      classes,
      targetSize: ds.ySize,
    });
    if (req.initialWeights) applyWeightsBlob([model], req.initialWeights, project.graph);
    else adaptNormalization(model, ds);

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

/** Runs one training request to its end: exactly one `done` or `error` event is emitted last. */
export async function train(request: RunRequest, emit: Emit, signal: RunSignal): Promise<void> {
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
    await run(parsed.data, emit, signal);
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
