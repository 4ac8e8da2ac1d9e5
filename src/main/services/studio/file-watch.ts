/**
 * Notices when another program changes or deletes an open project file
 * (`project.changedOnDisk`). Folders are watched, not files, so a program
 * that saves by replacing the file (as Deepwire itself does) is still seen;
 * our own saves are recognised by their modification time.
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface FileWatch {
  /** Watch `path`, taking its current state as ours (after an open or a save). */
  track(path: string): Promise<void>;
  dispose(): void;
}

/** Watching is a convenience: at most this many files, the most recent ones. */
const MAX_FILES = 32;
const SETTLE_MS = 150;

export function createFileWatch(onChange: (path: string, deleted: boolean) => void): FileWatch {
  const known = new Map<string, number | null>(); // path -> mtime we last saw (null = gone)
  const folders = new Map<string, FSWatcher>();
  const timers = new Map<string, NodeJS.Timeout>();

  const check = async (path: string) => {
    const mtime = await stat(path).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (!known.has(path) || known.get(path) === mtime) return;
    known.set(path, mtime);
    onChange(path, mtime === null);
  };

  const watchFolder = (folder: string) => {
    if (folders.has(folder)) return;
    try {
      const w = watch(folder, { persistent: false }, (_event, name) => {
        const path = name ? join(folder, name.toString()) : null;
        for (const p of path ? [path] : [...known.keys()].filter((k) => dirname(k) === folder)) {
          if (!known.has(p)) continue;
          clearTimeout(timers.get(p));
          timers.set(
            p,
            setTimeout(() => void check(p), SETTLE_MS),
          );
        }
      });
      w.on('error', () => folders.delete(folder));
      folders.set(folder, w);
    } catch {
      // Unwatchable folder (network share…): no notifications, nothing breaks.
    }
  };

  return {
    async track(path) {
      const mtime = await stat(path).then(
        (s) => s.mtimeMs,
        () => null,
      );
      known.delete(path);
      known.set(path, mtime);
      if (known.size > MAX_FILES) known.delete(known.keys().next().value as string);
      watchFolder(dirname(path));
    },
    dispose() {
      for (const w of folders.values()) w.close();
      for (const t of timers.values()) clearTimeout(t);
      folders.clear();
      known.clear();
    },
  };
}
