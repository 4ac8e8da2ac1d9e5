/**
 * Pause, resume and stop, as the training loop sees them: flags it checks
 * between batches, and a promise that settles when a pause ends (or the run
 * is stopped while paused).
 */
import type { TrainingEvent } from '../../../shared/training/protocol.js';
export interface RunSignal {
  readonly stopRequested: boolean;
  readonly pauseRequested: boolean;
  /** Resolves when the run is resumed or stopped. */
  whilePaused(): Promise<void>;
}

export class RunControl implements RunSignal {
  private stopped = false;
  private paused = false;
  private wake: (() => void) | null = null;

  get stopRequested(): boolean {
    return this.stopped;
  }

  get pauseRequested(): boolean {
    return this.paused && !this.stopped;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.release();
  }

  stop(): void {
    this.stopped = true;
    this.release();
  }

  whilePaused(): Promise<void> {
    if (!this.pauseRequested) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  private release(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}

/** Lets queued messages (pause/stop from the host) in: awaiting a resolved promise alone does not. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * What every loop does between two batches (or GAN steps): lets pause/stop messages in, waits out a pause
 * with its `paused`/`resumed` events, and says whether to stop. `done` counts the epoch's finished batches.
 */
export async function stopBetweenSteps(
  signal: RunSignal,
  emit: (event: TrainingEvent) => void,
  epoch: number,
  done: number,
): Promise<boolean> {
  await yieldToEvents();
  if (signal.pauseRequested) {
    emit({ type: 'paused', epoch, batch: done });
    await signal.whilePaused();
    if (!signal.stopRequested) emit({ type: 'resumed' });
  }
  return signal.stopRequested;
}
