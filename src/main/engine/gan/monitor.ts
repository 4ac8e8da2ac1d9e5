/**
 * Watching a GAN run for its two classic failures, reported once each (and
 * again only after the run has recovered):
 * - the discriminator wins outright: D(x) → 1, D(G(z)) → 0 and the generator's
 *   loss climbs, held for a stretch of steps (the generator's gradient
 *   vanishes). Judged on exponential moving averages; vanilla and
 *   least-squares only — a Wasserstein critic has no "certain" output.
 * - mode collapse: the fixed-noise samples become near-identical — their mean
 *   pairwise distance falls below a fraction of that of real images.
 * Plus running means of the step statistics for events and epoch logs.
 */
import type { GanStepLogs } from '../../../shared/training/protocol.js';
import type { GanLoss } from './losses.js';
import type { DiscriminatorStats, GeneratorStats } from './step.js';

export type GanWarningKind = 'discriminator-wins' | 'mode-collapse';
export interface GanWarning {
  warning: GanWarningKind;
  message: string;
}

export interface MonitorOptions {
  /** Steps the discriminator must dominate before the warning (default 100). */
  window?: number;
  /** Steps before any warning: early training looks like both failures (default 200). */
  warmup?: number;
  /** Samples closer than this fraction of the real images' spread count as collapsed (default 0.25). */
  collapseRatio?: number;
}

const EMA = 0.05;

export class GanMonitor {
  private real = Number.NaN;
  private fake = Number.NaN;
  private gLoss = Number.NaN;
  private dominated = 0;
  private winsReported = false;
  private collapseReported = false;
  private readonly window: number;
  private readonly warmup: number;
  private readonly collapseRatio: number;

  constructor(
    private readonly loss: GanLoss,
    /** Mean pairwise distance of real images (the yardstick for collapse). */
    private readonly realDiversity: number,
    opts: MonitorOptions = {},
  ) {
    this.window = opts.window ?? 100;
    this.warmup = opts.warmup ?? 200;
    this.collapseRatio = opts.collapseRatio ?? 0.25;
  }

  private dominates(): boolean {
    if (this.loss === 'vanilla') return this.real > 0.95 && this.fake < 0.05 && this.gLoss > 3;
    if (this.loss === 'least-squares') return this.real > 0.9 && Math.abs(this.fake) < 0.1 && this.gLoss > 0.4;
    return false;
  }

  /** Feeds one step's statistics; returns a warning the first time D has dominated for `window` steps. */
  observeStep(step: number, d: DiscriminatorStats, g: GeneratorStats): GanWarning | undefined {
    const ema = (prev: number, v: number) => (Number.isNaN(prev) ? v : prev + EMA * (v - prev));
    this.real = ema(this.real, d.real);
    this.fake = ema(this.fake, g.fake);
    this.gLoss = ema(this.gLoss, g.loss);
    this.dominated = this.dominates() ? this.dominated + 1 : 0;
    if (this.dominated === 0) this.winsReported = false;
    if (step < this.warmup || this.winsReported || this.dominated < this.window) return undefined;
    this.winsReported = true;
    return {
      warning: 'discriminator-wins',
      message:
        `The discriminator wins outright since step ${step - this.window + 1}: D(x) ≈ ${this.real.toFixed(2)}, D(G(z)) ≈ ${this.fake.toFixed(3)}, ` +
        `generator loss ≈ ${this.gLoss.toFixed(2)}. The generator gets almost no gradient: lower the discriminator's learning rate, ` +
        'use one-sided label smoothing, add Dropout to the discriminator, or try the Wasserstein loss.',
    };
  }

  /** Feeds the fixed-noise samples' diversity; returns a warning when they have collapsed. */
  observeDiversity(step: number, diversity: number): GanWarning | undefined {
    const limit = this.collapseRatio * this.realDiversity;
    if (diversity >= 1.5 * limit) this.collapseReported = false;
    if (step < this.warmup || this.collapseReported || diversity >= limit) return undefined;
    this.collapseReported = true;
    return {
      warning: 'mode-collapse',
      message:
        `The samples look nearly identical at step ${step} (mean pairwise distance ${diversity.toFixed(3)}, real images ${this.realDiversity.toFixed(3)}): ` +
        'the generator may have collapsed to a few outputs. Try a lower generator learning rate, more discriminator steps, or the Wasserstein loss.',
    };
  }
}

/** Running means of the step statistics (since the last event, or over an epoch). */
export class StepMeans {
  private n = 0;
  private sums = { dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };

  add(d: DiscriminatorStats, g: GeneratorStats): void {
    this.n++;
    this.sums.dLoss += d.loss;
    this.sums.gLoss += g.loss;
    this.sums.dReal += d.real;
    this.sums.dFake += d.fake;
  }

  get count(): number {
    return this.n;
  }

  /** The means so far, named as the logs name them, and starts over. */
  take(): GanStepLogs {
    const n = Math.max(1, this.n);
    const out = {
      d_loss: this.sums.dLoss / n,
      g_loss: this.sums.gLoss / n,
      d_real: this.sums.dReal / n,
      d_fake: this.sums.dFake / n,
    };
    this.n = 0;
    this.sums = { dLoss: 0, gLoss: 0, dReal: 0, dFake: 0 };
    return out;
  }
}
