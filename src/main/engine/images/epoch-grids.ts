/**
 * The CLI's sample grid per epoch: follows a GAN run's events, keeps the
 * latest fixed-noise grid, and when an epoch ends writes it as
 * `<folder>/epoch-<NNN>.png` (atomically). The loop sends a grid at
 * every epoch's end, so each PNG shows the generator as that epoch left it.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { EventOf, TrainingEvent } from '../../../shared/training/protocol.js';
import { writePng } from './png.js';

/** Where a run's grids go: `<out>/samples` with --out, else `<project>-samples` beside the project file. */
export const sampleGridFolder = (projectPath: string, out: string | undefined): string =>
  out ? join(out, 'samples') : join(dirname(projectPath), `${basename(projectPath, extname(projectPath))}-samples`);

export const epochGridPath = (folder: string, epoch: number): string =>
  join(folder, `epoch-${String(epoch).padStart(3, '0')}.png`);

export class EpochGridWriter {
  private latest: EventOf<'samples'> | undefined;
  private readonly writes: Promise<void>[] = [];
  private failure: unknown;
  readonly written: string[] = [];

  constructor(private readonly folder: string) {}

  onEvent(e: TrainingEvent): void {
    if (e.type === 'samples') this.latest = e;
    else if (e.type === 'epoch' && this.latest) {
      const file = epochGridPath(this.folder, e.epoch);
      this.written.push(file);
      // Kept, not thrown here: a failed write is reported by flush(), never as an unhandled rejection.
      this.writes.push(writePng(file, this.latest.grid).catch((e: unknown) => void (this.failure ??= e)));
    }
  }

  /** Waits for every PNG so far; returns their paths. */
  async flush(): Promise<string[]> {
    await Promise.all(this.writes);
    if (this.failure) throw this.failure;
    return this.written;
  }
}
