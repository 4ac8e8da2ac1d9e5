/**
 * What an interrupted write leaves beside its destination (temp files,
 * staging folders) is named `<prefix><pid>.<random><suffix>`: this finds and
 * removes those whose writing process no longer runs.
 */
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';

/** Whether a process runs (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the leftovers of `dest` named `<prefix><pid>.…<suffix>` whose process is gone. Returns how many. */
export async function removeDeadLeftovers(dest: string, prefix: string, suffix: string): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(dirname(dest)).catch(() => [] as string[])) {
    if (!name.startsWith(prefix) || !name.endsWith(suffix)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    await fs.rm(join(dirname(dest), name), { recursive: true, force: true }).then(
      () => removed++,
      () => {},
    );
  }
  return removed;
}
