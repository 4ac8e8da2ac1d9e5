/**
 * ASHA-style successive halving (Li et al., 2018) as early stopping: rungs at
 * 1, η, η², … epochs below the budget. When a trial reaches a rung, its metric
 * is compared with those of the trials that reached the rung before it; it
 * goes on only while it is within the best 1/η of them (the first to arrive
 * always goes on). Stopping, not pausing: trials never wait for others, so
 * one trial at a time works as well as many.
 */

/** The epochs at which trials may be stopped: 1, η, η², … below `budget`. */
export function ashaRungs(budget: number, eta: number): number[] {
  const rungs: number[] = [];
  for (let r = 1; r < budget; r *= eta) rungs.push(r);
  return rungs;
}

/** The q-quantile (0..1) of sorted values, linearly interpolated (as numpy's percentile). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export class AshaScheduler {
  private readonly recorded = new Map<number, number[]>();

  constructor(
    readonly rungs: readonly number[],
    private readonly eta: number,
  ) {}

  /**
   * A trial finished `epoch` with `loss` (lower is better; null = diverged).
   * Returns 'stop' when it should end here.
   */
  onEpoch(epoch: number, loss: number | null): 'continue' | 'stop' {
    if (!this.rungs.includes(epoch)) return 'continue';
    const seen = this.recorded.get(epoch) ?? [];
    const value = loss ?? Infinity;
    const cutoff =
      seen.length > 0
        ? quantile(
            [...seen].sort((a, b) => a - b),
            1 / this.eta,
          )
        : Infinity;
    seen.push(value);
    this.recorded.set(epoch, seen);
    return value > cutoff || loss === null ? 'stop' : 'continue';
  }
}
