/**
 * One sweep: plans trials (grid, random or TPE), trains each through a
 * TrialRunner with the trial's graph and settings, stops bad ones at ASHA's
 * rungs, keeps a live snapshot (table, curves, best), and hands each finished
 * trial to `onTrialEnd` (which records it as a run). Pause holds the running
 * trials and starts no new ones; stop ends them (they are still recorded).
 */
import { randomUUID } from 'node:crypto';
import { DeepwireError } from '../../../shared/errors.js';
import type { WeightsBlob } from '../../../shared/project/weights-schema.js';
import { BatchCurveRecorder } from '../../../shared/runs/record.js';
import { applyTrial, type TrialSettings } from '../../../shared/sweep/apply.js';
import {
  sweepOptionsSchema,
  type ParsedSweepOptions,
  type SweepEvent,
  type SweepOptions,
  type SweepSnapshot,
  type SweepState,
  type SweepTag,
  type TrialParams,
  type TrialSummary,
} from '../../../shared/sweep/config.js';
import { resolveParams, type ResolvedParam } from '../../../shared/sweep/params.js';
import { seededRandom } from '../../../shared/random.js';
import type { EventOf, RunProject, RunRequest, TrainingEvent } from '../../../shared/training/protocol.js';
import { AshaScheduler, ashaRungs } from './asha.js';
import type { TrialHandle, TrialRunner } from './runner.js';
import { gridPoints, randomPoint, tpePoint, type Observation } from './search.js';

/** Epoch metrics a classifier or regressor run reports. */
const KNOWN_METRICS = ['loss', 'accuracy', 'mae', 'val_loss', 'val_accuracy', 'val_mae'];

/** The run request of the project as it is; runId and overrides are per trial. */
export type SweepBase = Omit<RunRequest, 'runId' | 'project' | 'overrides'> & { project: RunProject };

/** Everything needed to record a finished trial as a run. */
export interface FinishedTrial {
  tag: SweepTag;
  summary: TrialSummary;
  settings: TrialSettings;
  request: RunRequest;
  startedAt: Date;
  started: EventOf<'started'> | null;
  epochs: EventOf<'epoch'>[];
  batches: BatchCurveRecorder;
  end: TrainingEvent;
}

export interface SweepHooks {
  runner: TrialRunner;
  onEvent?(e: SweepEvent): void;
  /** Awaited before the trial's slot is freed (e.g. saving its run record). */
  onTrialEnd?(trial: FinishedTrial): Promise<void>;
}

interface Running {
  handle: TrialHandle;
  summary: TrialSummary;
}

export class Sweep {
  readonly id = randomUUID();
  readonly options: ParsedSweepOptions;
  readonly params: ResolvedParam[];
  readonly metric: string;
  readonly direction: 'min' | 'max';
  readonly rungs: number[];
  readonly budgetEpochs: number;
  private readonly plan: TrialParams[] | null;
  private readonly planned: number;
  private readonly asha: AshaScheduler;
  private readonly random: () => number;
  private readonly trials: TrialSummary[] = [];
  private readonly running = new Map<number, Running>();
  private readonly progress: Record<string, number> = {};
  private state: SweepState = 'running';
  private wake: (() => void) | null = null;
  private bestWeights: { trial: number; weights: WeightsBlob } | null = null;

  constructor(
    private readonly base: SweepBase,
    options: SweepOptions,
    private readonly hooks: SweepHooks,
  ) {
    const parsed = sweepOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DeepwireError('DW824', `sweep option ${issue.path.join('.')}: ${issue.message}`, issue.path.join('.'));
    }
    this.options = parsed.data;
    const project = base.project;
    if (project.kind === 'gan')
      throw new DeepwireError('DW825', 'this is a GAN project: sweeps tune classifiers and regressors', project.name);
    this.params = resolveParams(this.options.params, project.graph);
    const validation = project.dataset.validationSplit ?? 0.1;
    this.metric = this.options.metric ?? (validation > 0 ? 'val_loss' : 'loss');
    if (!KNOWN_METRICS.includes(this.metric) || (this.metric.startsWith('val_') && validation === 0))
      throw new DeepwireError(
        'DW824',
        `--metric ${this.metric} is not reported by this project's runs (use ${KNOWN_METRICS.join(', ')}; val_* need a validation split)`,
        'metric',
      );
    this.direction = /acc/.test(this.metric) ? 'max' : 'min';
    this.budgetEpochs = this.options.budgetEpochs ?? project.training.epochs;
    this.rungs = this.options.earlyStopping ? ashaRungs(this.budgetEpochs, this.options.reductionFactor) : [];
    this.asha = new AshaScheduler(this.rungs, this.options.reductionFactor);
    this.random = seededRandom(this.options.seed);
    this.plan = this.options.search === 'grid' ? gridPoints(this.params).slice(0, this.options.trials) : null;
    this.planned = this.plan?.length ?? this.options.trials;
  }

  snapshot(): SweepSnapshot {
    return {
      sweepId: this.id,
      state: this.state,
      search: this.options.search,
      metric: this.metric,
      direction: this.direction,
      paramPaths: this.params.map((p) => p.path),
      rungs: this.rungs,
      plannedTrials: this.planned,
      trials: this.trials.map((t) => ({ ...t, curve: [...t.curve] })),
      best: this.bestTrial()?.trial ?? null,
      progress: { ...this.progress },
    };
  }

  /** The best trial with a metric: among those that trained their whole budget when any did. */
  bestTrial(): TrialSummary | null {
    const scored = this.trials.filter((t) => t.value !== null && t.state !== 'running');
    const full = scored.filter((t) => t.state === 'completed');
    const pool = full.length > 0 ? full : scored;
    const sign = this.direction === 'min' ? 1 : -1;
    return pool.reduce<TrialSummary | null>((b, t) => (b === null || sign * t.value! < sign * b.value! ? t : b), null);
  }

  /** The best trial's settings and weights, for promoting it into the project. */
  best(): { trial: TrialSummary; settings: TrialSettings; weights: WeightsBlob | null } | null {
    const trial = this.bestTrial();
    if (!trial) return null;
    const weights = this.bestWeights?.trial === trial.trial ? this.bestWeights.weights : null;
    return { trial, settings: this.settingsOf(trial.params), weights };
  }

  pause(): void {
    if (this.state !== 'running') return;
    for (const r of this.running.values()) r.handle.pause();
    this.setState('paused');
  }

  resume(): void {
    if (this.state !== 'paused') return;
    for (const r of this.running.values()) r.handle.resume();
    this.setState('running');
  }

  /** Ends the running trials after their current batch (they are recorded as stopped) and starts no more. */
  stop(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.setState('stopping');
    for (const r of this.running.values()) r.handle.stop();
  }

  /** Runs the sweep to its end; resolves to the final snapshot. */
  async run(): Promise<SweepSnapshot> {
    const slots = new Set<Promise<void>>();
    let next = 0;
    while (next < this.planned) {
      while (this.state === 'paused') await this.sleep();
      if (this.state === 'stopping') break;
      if (slots.size >= this.options.parallel) {
        await Promise.race(slots);
        continue;
      }
      const trial = ++next;
      const slot: Promise<void> = this.runTrial(trial, this.nextPoint(trial)).finally(() => slots.delete(slot));
      slots.add(slot);
    }
    await Promise.all(slots);
    const stopped = this.state === 'stopping';
    this.setState(this.bestTrial() ? (stopped ? 'stopped' : 'finished') : stopped ? 'stopped' : 'failed');
    return this.snapshot();
  }

  private nextPoint(trial: number): TrialParams {
    if (this.plan) return this.plan[trial - 1];
    if (this.options.search === 'random') return randomPoint(this.params, this.random);
    const sign = this.direction === 'min' ? 1 : -1;
    const observed: Observation[] = this.trials
      .filter((t) => t.value !== null && t.state !== 'running')
      .map((t) => ({ params: t.params, loss: sign * t.value! }));
    const startup = Math.max(3, Math.min(10, Math.ceil(this.planned / 3)));
    return tpePoint(this.params, observed, this.random, startup);
  }

  private settingsOf(params: TrialParams): TrialSettings {
    const { graph, training } = this.base.project;
    return applyTrial({ graph, training }, this.params, params, this.budgetEpochs);
  }

  private async runTrial(trial: number, params: TrialParams): Promise<void> {
    const settings = this.settingsOf(params);
    const request: RunRequest = {
      ...this.base,
      runId: randomUUID(),
      project: { ...this.base.project, graph: settings.graph, training: settings.training },
      overrides: { ...(this.options.limit ? { limit: this.options.limit } : {}) },
    };
    const summary: TrialSummary = {
      trial,
      runId: request.runId,
      params,
      state: 'running',
      epochsCompleted: 0,
      epochs: settings.training.epochs,
      value: null,
      curve: [],
      seconds: 0,
    };
    this.trials.push(summary);
    this.progress[trial] = 0;
    this.hooks.onEvent?.({ type: 'trial-started', trial: { ...summary } });
    const startedAt = new Date();
    const epochs: EventOf<'epoch'>[] = [];
    const batches = new BatchCurveRecorder();
    let started: EventOf<'started'> | null = null;
    let prunedAt: number | undefined;
    const handle = this.hooks.runner(request, (e) => {
      batches.add(e);
      if (e.type === 'started') started = e;
      else if (e.type === 'batch') {
        this.progress[trial] = Math.min(1, (e.epoch - 1 + e.batch / e.batchesPerEpoch) / summary.epochs);
        this.hooks.onEvent?.({
          type: 'trial-progress',
          trial,
          epoch: e.epoch,
          epochs: summary.epochs,
          batch: e.batch,
          batchesPerEpoch: e.batchesPerEpoch,
        });
      } else if (e.type === 'epoch') {
        epochs.push(e);
        const v = (e.logs as Record<string, number | undefined>)[this.metric];
        const value = v !== undefined && Number.isFinite(v) ? v : null;
        summary.curve.push(value);
        summary.value = value;
        summary.epochsCompleted = e.epoch;
        summary.seconds = (Date.now() - startedAt.getTime()) / 1000;
        this.hooks.onEvent?.({ type: 'trial-epoch', trial: { ...summary, curve: [...summary.curve] } });
        const loss = value === null ? null : this.direction === 'min' ? value : -value;
        if (e.epoch < summary.epochs && this.asha.onEpoch(e.epoch, loss) === 'stop') {
          prunedAt = e.epoch;
          handle.stop();
        }
      }
    });
    this.running.set(trial, { handle, summary });
    if (this.state === 'paused') handle.pause();
    const end = await handle.finished;
    this.running.delete(trial);
    delete this.progress[trial];
    summary.seconds = (Date.now() - startedAt.getTime()) / 1000;
    if (end.type === 'error') {
      summary.state = 'failed';
      summary.error = { code: end.code, message: end.message };
    } else if (end.type === 'done') {
      summary.epochsCompleted = end.epochsCompleted;
      summary.state = prunedAt !== undefined ? 'pruned' : end.reason === 'stopped' ? 'stopped' : 'completed';
    }
    if (end.type === 'done' && end.weights && this.bestTrial()?.trial === trial)
      this.bestWeights = { trial, weights: end.weights };
    const tag: SweepTag = {
      id: this.id,
      trial,
      params,
      ...(prunedAt !== undefined ? { stoppedAtEpoch: prunedAt } : {}),
    };
    await this.hooks.onTrialEnd?.({ tag, summary, settings, request, startedAt, started, epochs, batches, end });
    this.hooks.onEvent?.({ type: 'trial-finished', trial: { ...summary, curve: [...summary.curve] } });
  }

  private setState(state: SweepState): void {
    this.state = state;
    this.hooks.onEvent?.({ type: 'state', state });
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }
}
