/**
 * The training store: run state, progress, curves, the evaluation and GAN
 * sample grids. Kept apart from the graph store so a chart update never
 * re-renders the canvas.
 *
 * Curves are `SeriesBuffer`s mutated in place; `curveVersion` is the one
 * number that changes per appended point, so charts subscribe to it and
 * redraw at most once per animation frame.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RunState } from '../../shared/api/training.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import type { BackendReport } from '../../shared/training/backend.js';
import type { DatasetConfig, GanConfig, TrainingConfig } from '../../shared/training/config.js';
import type {
  DatasetSummary,
  EpochLogs,
  Evaluation,
  FinalMetrics,
  GanStepLogs,
  Pixels,
} from '../../shared/training/protocol.js';
import { SeriesBuffer } from './seriesBuffer.js';

/** The engine's run state, or how the last run ended as the panel shows it. */
export type RunPhase = RunState | 'finished' | 'stopped' | 'failed';

export interface Progress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  /** Samples per second, or generator steps per second for a GAN. */
  rate: number;
  rateUnit: 'samples' | 'steps';
  etaSeconds: number | null;
}

// Curves are keyed by metric name, as the events and run records name them (Keras's History keys).
export const BATCH_COLUMNS = ['step', 'loss', 'accuracy'] as const;
/** The epoch curves the panel draws; `heldout_translation_mae`: CycleGAN runs, mean |G(a) − T(a)| on held-out digits. */
export const EPOCH_METRICS = [
  'loss',
  'accuracy',
  'val_loss',
  'val_accuracy',
  'd_loss',
  'g_loss',
  'frechet',
  'heldout_translation_mae',
] as const satisfies readonly (keyof EpochLogs)[];
export const EPOCH_COLUMNS = ['epoch', ...EPOCH_METRICS] as const;
/**
 * GAN runs: per generator step, D and G losses and D's mean output on real and generated samples;
 * CycleGAN runs add each discriminator's loss and the generators' cycle and identity terms.
 */
export const GAN_COLUMNS = [
  'step',
  'd_loss',
  'g_loss',
  'd_real',
  'd_fake',
  'd_a_loss',
  'd_b_loss',
  'cycle_loss',
  'identity_loss',
] as const satisfies readonly ('step' | keyof GanStepLogs)[];
export type BatchColumn = (typeof BATCH_COLUMNS)[number];
export type EpochColumn = (typeof EPOCH_COLUMNS)[number];
export type GanColumn = (typeof GAN_COLUMNS)[number];

export interface SampleGrid {
  epoch: number;
  step: number;
  grid: Pixels;
  rows: number;
  columns: number;
}

export interface RunOutcome {
  reason: 'completed' | 'stopped' | 'early-stopping';
  metrics: FinalMetrics;
  seconds: number;
  samplesPerSecond: number;
}

/** The settings a run was started with (recorded in the project when it ends). */
export interface RunConfig {
  dataset: DatasetConfig;
  training: TrainingConfig;
  gan?: GanConfig;
}

export interface TrainingState {
  phase: RunPhase;
  startedAt: string | null;
  config: RunConfig | null;
  /** The graph the run trains, as it was at the start (the run record keeps it). */
  graph: GraphDoc | null;
  runId: string | null;
  backend: BackendReport | null;
  dataset: DatasetSummary | null;
  progress: Progress | null;
  batches: SeriesBuffer<BatchColumn>;
  epochs: SeriesBuffer<EpochColumn>;
  ganSteps: SeriesBuffer<GanColumn>;
  curveVersion: number;
  /** GAN pathologies seen in this run (the run goes on; the user decides). */
  warnings: string[];
  evaluation: Evaluation | null;
  /** GAN runs: sample grids from a fixed noise batch, oldest first (a timeline to scrub). */
  samples: SampleGrid[];
  outcome: RunOutcome | null;
  error: string | null;
  /** Notes of the run (backend fallback, early stopping…). */
  log: string[];

  begin(runId: string | null, config?: RunConfig, graph?: GraphDoc): void;
  setRunId(runId: string): void;
  setPhase(phase: RunPhase): void;
  setBackend(backend: BackendReport): void;
  setDataset(dataset: DatasetSummary): void;
  setProgress(progress: Progress): void;
  addBatch(row: Partial<Record<BatchColumn, number>>): void;
  addEpoch(row: Partial<Record<EpochColumn, number>>): void;
  addGanStep(row: Partial<Record<GanColumn, number>>): void;
  addWarning(message: string): void;
  setEvaluation(evaluation: Evaluation): void;
  addSamples(grid: SampleGrid): void;
  finish(outcome: RunOutcome): void;
  fail(message: string): void;
  addLog(line: string): void;
  reset(): void;
}

export type TrainingStore = StoreApi<TrainingState>;

/** Enough sample grids to scrub a long GAN run without holding on to every one. */
const MAX_SAMPLE_GRIDS = 200;

export function createTrainingStore(): TrainingStore {
  const cleared = (s: TrainingState) => {
    s.batches.clear();
    s.epochs.clear();
    s.ganSteps.clear();
    return {
      progress: null,
      evaluation: null,
      samples: [],
      outcome: null,
      error: null,
      log: [],
      warnings: [],
      dataset: null,
      curveVersion: s.curveVersion + 1,
    };
  };
  return createStore<TrainingState>()((set, get) => ({
    phase: 'idle',
    startedAt: null,
    config: null,
    graph: null,
    runId: null,
    backend: null,
    dataset: null,
    progress: null,
    batches: new SeriesBuffer(BATCH_COLUMNS, 4096),
    epochs: new SeriesBuffer(EPOCH_COLUMNS, 64),
    ganSteps: new SeriesBuffer(GAN_COLUMNS, 4096),
    curveVersion: 0,
    warnings: [],
    evaluation: null,
    samples: [],
    outcome: null,
    error: null,
    log: [],

    begin: (runId, config, graph) =>
      set({
        ...cleared(get()),
        phase: 'starting',
        runId,
        startedAt: new Date().toISOString(),
        config: config ?? null,
        graph: graph ?? null,
      }),
    setRunId: (runId) => set({ runId }),
    setPhase: (phase) => set({ phase }),
    setBackend: (backend) => set({ backend }),
    setDataset: (dataset) => set({ dataset }),
    setProgress: (progress) => set({ progress }),
    addBatch(row) {
      get().batches.append(row);
      set({ curveVersion: get().curveVersion + 1 });
    },
    addEpoch(row) {
      get().epochs.append(row);
      set({ curveVersion: get().curveVersion + 1 });
    },
    addGanStep(row) {
      get().ganSteps.append(row);
      set({ curveVersion: get().curveVersion + 1 });
    },
    addWarning: (message) => set({ warnings: [...get().warnings, message] }),
    setEvaluation: (evaluation) => set({ evaluation }),
    addSamples: (grid) => set({ samples: [...get().samples, grid].slice(-MAX_SAMPLE_GRIDS) }),
    finish: (outcome) => set({ outcome, phase: outcome.reason === 'stopped' ? 'stopped' : 'finished' }),
    fail: (message) => set({ phase: 'failed', error: message }),
    addLog: (line) => set({ log: [...get().log.slice(-199), line] }),
    reset: () => set({ ...cleared(get()), phase: 'idle', runId: null }),
  }));
}

export const isActive = (phase: RunPhase): boolean =>
  phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
