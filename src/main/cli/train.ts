/**
 * `deepwire train <project>`: trains a project in the engine worker, shows
 * progress (a bar per epoch on a terminal, plain lines otherwise, JSON lines
 * with --json), saves the weights and a run record into the project file
 * (merged under the file's lock with whatever was saved meanwhile; weights
 * for a graph that changed go to a side project, DW210), and writes the
 * TF.js model to --out. Ctrl-C stops after the
 * current batch (the weights so far are kept); a second Ctrl-C ends at once.
 * Exit 0 on success, 1 when training fails or is stopped, 2 on bad input.
 */
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeepwireError, formatProblem, type ErrorCode } from '../../shared/errors.js';
import { BatchCurveRecorder } from '../../shared/runs/record.js';
import {
  BACKEND_PREFERENCES,
  TORCH_DEVICE_PATTERN,
  TORCH_DEVICES_HELP,
  type BackendPreference,
} from '../../shared/training/backend.js';
import type { TrainingThreads } from '../../shared/training/config.js';
import type { EventOf, MultiNode, RunOverrides, TrainingEvent } from '../../shared/training/protocol.js';
import { resolveCyclePaths } from '../services/cycle-paths.js';
import { EpochGridWriter, sampleGridFolder } from '../engine/images/epoch-grids.js';
import { readProjectFile, resolveDatasetPaths } from '../services/project-files.js';
import { saveRunIntoProject, type RunSaved } from '../services/project-update.js';
import { runRecord } from '../services/run-record.js';
import { TrainingSupervisor } from '../services/training-supervisor.js';
import type { CliIo } from './io.js';
import { parseMultiNode, type MultiNodeFlags } from './multi-node.js';

const HELP = `Usage: deepwire train <project.deepwire> [options]

Trains the project's model on its dataset, saves the trained weights (and a
run record) into the project file, and optionally writes a TF.js model.

  --epochs N        epochs to train (default: the project's setting)
  --limit N         train on the first N training samples (test set unchanged)
  --batch-size N    samples per batch (default: the project's setting)
  --learning-rate X the optimizer's learning rate for this run (default: the project's setting)
  --backend B       auto | pytorch | tensorflow-gpu | tensorflow | wasm | cpu (default auto)
  --device D        PyTorch device: auto | cpu | cuda | cuda:N | mps (default auto: first GPU, else CPU)
  --python PATH     the Python with torch for --backend pytorch (default: DEEPWIRE_PYTHON, else python3)
  --nproc-per-node N  PyTorch data-parallel processes (DDP through torchrun; default 1)
  --nnodes M --node-rank R --rdzv-endpoint HOST:PORT
                    PyTorch on M machines: run the same command on each, R = 0 … M−1, HOST:PORT on node 0
  --threads T       wasm training threads: auto | 1 | 2 (default: the project's setting; beats DEEPWIRE_THREADS)
  --out DIR         also write the trained model as TF.js (model.json + weights.bin); a GAN's
                    grids go to DIR/samples (default: <project>-samples beside the project)
  --cache-dir DIR   where parsed datasets are cached (default ~/.cache/deepwire/datasets)
  --json            one JSON object per line per event; the last line is the result

Exit status: 0 trained, 1 training failed or was stopped, 2 bad input.`;

export interface TrainArgs {
  project: string;
  overrides: RunOverrides;
  backend: BackendPreference;
  /** PyTorch: device, Python, processes per node. */
  device: string;
  python?: string;
  nprocPerNode: number;
  /** PyTorch on several machines (torchrun's rendezvous). */
  multiNode?: MultiNode;
  /** wasm training threads for this run (over the project's and DEEPWIRE_THREADS). */
  threads?: TrainingThreads;
  out?: string;
  cacheDir: string;
  json: boolean;
}

const usage = (message: string) => new DeepwireError('DW801', `${message}\n\n${HELP}`, 'train');

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n <= 0)
    throw usage(`${flag} needs a positive whole number, got '${value ?? ''}'`);
  return n;
}

function trainingThreads(value: string | undefined): TrainingThreads {
  if (value === 'auto') return 'auto';
  if (value === '1' || value === '2') return Number(value) as 1 | 2;
  throw usage(`--threads must be auto, 1 or 2, got '${value ?? ''}'`);
}

export function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'deepwire', 'datasets');
}

export function parseTrainArgs(args: string[]): TrainArgs {
  const nodes: MultiNodeFlags = {};
  const out: Partial<TrainArgs> & { overrides: RunOverrides } = {
    overrides: {},
    backend: 'auto',
    device: 'auto',
    nprocPerNode: 1,
    json: false,
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--epochs':
        out.overrides.epochs = positiveInt(flag, value());
        break;
      case '--limit':
        out.overrides.limit = positiveInt(flag, value());
        break;
      case '--batch-size':
        out.overrides.batchSize = positiveInt(flag, value());
        break;
      case '--learning-rate': {
        const v = value();
        const lr = Number(v);
        if (v === undefined || v.trim() === '' || !Number.isFinite(lr) || lr <= 0 || lr > 10) {
          throw usage(`--learning-rate needs a number above 0 and at most 10, e.g. 0.001, got '${v ?? ''}'`);
        }
        out.overrides.learningRate = lr;
        break;
      }
      case '--backend': {
        const b = value();
        if (!(BACKEND_PREFERENCES as readonly string[]).includes(b ?? ''))
          throw usage(`--backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got '${b ?? ''}'`);
        out.backend = b as BackendPreference;
        break;
      }
      case '--device': {
        const d = value();
        if (!TORCH_DEVICE_PATTERN.test(d ?? ''))
          throw usage(`--device must be ${TORCH_DEVICES_HELP}, got '${d ?? ''}'`);
        out.device = d;
        break;
      }
      case '--python':
        out.python = value();
        if (!out.python) throw usage('--python needs the path of a Python');
        break;
      case '--nproc-per-node':
        out.nprocPerNode = positiveInt(flag, value());
        break;
      case '--threads':
        out.threads = trainingThreads(value());
        break;
      case '--nnodes':
        nodes.nnodes = value() ?? '';
        break;
      case '--node-rank':
        nodes.nodeRank = value() ?? '';
        break;
      case '--rdzv-endpoint':
        nodes.rdzvEndpoint = value() ?? '';
        break;
      case '--out':
        out.out = value();
        if (!out.out) throw usage('--out needs a folder');
        break;
      case '--cache-dir':
        out.cacheDir = value();
        if (!out.cacheDir) throw usage('--cache-dir needs a folder');
        break;
      case '--json':
        out.json = true;
        break;
      default:
        if (a.startsWith('-')) throw usage(`unknown option '${a}'`);
        if (out.project) throw usage(`train takes one project, got '${out.project}' and '${a}'`);
        out.project = a;
    }
  }
  if (!out.project) throw usage('name the project to train');
  out.multiNode = parseMultiNode(nodes, out.backend ?? 'auto');
  return { ...out, project: out.project, cacheDir: out.cacheDir ?? defaultCacheDir() } as TrainArgs;
}

/** Bad input (files, data, flags, a backend that is not there) is 2; a run that fails is 1. */
export function exitCodeFor(code: ErrorCode): number {
  return /^DW[248]/.test(code) || code === 'DW503' ? 2 : 1;
}

const fixed = (v: number | undefined, d = 4) => (v === undefined ? '–' : v.toFixed(d));
const rate = (v: number) => Math.round(v).toLocaleString('en-US');
const duration = (s: number) =>
  s < 60 ? `${s.toFixed(0)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
const BAR = 24;

/** A GAN step's or epoch's losses as the CLI shows them: a CycleGAN's five, else D, G, D(x), D(G(z)). */
function ganLosses(l: Partial<Record<string, number>>): string[] {
  if (l.cycle_loss !== undefined)
    return [
      `D_A loss ${fixed(l.d_a_loss)}`,
      `D_B loss ${fixed(l.d_b_loss)}`,
      `G loss ${fixed(l.g_loss)}`,
      `cycle ${fixed(l.cycle_loss)}`,
      `identity ${fixed(l.identity_loss)}`,
    ];
  return [
    `D loss ${fixed(l.d_loss)}`,
    `G loss ${fixed(l.g_loss)}`,
    `D(x) ${fixed(l.d_real, 3)}`,
    `D(G(z)) ${fixed(l.d_fake, 3)}`,
  ];
}

/** Progress output: a bar per epoch on a terminal, plain lines otherwise, or JSON lines. */
class TrainProgress {
  private lastPlain = -1;

  constructor(
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}

  show(e: TrainingEvent): void {
    if (this.json) {
      const { type, ...rest } = e;
      // GAN sample grids: their pixels are too big for a log line; the per-epoch PNGs go to --out.
      if (e.type === 'samples')
        this.io.out(
          JSON.stringify({
            event: type,
            epoch: e.epoch,
            step: e.step,
            rows: e.rows,
            columns: e.columns,
            width: e.grid.width,
            height: e.grid.height,
          }),
        );
      else this.io.out(JSON.stringify({ event: type, ...rest }));
      return;
    }
    switch (e.type) {
      case 'started': {
        const d = e.dataset;
        this.io.out(
          `Backend ${e.backend.chosen}${e.backend.kernelPack ? ' + kernel pack' : ''}; ${d.name}: ${d.trainSize} training, ${d.validationSize} validation, ${d.testSize} test samples${d.fromCache ? ' (from cache)' : ''}, loaded in ${d.loadSeconds.toFixed(1)} s`,
        );
        this.io.out(
          `Model: ${e.model.params.toLocaleString('en-US')} params; ${e.epochs} epoch(s) of ${e.batchesPerEpoch} batches of ${e.batchSize}`,
        );
        break;
      }
      case 'batch': {
        const acc = e.accuracy !== undefined ? ` acc ${fixed(e.accuracy)}` : '';
        if (this.io.isTty) {
          const filled = Math.round((e.batch / e.batchesPerEpoch) * BAR);
          const bar = '='.repeat(Math.max(0, filled - 1)) + (filled > 0 ? '>' : '') + ' '.repeat(BAR - filled);
          this.io.status(
            `Epoch ${e.epoch} [${bar}] ${e.batch}/${e.batchesPerEpoch} loss ${fixed(e.loss)}${acc} ${rate(e.samplesPerSecond)} samples/s ETA ${duration(e.etaSeconds)}`,
          );
        } else {
          // Plain output: a line at each quarter of an epoch.
          const quarter = Math.floor((e.batch / e.batchesPerEpoch) * 4);
          if (quarter > this.lastPlain && quarter < 4) {
            this.lastPlain = quarter;
            this.io.out(
              `  epoch ${e.epoch} batch ${e.batch}/${e.batchesPerEpoch} loss ${fixed(e.loss)}${acc} ${rate(e.samplesPerSecond)} samples/s`,
            );
          }
        }
        break;
      }
      // GAN runs (issue #6): adversarial progress, warnings.
      case 'gan-batch': {
        const text = `${ganLosses(e.logs).join(' ')} ${e.stepsPerSecond.toFixed(2)} steps/s ETA ${duration(e.etaSeconds)}`;
        if (this.io.isTty) this.io.status(`Epoch ${e.epoch} step ${e.batch}/${e.batchesPerEpoch} ${text}`);
        else if (Math.floor((e.batch / e.batchesPerEpoch) * 4) > this.lastPlain && e.batch < e.batchesPerEpoch) {
          this.lastPlain = Math.floor((e.batch / e.batchesPerEpoch) * 4);
          this.io.out(`  epoch ${e.epoch} step ${e.batch}/${e.batchesPerEpoch} ${text}`);
        }
        break;
      }
      case 'gan-warning':
        this.io.err(`Warning (step ${e.step}): ${e.message}`);
        break;
      case 'epoch': {
        this.lastPlain = -1;
        if (this.io.isTty) this.io.status('');
        const l = e.logs;
        const parts = [`loss ${fixed(l.loss)}`];
        if (l.accuracy !== undefined) parts.push(`acc ${fixed(l.accuracy)}`);
        if (l.mae !== undefined) parts.push(`mae ${fixed(l.mae)}`);
        if (l.val_loss !== undefined) parts.push(`val_loss ${fixed(l.val_loss)}`);
        if (l.val_accuracy !== undefined) parts.push(`val_acc ${fixed(l.val_accuracy)}`);
        if (l.val_mae !== undefined) parts.push(`val_mae ${fixed(l.val_mae)}`);
        if (l.g_loss !== undefined) parts.splice(0, 1, ...ganLosses(l));
        if (l.heldout_translation_mae !== undefined)
          parts.push(`held-out translation error ${fixed(l.heldout_translation_mae, 4)}`);
        if (l.frechet !== undefined)
          parts.push(`Fréchet ${l.frechet.toFixed(2)} (real vs real ${fixed(l.frechet_floor, 2)})`);
        this.io.out(
          `${this.io.isTty ? '\n' : ''}Epoch ${e.epoch}/${e.epochs}: ${parts.join(', ')}, lr ${l.lr.toPrecision(3)} (${e.seconds.toFixed(1)} s, ${rate(e.samplesPerSecond)} samples/s)`,
        );
        break;
      }
      case 'paused':
        this.io.out(`Paused at epoch ${e.epoch}, batch ${e.batch}`);
        break;
      case 'resumed':
        this.io.out('Resumed');
        break;
      case 'evaluation': {
        const v = e.evaluation;
        if (v.task === 'classification') {
          this.io.out(`Test: accuracy ${fixed(v.testAccuracy)}, loss ${fixed(v.testLoss)}`);
          this.io.out(
            `  per class: ${v.classes.map((c, i) => `${c} ${(v.perClassAccuracy[i] * 100).toFixed(1)}%`).join(', ')}`,
          );
        } else
          this.io.out(
            `Test: MAE ${v.mae.toPrecision(4)}, RMSE ${v.rmse.toPrecision(4)} (data units), loss ${fixed(v.testLoss)}`,
          );
        break;
      }
      case 'log':
        this.io.err(`${e.level === 'warning' ? 'Warning: ' : ''}${e.message}`);
        break;
      default:
        break;
    }
  }

  finish(
    end: EventOf<'done'>,
    projectPath: string,
    modelPath: string | null,
    saved: RunSaved,
    sampleGrids: string[] | null,
  ): void {
    const m = end.metrics;
    if (this.json) {
      this.io.out(
        JSON.stringify({
          event: 'done',
          reason: end.reason,
          backend: end.backend,
          epochs: end.epochsCompleted,
          test_accuracy: m.testAccuracy ?? null,
          test_loss: m.testLoss ?? null,
          test_mae: m.testMae ?? null,
          test_rmse: m.testRmse ?? null,
          samples_per_second: end.samplesPerSecond,
          ...(m.frechet !== undefined ? { frechet: m.frechet } : {}),
          // Conditional and semi-supervised GANs (issue #13).
          ...(m.conditional_accuracy !== undefined ? { conditional_accuracy: m.conditional_accuracy } : {}),
          ...(m.supervised_baseline_accuracy !== undefined
            ? { supervised_baseline_accuracy: m.supervised_baseline_accuracy }
            : {}),
          // CycleGAN on the built-in pair: held-out translation error after and before training.
          ...(m.heldout_translation_mae !== undefined ? { heldout_translation_mae: m.heldout_translation_mae } : {}),
          ...(m.heldout_translation_mae_untrained !== undefined
            ? { heldout_translation_mae_untrained: m.heldout_translation_mae_untrained }
            : {}),
          seconds: end.seconds,
          project_path: projectPath,
          model_path: modelPath,
          // GAN runs: the PNG grid of each epoch (a CycleGAN's translation grid).
          ...(sampleGrids ? { sample_grids: sampleGrids } : {}),
          // The project itself, or a side project when the model changed while training (DW210).
          weights_path: saved.weightsPath,
          ...(saved.problem ? { warning: { code: saved.problem.code, message: saved.problem.message } } : {}),
        }),
      );
      return;
    }
    const why =
      end.reason === 'stopped'
        ? 'Stopped'
        : end.reason === 'early-stopping'
          ? 'Stopped early (no improvement)'
          : 'Done';
    this.io.out(
      `${why} after ${end.epochsCompleted} epoch(s) on ${end.backend}: ${rate(end.samplesPerSecond)} samples/s over ${duration(end.seconds)}`,
    );
    if (saved.problem) this.io.err(formatProblem(saved.problem));
    else this.io.out(saved.weightsPath ? `Weights saved in ${projectPath}` : `Run recorded in ${projectPath}`);
    if (m.frechet !== undefined) this.io.out(`Fréchet score (lower is better): ${m.frechet.toFixed(2)}`);
    if (m.heldout_translation_mae !== undefined) {
      this.io.out(
        `Held-out translation error mean |G(a) − T(a)|: ${m.heldout_translation_mae.toFixed(4)} (untrained ${fixed(m.heldout_translation_mae_untrained, 4)})`,
      );
    }
    if (modelPath) this.io.out(`TF.js model written to ${modelPath}`);
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.out(HELP);
    return 0;
  }
  const args = parseTrainArgs(argv);
  const projectPath = resolve(args.project);
  const { project } = await readProjectFile(projectPath);
  if (!project.dataset) {
    throw new DeepwireError(
      'DW401',
      `${args.project} has no dataset: pick one in the studio (Training → Dataset) first`,
      'dataset',
    );
  }
  const runId = randomUUID();
  const startedAt = new Date();
  const supervisor = new TrainingSupervisor();
  const progress = new TrainProgress(io, args.json);
  let started: EventOf<'started'> | null = null;
  const epochs: EventOf<'epoch'>[] = [];
  const batches = new BatchCurveRecorder();
  // A GAN's grid per epoch is part of its result: written with or without --out.
  const grids =
    project.kind === 'gan'
      ? new EpochGridWriter(sampleGridFolder(projectPath, args.out ? resolve(args.out) : undefined))
      : null;
  supervisor.onEvent((_id, e) => {
    grids?.onEvent(e);
    if (e.type === 'started') started = e;
    if (e.type === 'epoch') epochs.push(e);
    batches.add(e);
    if (e.type !== 'done' && e.type !== 'error') progress.show(e);
  });

  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      io.err('Stopping after the current batch (Ctrl-C again to quit at once)…');
      if (supervisor.status().state !== 'idle') supervisor.stop();
    } else void supervisor.dispose();
  };
  process.on('SIGINT', onSigint);
  // --threads beats DEEPWIRE_THREADS, which the engine worker reads from its copy of the environment.
  const envThreads = process.env.DEEPWIRE_THREADS;
  if (args.threads !== undefined) process.env.DEEPWIRE_THREADS = String(args.threads);
  let end: TrainingEvent;
  try {
    end = await supervisor.start({
      runId,
      project: {
        kind: project.kind,
        name: project.name,
        graph: project.graph,
        dataset: resolveDatasetPaths(project.dataset, projectPath),
        training: args.threads === undefined ? project.training : { ...project.training, threads: args.threads },
        gan: resolveCyclePaths(project.gan, projectPath),
      },
      backend: args.backend,
      device: args.device,
      nprocPerNode: args.nprocPerNode,
      ...(args.multiNode ? { multiNode: args.multiNode } : {}),
      ...(args.python ? { python: args.python } : {}),
      overrides: args.overrides,
      cacheDir: args.cacheDir,
    }).finished;
  } finally {
    if (envThreads === undefined) delete process.env.DEEPWIRE_THREADS;
    else process.env.DEEPWIRE_THREADS = envThreads;
    process.off('SIGINT', onSigint);
    await supervisor.dispose();
  }

  const startedEvent = started as EventOf<'started'> | null;
  if (end.type === 'error') {
    if (startedEvent) {
      // A run that started and failed (e.g. NaN loss) is remembered in the project; bad input is not.
      const record = runRecord(project, runId, startedAt, args, startedEvent, epochs, end, batches);
      await saveRunIntoProject(projectPath, { trained: project, record });
    }
    if (args.json)
      io.out(JSON.stringify({ event: 'error', code: end.code, message: end.message, where: end.where ?? null }));
    else io.err(formatProblem({ code: end.code, message: end.message, where: end.where }));
    return exitCodeFor(end.code);
  }
  if (end.type !== 'done' || !startedEvent) throw new Error('the run ended without a result');

  const weights = end.weights;
  const record = runRecord(project, runId, startedAt, args, startedEvent, epochs, end, batches);
  // Merged into the file as it is now: other runs and edits saved meanwhile are kept.
  const saved = await saveRunIntoProject(projectPath, { trained: project, record, weights });
  let modelPath: string | null = null;
  if (args.out && weights) {
    const { writeTrainedTfjs } = await import('../engine/export/trained-tfjs.js');
    modelPath = await writeTrainedTfjs(
      { kind: project.kind, graph: project.graph, weights, preprocessing: end.preprocessing },
      resolve(args.out),
    );
  }
  const sampleGrids = (await grids?.flush()) ?? [];
  for (const png of sampleGrids) if (!args.json) io.out(`Sample grid written to ${png}`);
  progress.finish(end, projectPath, modelPath, saved, grids ? sampleGrids : null);
  return end.reason === 'stopped' ? 1 : 0;
}
