/**
 * How a trial trains: a `TrialRunner` starts one run request and hands back
 * its controls and its final event. The in-process runner calls the engine's
 * own `train()` (one training loop for everything); the studio and parallel
 * sweeps use engine workers through the training supervisor instead
 * (src/main/services/studio/sweep-session.ts).
 */
import type { RunRequest, TrainingEvent } from '../../../shared/training/protocol.js';
import { RunControl } from '../train/control.js';
import { train } from '../train/train.js';

export interface TrialHandle {
  /** The run's final event (done or error). */
  finished: Promise<TrainingEvent>;
  stop(): void;
  pause(): void;
  resume(): void;
}

export type TrialRunner = (request: RunRequest, onEvent: (e: TrainingEvent) => void) => TrialHandle;

/** Trains in this thread: no worker start per trial, TF.js loaded once. */
export const inProcessRunner: TrialRunner = (request, onEvent) => {
  const control = new RunControl();
  let final: TrainingEvent = { type: 'error', code: 'DW502', message: 'the run ended without a result' };
  const finished = train(
    request,
    (e) => {
      if (e.type === 'done' || e.type === 'error') final = e;
      else onEvent(e);
    },
    control,
  ).then(() => final);
  return { finished, stop: () => control.stop(), pause: () => control.pause(), resume: () => control.resume() };
};
