/**
 * Issue #17: the project file lock (`<file>.lock`) that makes every
 * read-modify-write of a project atomic across processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockPathFor } from '../../../src/main/files/project-lock.js';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { updateProjectFile } from '../../../src/main/services/project-update.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { newProject } from '../../../src/shared/project/index.js';

let dir: string;
let path: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dw-lock-'));
  path = join(dir, 'p.deepwire');
  await writeProjectFile(path, newProject('classifier', 'p'));
});
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** A real process on this host: alive until killed, or already ended. */
async function otherProcess(ended: boolean): Promise<number> {
  const child = spawn(process.execPath, ['-e', ended ? '' : 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  if (ended) await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

const lockBy = (pid: number, host = hostname()) =>
  writeFileSync(lockPathFor(path), `${JSON.stringify({ pid, host, since: new Date().toISOString() })}\n`);

const rename = (name: string) => updateProjectFile(path, (p) => ({ ...p!, name }), { timeoutMs: 600 });

describe('project file lock', () => {
  it('a lock left by a process that has ended is taken over; the save goes through and the lock is released', async () => {
    lockBy(await otherProcess(true));
    await rename('after a crash');
    expect((await readProjectFile(path)).project.name).toBe('after a crash');
    expect(existsSync(lockPathFor(path))).toBe(false);
  });

  it('a lock held by a live process makes a save wait, then fail with DW208 naming the holder; the file is unchanged', async () => {
    const pid = await otherProcess(false);
    lockBy(pid);
    const started = Date.now();
    const e = await rename('blocked').then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DeepwireError);
    expect((e as DeepwireError).code).toBe('DW208');
    expect((e as DeepwireError).message).toContain(`process ${pid} on this computer`);
    expect((e as DeepwireError).where).toBe(lockPathFor(path));
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect((await readProjectFile(path)).project.name).toBe('p');
    expect(existsSync(lockPathFor(path))).toBe(true); // not ours to remove
  });

  it('a lock from another host is stale only when older than the bound', async () => {
    lockBy(999_999, 'some-other-host');
    await expect(updateProjectFile(path, (p) => p!, { timeoutMs: 200 })).rejects.toMatchObject({ code: 'DW208' });
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockPathFor(path), old, old);
    await rename('taken over');
    expect((await readProjectFile(path)).project.name).toBe('taken over');
  });

  it('a lock held in this process is waited for, then taken in turn', async () => {
    let release!: () => void;
    const first = updateProjectFile(path, (p) => new Promise((r) => (release = () => r({ ...p!, name: 'first' }))));
    await new Promise((r) => setTimeout(r, 50));
    const second = updateProjectFile(path, (p) => ({ ...p!, name: `${p!.name} then second` }));
    await new Promise((r) => setTimeout(r, 100));
    release();
    await Promise.all([first, second]);
    expect((await readProjectFile(path)).project.name).toBe('first then second');
  });

  it('a folder where no lock can be made is DW211', async () => {
    await expect(updateProjectFile(join(dir, 'missing', 'x.deepwire'), (p) => p!)).rejects.toMatchObject({
      code: 'DW211',
    });
  });
});
