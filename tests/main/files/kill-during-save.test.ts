/**
 * A process killed (SIGKILL) while saving a large project in a loop: the file
 * on disk must always be a complete old or new version, and the next
 * successful save clears the temp files the killed ones left.
 */
import { promises as fs, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { bigProject, versionOf } from './fixtures/big-project.js';
import { startChild } from './fixtures/child.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-kill-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** When to kill: `delayMs` after the `nth` save began, or as soon as a temp file appears (mid-write). */
type Moment = { nth: number; delayMs: number } | 'temp-file-appears';

/**
 * Starts the save loop at `from` over a file holding version `onDisk` and
 * kills it at `moment`. Returns the newest version it began saving and the
 * newest it finished.
 */
function killDuringSaves(
  target: string,
  onDisk: number,
  from: number,
  moment: Moment,
): Promise<{ saving: number; saved: number }> {
  return new Promise((resolve, reject) => {
    const child = startChild('save-loop.ts', [target, String(from)]);
    const kill = () => child.kill('SIGKILL');
    const watcher =
      moment === 'temp-file-appears'
        ? watch(dirname(target), (_event, name) => {
            if (name?.startsWith(`.${basename(target)}.`) && name.endsWith('.dwtmp')) kill();
          })
        : undefined;
    let saving = onDisk;
    let saved = onDisk;
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      for (const m of out.matchAll(/(saving|saved) (\d+)\n/g)) {
        if (m[1] === 'saving') saving = Math.max(saving, Number(m[2]));
        else saved = Math.max(saved, Number(m[2]));
      }
      if (moment !== 'temp-file-appears' && saving >= from + moment.nth - 1) timer ??= setTimeout(kill, moment.delayMs);
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      if (signal !== 'SIGKILL') reject(new Error(`save loop ended by itself (${code}): ${err}`));
      else resolve({ saving, saved });
    });
  });
}

describe('kill during save', () => {
  it('the file is always the old or the new version, never a mix; stale temps are cleared after', async () => {
    const target = join(dir, 'big.deepwire');
    await writeProjectFile(target, bigProject(0), { touch: false });
    let next = 1;
    let onDisk = 0;
    const log: string[] = [];

    /** One kill; returns whether it hit mid-write (a temp file was left behind). */
    const killOnce = async (moment: Moment): Promise<boolean> => {
      const { saving, saved } = await killDuringSaves(target, onDisk, next, moment);
      const { project } = await readProjectFile(target);
      onDisk = versionOf(project); // throws on a mixed or damaged file
      // Everything reported saved is there; at most the save in flight got further.
      expect(onDisk).toBeGreaterThanOrEqual(saved);
      expect(onDisk).toBeLessThanOrEqual(saving);
      next = saving + 1;
      const midWrite = (await fs.readdir(dir)).length > 1;
      log.push(
        `${moment === 'temp-file-appears' ? 'on temp file' : `${moment.delayMs} ms into save #${moment.nth}`}${midWrite ? ' (mid-write)' : ''}`,
      );
      return midWrite;
    };

    // Random moments: a save cycle here is ~40 ms (checking ~20, formatting ~7, writing ~10).
    for (let i = 0; i < 4; i++)
      await killOnce({ nth: 1 + Math.floor(Math.random() * 3), delayMs: Math.floor(Math.random() * 50) });
    // And surely mid-write: kill the moment the temp file is created (retried: under load the kill may land late).
    let midWrite = false;
    for (let i = 0; i < 6 && !midWrite; i++) midWrite = await killOnce('temp-file-appears');
    console.log(`kill-during-save: ${log.join(', ')}`);
    expect(midWrite).toBe(true);

    await writeProjectFile(target, bigProject(next));
    expect(await fs.readdir(dir)).toEqual(['big.deepwire']);
    expect(versionOf((await readProjectFile(target)).project)).toBe(next);
  });
});
