/**
 * Messages and the shared-memory handshake between the engine thread (replica
 * 0) and its helper thread (replica 1). Per step the control word goes
 * IDLE → GRADS_READY (helper wrote its gradients) → AVERAGED (engine wrote
 * the mean) → IDLE (helper copied it out); FAILED on any error. A GAN step
 * pair makes k + 1 such exchanges (one per D update, one for G), each
 * GRADS_READY → AVERAGED, in the same order on both threads.
 */
import type { GraphDoc } from '../../../../shared/graph/types.js';
import type { BackendName } from '../../../../shared/training/backend.js';
import type { GanConfig } from '../../../../shared/training/config.js';
import type { CompileGanOptions } from '../../gan/models.js';
import type { Rows } from '../../gan/noise.js';

export const IDLE = 0;
export const GRADS_READY = 1;
export const AVERAGED = 2;
export const FAILED = -1;

/** Int32 slots at the start of the control buffer. */
export const CTRL = { state: 0 } as const;

export interface InitMessage {
  type: 'init';
  backend: BackendName;
  modelJson: string;
  weights: Float32Array[];
  compile: { loss: string | string[]; metrics: string[] };
  optimizer: { className: string; config: Record<string, unknown> };
  optimizerState: Array<{ name: string; data: Float32Array; shape: number[] }>;
  control: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  /** 1 + number of metrics: the helper's loss/metric values go after the gradients' control word. */
  values: SharedArrayBuffer;
}

export interface StepMessage {
  type: 'step';
  /** split: compute the gradients of x/y, then apply the mean; apply: only apply what the engine sends. */
  mode: 'split' | 'apply';
  /** int32 for token ids / sparse labels; the helper rebuilds each tensor with its array's dtype. */
  x: Float32Array | Int32Array;
  xShape: number[];
  y: Float32Array | Int32Array;
  yShape: number[];
  learningRate: number;
}

/**
 * A GAN run's replicas (gan-trainer.ts): the helper compiles both models from
 * the same graph and settings, takes the engine's weights, and builds its own
 * AdversarialSteps (fresh optimizers, as the engine's are at the start).
 */
export interface GanInitMessage {
  type: 'init-gan';
  backend: BackendName;
  graph: GraphDoc;
  settings: GanConfig;
  compile: CompileGanOptions;
  weights: { generator: Float32Array[]; discriminator: Float32Array[] };
  control: SharedArrayBuffer;
  /** Room for the larger model's flat gradients. */
  grads: SharedArrayBuffer;
  /** [loss, ...shown means] of one update. */
  values: SharedArrayBuffer;
}

/**
 * One GAN step pair. split: the helper runs the pair on its rows of the k
 * real batches (and labels), drawing its rows of the seeded noise; apply: it
 * only applies the k + 1 mean gradients the engine computed alone.
 */
export interface GanStepMessage {
  type: 'gan-step';
  mode: 'split' | 'apply';
  k: number;
  seed: number;
  rows: Rows;
  real: Float32Array[];
  realShape: number[];
  labels?: Int32Array[];
}

export type ToHelper = InitMessage | StepMessage | GanInitMessage | GanStepMessage | { type: 'close' };
export type FromHelper = { type: 'ready' } | { type: 'error'; message: string };
