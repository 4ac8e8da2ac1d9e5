/**
 * `deepwire sweep <project> --param … [--trials N] [--search grid|random|bayes]`:
 * a hyperparameter sweep (issue #15). Each trial trains through the engine's
 * own training entry point and is recorded as a run in the project (tagged
 * with the sweep); bad trials stop early at ASHA's rungs; a table names the
 * best, and --promote writes it into the project (graph, training settings,
 * weights, atomically). A bar per trial and overall on a terminal, a line
 * per trial otherwise, JSON lines with --json. Ctrl-C stops the running
 * trials after their batch (finished trials are kept).
 * Exit 0 with a best trial, 1 when no trial finished, 2 on bad input.
 */
import { resolve } from 'node:path';
import { DeepwireError, formatProblem } from '../../shared/errors.js';
import {
  SEARCH_METHODS,
  type SearchMethod,
  type SweepEvent,
  type SweepOptions,
  type SweepSnapshot,
  type TrialSummary,
} from '../../shared/sweep/config.js';
import { BACKEND_PREFERENCES, type BackendPreference } from '../../shared/training/backend.js';
import { textTable } from '../../shared/runs/table.js';
import { readProjectFile } from '../services/project-files.js';
import { inProcessRunner } from '../engine/sweep/runner.js';
import { SweepSession } from '../services/studio/sweep-session.js';
import { parseCommand, projectArg, type CliIo } from './io.js';
import { defaultCacheDir } from './train.js';

export const HELP = `Usage: deepwire sweep <project.deepwire> --param NAME=VALUES [--param …] [options]

Trains the project several times with different settings, records every
trial as a run in the project, stops bad trials early (ASHA) and names the best.

  --param NAME=VALUES  what to vary (repeat for each):
                         training.learningRate=1e-4..1e-2:log   log-uniform range
                         training.batchSize=32,64,128           a list
                         training.epochs, training.optimizer=adam,sgd,rmsprop
                         dense.units=64,128,256                 a layer's param, by layer name,
                         dropout.rate=0..0.5                    or by kind (all hidden layers of it)
                         dropout.present=true,false             structure: a hidden layer kept or left out
                       a range takes :N for N grid points (default 3), e.g. 0..0.5:5
  --trials N           trials to run (default 12; a grid runs its points, at most N)
  --search S           grid | random | bayes (default random; bayes: TPE after a few random trials)
  --budget-epochs N    epochs of a trial that is not stopped early (default: the project's; --epochs N too)
  --metric M           val_loss (default), val_accuracy, loss, accuracy, mae, val_mae
  --no-early-stopping  train every trial its whole budget (no ASHA rungs)
  --limit N            train each trial on the first N training samples
  --seed S             seed of the random and Bayesian search (default 1)
  --parallel N         trials at a time, each in an engine worker (default 1)
  --backend B          auto | pytorch | tensorflow-gpu | tensorflow | wasm | cpu (default auto)
  --cache-dir DIR      where parsed datasets are cached (default ~/.cache/deepwire/datasets)
  --promote            write the best trial's graph, training settings and weights into the project
  --json               one JSON object per line per event; the last line is the result

Exit status: 0 a best trial was found, 1 no trial finished, 2 bad input.`;

export interface SweepArgs {
  project: string;
  options: SweepOptions & { params: string[] };
  backend: BackendPreference;
  cacheDir: string;
  promote: boolean;
  json: boolean;
}

const usage = (message: string) => new DeepwireError('DW801', `${message}\n\n${HELP}`, 'sweep');

function whole(flag: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(n) || n < min)
    throw usage(`${flag} needs a whole number of at least ${min}, got '${value ?? ''}'`);
  return n;
}

export function parseSweepArgs(args: string[]): SweepArgs | 'help' {
  let project: string | undefined;
  const params: string[] = [];
  const options: Omit<SweepOptions, 'params'> = {};
  let backend: BackendPreference = 'auto';
  let cacheDir: string | undefined;
  let promote = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=') && !a.startsWith('--param=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : a.startsWith('--param=')
          ? ['--param', a.slice('--param='.length)]
          : [a, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--help':
      case '-h':
        return 'help';
      case '--param': {
        const v = value();
        if (!v) throw usage('--param needs NAME=VALUES, e.g. dense.units=64,128,256');
        params.push(v);
        break;
      }
      case '--trials':
        options.trials = whole(flag, value());
        break;
      case '--search': {
        const s = value();
        if (!(SEARCH_METHODS as readonly string[]).includes(s ?? ''))
          throw usage(`--search must be one of ${SEARCH_METHODS.join(', ')}, got '${s ?? ''}'`);
        options.search = s as SearchMethod;
        break;
      }
      case '--budget-epochs':
      case '--epochs': // what `deepwire train` calls it
        options.budgetEpochs = whole(flag, value());
        break;
      case '--metric': {
        const m = value();
        if (!m) throw usage('--metric needs a metric name, e.g. val_accuracy');
        options.metric = m;
        break;
      }
      case '--no-early-stopping':
        options.earlyStopping = false;
        break;
      case '--limit':
        options.limit = whole(flag, value());
        break;
      case '--seed':
        options.seed = whole(flag, value(), 0);
        break;
      case '--parallel':
        options.parallel = whole(flag, value());
        break;
      case '--backend': {
        const b = value();
        if (!(BACKEND_PREFERENCES as readonly string[]).includes(b ?? ''))
          throw usage(`--backend must be one of ${BACKEND_PREFERENCES.join(', ')}, got '${b ?? ''}'`);
        backend = b as BackendPreference;
        break;
      }
      case '--cache-dir':
        cacheDir = value();
        if (!cacheDir) throw usage('--cache-dir needs a folder');
        break;
      case '--promote':
        promote = true;
        break;
      case '--json':
        json = true;
        break;
      default:
        project = projectArg('sweep', project, a);
    }
  }
  if (!project) throw usage('name the project to sweep');
  if (params.length === 0) throw usage('give at least one --param, e.g. --param training.learningRate=1e-4..1e-2:log');
  return { project, options: { ...options, params }, backend, cacheDir: cacheDir ?? defaultCacheDir(), promote, json };
}

const fmt = (v: number | null) => (v === null ? '–' : Math.abs(v) >= 1e-3 ? v.toFixed(4) : v.toExponential(2));
const shortName = (path: string) => (path.startsWith('training.') ? path.slice('training.'.length) : path);
const paramText = (t: TrialSummary, paths: readonly string[]) =>
  paths.map((p) => `${shortName(p)}=${String(t.params[p])}`).join(' ');
const BAR = 16;
const bar = (fraction: number) => {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR);
  return '='.repeat(filled) + ' '.repeat(BAR - filled);
};

/** Terminal output: a redrawn line with the running trial's bar and the overall bar; a line per finished trial. */
class SweepProgress {
  private done = 0;
  constructor(
    private readonly io: CliIo,
    private readonly session: SweepSession,
  ) {}

  show(e: SweepEvent): void {
    const snap = this.session.sweep.snapshot();
    if (e.type === 'trial-progress' && this.io.isTty) {
      const trialFraction = (e.epoch - 1 + e.batch / e.batchesPerEpoch) / e.epochs;
      const overall = (this.done + trialFraction) / Math.max(1, snap.plannedTrials);
      const best =
        snap.best === null ? '' : ` best ${snap.metric} ${fmt(snap.trials[snap.best - 1].value)} (#${snap.best})`;
      this.io.status(
        `Trial ${e.trial}/${snap.plannedTrials} [${bar(trialFraction)}] epoch ${e.epoch}/${e.epochs}` +
          ` · all [${bar(overall)}] ${this.done}/${snap.plannedTrials}${best}`,
      );
    } else if (e.type === 'trial-finished') {
      this.done++;
      if (this.io.isTty) this.io.status('');
      const t = e.trial;
      const why = t.state === 'pruned' ? `stopped early at epoch ${t.epochsCompleted}` : t.state;
      const error = t.error ? ` ${t.error.code} ${t.error.message}` : '';
      this.io.out(
        `${this.io.isTty ? '\n' : ''}Trial ${t.trial}/${snap.plannedTrials} ${paramText(t, snap.paramPaths)}: ` +
          `${snap.metric} ${fmt(t.value)}, ${why} (${t.epochsCompleted}/${t.epochs} epochs, ${t.seconds.toFixed(1)} s)${error}`,
      );
    }
  }
}

/** The final table: one row per trial, the best marked. */
export function sweepTable(snap: SweepSnapshot): string[] {
  const header = ['#', ...snap.paramPaths.map(shortName), snap.metric, 'epochs', 'outcome'];
  const rows = snap.trials.map((t) => [
    `${t.trial}${t.trial === snap.best ? '*' : ''}`,
    ...snap.paramPaths.map((p) => String(t.params[p])),
    fmt(t.value),
    `${t.epochsCompleted}/${t.epochs}`,
    t.state === 'pruned' ? 'stopped early' : t.state,
  ]);
  return textTable(header, rows);
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseCommand(argv, parseSweepArgs, HELP, io);
  if (typeof args === 'number') return args;
  const projectPath = resolve(args.project);
  const { project } = await readProjectFile(projectPath);
  let progress: SweepProgress | null = null;
  const session = new SweepSession({
    projectPath,
    project,
    options: args.options,
    backend: args.backend,
    cacheDir: args.cacheDir,
    // One trial at a time trains in this process (TF.js loaded once); several, each in a training worker.
    ...((args.options.parallel ?? 1) > 1 ? {} : { runner: inProcessRunner }),
    onEvent: (e) => {
      if (!args.json) progress?.show(e);
      // Per-batch progress is for the bars only; every other event is one JSON line.
      else if (e.type !== 'trial-progress') {
        const { type, ...rest } = e;
        io.out(JSON.stringify({ event: type, ...rest }));
      }
    },
  });
  progress = new SweepProgress(io, session);
  const snap0 = session.sweep.snapshot();
  if (!args.json)
    io.out(
      `Sweep ${snap0.sweepId.slice(0, 8)}: ${snap0.plannedTrials} trial(s), ${snap0.search} search, ranked by ${snap0.metric}` +
        ` (${snap0.direction === 'min' ? 'lower' : 'higher'} is better)` +
        (snap0.rungs.length ? `; trials may stop early at epoch ${snap0.rungs.join(', ')}` : ''),
    );
  let interrupts = 0;
  const onSigint = () => {
    if (++interrupts === 1) {
      io.err('Stopping the running trials after their batch (finished trials are kept)…');
      session.sweep.stop();
    } else process.exit(1);
  };
  process.on('SIGINT', onSigint);
  let snap: SweepSnapshot;
  try {
    snap = await session.run();
  } finally {
    process.off('SIGINT', onSigint);
  }
  const best = snap.best === null ? null : snap.trials[snap.best - 1];
  let promoted: string | null = null;
  let promoteProblem: DeepwireError | null = null;
  if (best && args.promote) {
    try {
      promoted = (await session.promote()).projectPath;
    } catch (e) {
      if (!(e instanceof DeepwireError)) throw e;
      promoteProblem = e;
    }
  }
  if (args.json) {
    io.out(
      JSON.stringify({
        event: 'done',
        sweep_id: snap.sweepId,
        state: snap.state,
        metric: snap.metric,
        direction: snap.direction,
        best: best ? { trial: best.trial, run_id: best.runId, value: best.value, params: best.params } : null,
        trials: snap.trials,
        project_path: projectPath,
        promoted: promoted !== null,
        ...(promoteProblem ? { error: promoteProblem.toProblem() } : {}),
      }),
    );
  } else {
    io.out('');
    for (const l of sweepTable(snap)) io.out(l);
    io.out('');
    if (best)
      io.out(
        `Best: trial ${best.trial} (${snap.metric} ${fmt(best.value)}): ${paramText(best, snap.paramPaths)}; ` +
          `run ${best.runId.slice(0, 8)}`,
      );
    io.out(`${snap.trials.length} trial(s) recorded as runs in ${projectPath}`);
    if (promoted) io.out(`Promoted trial ${best!.trial} into ${promoted} (graph, training settings, weights)`);
    else if (best && !args.promote) io.out('Run again with --promote, or restore its run, to keep it in the project.');
    if (promoteProblem) io.err(promoteProblem.message);
  }
  if (!best) {
    if (!args.json)
      io.err(formatProblem({ code: 'DW545', message: `none of the ${snap.trials.length} trial(s) finished an epoch` }));
    return 1;
  }
  return promoteProblem ? 1 : 0;
}
