/**
 * Saves that the operating system refuses, for real: permission denied and a
 * write that fails partway. Each runs the save in a child process, so the
 * failure comes from the kernel, also when the tests run as root (root
 * ignores folder permissions, so then the child runs as `nobody`).
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeProjectFile } from '../../../src/main/services/project-files.js';
import { runChild } from './fixtures/child.js';
import { bigProject } from './fixtures/big-project.js';

const NOBODY = 65534;
const unprivileged = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-osfail-'));
  await fs.chmod(dir, 0o755); // let an unprivileged child in
});
afterEach(async () => {
  await fs.chmod(join(dir, 'locked'), 0o755).catch(() => {});
  await fs.rm(dir, { recursive: true, force: true });
});

describe('saves the OS refuses', () => {
  it('permission denied → DW206 naming the path; the old file is untouched and no temp file is left', async () => {
    const folder = join(dir, 'locked');
    await fs.mkdir(folder);
    const target = join(folder, 'p.deepwire');
    await writeProjectFile(target, bigProject(1));
    const before = await fs.readFile(target);
    await fs.chmod(target, 0o644);
    await fs.chmod(folder, 0o555);

    const { stdout, stderr } = await runChild('write-once.ts', [target, '2'], unprivileged);
    const outcome = JSON.parse(stdout || JSON.stringify({ stderr }));
    expect(outcome).toMatchObject({ ok: false, code: 'DW206', where: target });
    expect(outcome.detail).toMatch(/permission denied \(EACCES\)/);
    expect((await fs.readFile(target)).equals(before)).toBe(true);
    expect(await fs.readdir(folder)).toEqual(['p.deepwire']);
  });

  it('a write that fails partway (file-size limit, EFBIG) → DW206; the old file is untouched, the partial temp removed', async () => {
    const target = join(dir, 'p.deepwire');
    await writeProjectFile(target, bigProject(1));
    const before = await fs.readFile(target);
    expect(before.length).toBeGreaterThan(3_000_000);

    // 1024 blocks (512 KB or 1 MB, by shell) is far below the 3.7 MB project.
    const { stdout, stderr } = await runChild('write-once.ts', [target, '2'], { fileSizeLimit: 1024 });
    const outcome = JSON.parse(stdout || JSON.stringify({ stderr }));
    expect(outcome).toMatchObject({ ok: false, code: 'DW206', where: target });
    expect(outcome.detail).toMatch(/too large.*EFBIG/);
    expect((await fs.readFile(target)).equals(before)).toBe(true);
    expect(await fs.readdir(dir)).toEqual(['p.deepwire']);
  });
});
