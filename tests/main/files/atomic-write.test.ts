import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeStaleTemps, tempPrefix, writeFileAtomic } from '../../../src/main/files/atomic-write.js';
import { DeepwireError } from '../../../src/shared/errors.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-atomic-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function expectDW206(p: Promise<unknown>, where: string, reason: RegExp) {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  expect((e as DeepwireError).code).toBe('DW206');
  expect((e as DeepwireError).where).toBe(where);
  expect((e as DeepwireError).detail).toMatch(reason);
}

/** A pid that surely is not running: a child that has already exited. */
function deadPid(): number {
  return Number(
    spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout,
  );
}

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving nothing else in the folder', async () => {
    const target = join(dir, 'a.deepwire');
    await writeFileAtomic(target, 'first\n');
    await writeFileAtomic(target, new Uint8Array([104, 105]));
    expect(await fs.readFile(target, 'utf8')).toBe('hi');
    expect(await fs.readdir(dir)).toEqual(['a.deepwire']);
  });

  it("keeps an existing file's permissions", async () => {
    const target = join(dir, 'private.deepwire');
    await fs.writeFile(target, 'old');
    await fs.chmod(target, 0o600);
    await writeFileAtomic(target, 'new');
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
  });

  it('writes through a symbolic link, keeping the link', async () => {
    await fs.mkdir(join(dir, 'real'));
    const real = join(dir, 'real', 'p.deepwire');
    await fs.writeFile(real, 'old');
    const link = join(dir, 'link.deepwire');
    await fs.symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(real, 'utf8')).toBe('new');
  });

  it('a parent that is a file → DW206 naming the path (ENOTDIR), nothing created', async () => {
    await fs.writeFile(join(dir, 'notes.txt'), 'x');
    const target = join(dir, 'notes.txt', 'p.deepwire');
    await expectDW206(writeFileAtomic(target, 'data'), target, /not a folder.*ENOTDIR/);
    expect(await fs.readdir(dir)).toEqual(['notes.txt']);
  });

  it('a missing folder → DW206 (ENOENT); a target that is a folder → DW206, the folder untouched', async () => {
    const missing = join(dir, 'nope', 'p.deepwire');
    await expectDW206(writeFileAtomic(missing, 'x'), missing, /ENOENT/);
    const folder = join(dir, 'folder.deepwire');
    await fs.mkdir(folder);
    await fs.writeFile(join(folder, 'keep'), 'k');
    await expectDW206(writeFileAtomic(folder, 'x'), folder, /E(ISDIR|NOTEMPTY|EXIST)/);
    expect(await fs.readFile(join(folder, 'keep'), 'utf8')).toBe('k');
    expect((await fs.readdir(dir)).sort()).toEqual(['folder.deepwire']);
  });

  it('removes temp files of dead writers of the same target after a save, and only those', async () => {
    const target = join(dir, 'p.deepwire');
    const dead = `${tempPrefix(target)}${deadPid()}.0badf00d.dwtmp`;
    const live = `${tempPrefix(target)}${process.pid}.12345678.dwtmp`;
    const other = `${tempPrefix(join(dir, 'other.deepwire'))}${deadPid()}.0badf00d.dwtmp`;
    for (const f of [dead, live, other]) await fs.writeFile(join(dir, f), 'partial');
    await writeFileAtomic(target, 'saved');
    expect((await fs.readdir(dir)).sort()).toEqual([live, other, 'p.deepwire'].sort());
    expect(await removeStaleTemps(join(dir, 'other.deepwire'))).toBe(1);
  });

  it('concurrent saves of one file all succeed and leave one complete version', async () => {
    const target = join(dir, 'p.deepwire');
    const versions = Array.from({ length: 8 }, (_, i) => `version ${i} `.repeat(20_000));
    await Promise.all(versions.map((v) => writeFileAtomic(target, v)));
    expect(versions).toContain(await fs.readFile(target, 'utf8'));
    expect(await fs.readdir(dir)).toEqual(['p.deepwire']);
  });
});
