/**
 * Throughput, ETA and memory for progress events, and the rate limit:
 * at most one batch event per 50 ms (≤ 20/s), but always the last batch of an
 * epoch. Paused time does not count as training time.
 */
import * as tf from '@tensorflow/tfjs';

export const MIN_BATCH_EVENT_MS = 50;

export class Progress {
  /** Samples and seconds of training steps, after the first (warm-up) batch. */
  private samples = 0;
  private seconds = 0;
  private warmedUp = false;
  private lastEmit = -Infinity;
  /** All training samples and seconds, warm-up included. */
  totalSamples = 0;
  totalSeconds = 0;

  constructor(private readonly runSamples: number) {}

  /** Records one training step of `count` samples that took `seconds`. */
  step(count: number, seconds: number): void {
    this.totalSamples += count;
    this.totalSeconds += seconds;
    // The first batch builds the graph and warms kernels; leave it out of the rate when there is more.
    if (!this.warmedUp) {
      this.warmedUp = true;
      if (this.runSamples > count) return;
    }
    this.samples += count;
    this.seconds += seconds;
  }

  samplesPerSecond(): number {
    if (this.seconds > 0) return this.samples / this.seconds;
    return this.totalSeconds > 0 ? this.totalSamples / this.totalSeconds : 0;
  }

  etaSeconds(): number {
    const rate = this.samplesPerSecond();
    const left = Math.max(0, this.runSamples - this.totalSamples);
    return rate > 0 ? left / rate : 0;
  }

  /** Whether a batch event may go out now. */
  shouldEmit(lastOfEpoch: boolean, now = performance.now()): boolean {
    if (!lastOfEpoch && now - this.lastEmit < MIN_BATCH_EVENT_MS) return false;
    this.lastEmit = now;
    return true;
  }
}

/** JS heap plus tensor memory (which lives outside the heap on wasm), in MB. */
export function memoryMB(): number {
  return (process.memoryUsage().heapUsed + tf.memory().numBytes) / (1024 * 1024);
}
