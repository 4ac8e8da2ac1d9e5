/**
 * A process killed (SIGKILL) at random moments while saving a large project
 * in a loop: the file on disk must always be a complete old or new version,
 * and the next successful save clears the temp files the killed ones left.
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProjectFile, writeProjectFile } from '../../../../src/main/services/project-files.js';
import { bigProject, versionOf } from './fixtures/big-project.js';
import { startChild } from './fixtures/child.js';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-kill-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * Starts the save loop at `from` over a file holding version `onDisk`, kills
 * it `delayMs` after its first save began; returns the newest version it
 * began saving and the newest it finished.
 */
function killDuringSaves(target: string, onDisk: number, from: number, delayMs: number): Promise<{ saving: number; saved: number }> {
  return new Promise((resolve, reject) => {
    const child = startChild('save-loop.ts', [target, String(from)]);
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
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
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
    let interrupted = 0;
    const delays = [5, 70, 150, 260, 390];
    for (const delay of delays) {
      const { saving, saved } = await killDuringSaves(target, onDisk, next, delay);
      const { project } = await readProjectFile(target);
      onDisk = versionOf(project); // throws on a mixed or damaged file
      // Everything reported saved is there; at most the save in flight got further.
      expect(onDisk).toBeGreaterThanOrEqual(saved);
      expect(onDisk).toBeLessThanOrEqual(saving);
      if ((await fs.readdir(dir)).length > 1) interrupted++;
      next = saving + 1;
    }
    console.log(`kill-during-save: ${delays.length} kills, ${interrupted} left a temp file behind (killed mid-write)`);

    await writeProjectFile(target, bigProject(next));
    expect(await fs.readdir(dir)).toEqual(['big.deepwire']);
    expect(versionOf((await readProjectFile(target)).project)).toBe(next);
  });
});
