/**
 * Whether splitting batches across two threads actually pays right now. On
 * an idle two-core machine it nearly halves a step; on a machine busy with
 * other work the second thread only competes for a core. So the trainer
 * measures: after a warm-up it alternates split steps with single-thread
 * steps (the helper then only applies the gradient, keeping its replica
 * equal), keeps the faster mode, and measures again every `hold` steps.
 */
export type StepMode = 'split' | 'apply';

export interface ScheduleOptions {
  warmup: number;
  /** Steps of each mode per measurement. */
  window: number;
  /** Steps to keep the chosen mode before measuring again. */
  hold: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export class ModeSchedule {
  private step = 0;
  private phaseStart: number;
  private samples: Record<StepMode, number[]> = { split: [], apply: [] };
  private chosen: StepMode = 'split';
  private measuring = true;

  constructor(private readonly opts: ScheduleOptions = { warmup: 3, window: 5, hold: 300 }) {
    this.phaseStart = opts.warmup;
  }

  /** The mode the steps run in when not measuring. */
  get current(): StepMode {
    return this.chosen;
  }

  next(): StepMode {
    if (this.step < this.opts.warmup) return 'split';
    if (this.measuring) return (this.step - this.phaseStart) % 2 === 0 ? 'apply' : 'split';
    return this.chosen;
  }

  record(mode: StepMode, ms: number): void {
    const inWindow = this.measuring && this.step >= this.opts.warmup;
    this.step++;
    if (inWindow) {
      this.samples[mode].push(ms);
      if (this.step - this.phaseStart >= 2 * this.opts.window) {
        this.chosen = median(this.samples.split) <= median(this.samples.apply) ? 'split' : 'apply';
        this.measuring = false;
        this.phaseStart = this.step;
      }
    } else if (!this.measuring && this.step - this.phaseStart >= this.opts.hold) {
      this.measuring = true;
      this.phaseStart = this.step;
      this.samples = { split: [], apply: [] };
    }
  }
}
