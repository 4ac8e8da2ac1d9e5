/**
 * Pause, resume and stop, as the training loop sees them: flags it checks
 * between batches, and a promise that settles when a pause ends (or the run
 * is stopped while paused).
 */
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
export const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
