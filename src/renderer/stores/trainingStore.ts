/**
 * The training store: run state, progress, curves and the evaluation. Kept
 * apart from the graph store so a chart update never re-renders the canvas.
 *
 * Curves are `SeriesBuffer`s mutated in place; `curveVersion` is the one
 * number that changes per appended point, so charts subscribe to it and
 * redraw at most once per animation frame.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BackendReport } from '../../shared/training/backend.js';
import { SeriesBuffer } from './seriesBuffer.js';

export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished' | 'stopped' | 'failed';

export interface Progress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  /** Batches done over the whole run / batches in the whole run. */
  step: number;
  totalSteps: number;
  samplesPerSec: number;
  etaSeconds: number | null;
}

export const BATCH_COLUMNS = ['step', 'loss', 'accuracy'] as const;
export const EPOCH_COLUMNS = ['epoch', 'loss', 'accuracy', 'valLoss', 'valAccuracy'] as const;
export type BatchColumn = (typeof BATCH_COLUMNS)[number];
export type EpochColumn = (typeof EPOCH_COLUMNS)[number];

export interface SampleImage {
  width: number;
  height: number;
  channels: 1 | 3;
  /** Row-major HWC, 0..255. */
  data: ArrayLike<number>;
}

export interface Misclassified {
  image?: SampleImage;
  actual: string;
  predicted: string;
}

export interface Evaluation {
  classes: string[];
  /** confusion[actual][predicted] counts. */
  confusion: number[][] | null;
  perClassAccuracy: number[] | null;
  misclassified: Misclassified[];
  /** Regression: predicted vs actual pairs of the test set (a sample of them). */
  regression: { actual: number[]; predicted: number[] } | null;
  testLoss: number | null;
  testAccuracy: number | null;
}

export interface TrainingState {
  phase: RunPhase;
  runId: string | null;
  backend: BackendReport | null;
  progress: Progress | null;
  batches: SeriesBuffer<BatchColumn>;
  epochs: SeriesBuffer<EpochColumn>;
  curveVersion: number;
  evaluation: Evaluation | null;
  error: string | null;
  /** Log lines of the run (warnings, early stopping, saved weights…). */
  log: string[];

  begin(runId: string | null): void;
  setPhase(phase: RunPhase): void;
  setBackend(backend: BackendReport): void;
  setProgress(progress: Progress): void;
  addBatch(row: Partial<Record<BatchColumn, number>>): void;
  addEpoch(row: Partial<Record<EpochColumn, number>>): void;
  setEvaluation(evaluation: Evaluation): void;
  fail(message: string): void;
  addLog(line: string): void;
  reset(): void;
}

export type TrainingStore = StoreApi<TrainingState>;

export function createTrainingStore(): TrainingStore {
  return createStore<TrainingState>()((set, get) => ({
    phase: 'idle',
    runId: null,
    backend: null,
    progress: null,
    batches: new SeriesBuffer(BATCH_COLUMNS),
    epochs: new SeriesBuffer(EPOCH_COLUMNS, 64),
    curveVersion: 0,
    evaluation: null,
    error: null,
    log: [],

    begin(runId) {
      const s = get();
      s.batches.clear();
      s.epochs.clear();
      set({ phase: 'starting', runId, progress: null, evaluation: null, error: null, log: [], curveVersion: s.curveVersion + 1 });
    },
    setPhase: (phase) => set({ phase }),
    setBackend: (backend) => set({ backend }),
    setProgress: (progress) => set({ progress, phase: get().phase === 'starting' ? 'running' : get().phase }),
    addBatch(row) {
      get().batches.append(row);
      set({ curveVersion: get().curveVersion + 1 });
    },
    addEpoch(row) {
      get().epochs.append(row);
      set({ curveVersion: get().curveVersion + 1 });
    },
    setEvaluation: (evaluation) => set({ evaluation }),
    fail: (message) => set({ phase: 'failed', error: message }),
    addLog: (line) => set({ log: [...get().log.slice(-199), line] }),
    reset() {
      get().batches.clear();
      get().epochs.clear();
      set({ phase: 'idle', runId: null, progress: null, evaluation: null, error: null, log: [], curveVersion: get().curveVersion + 1 });
    },
  }));
}
