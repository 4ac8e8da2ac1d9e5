/**
 * Writes confined to a folder (`within`): real files and symbolic links in
 * temp folders. A link that leads out of the folder is never written through,
 * whether it is the file itself or a folder on the way (issue #17).
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/main/files/atomic-write.js';
import { mkdirWithin } from '../../../src/main/files/confine.js';
import { DeepwireError } from '../../../src/shared/errors.js';

let dir: string;
let root: string;
let outside: string;
beforeEach(async () => {
  dir = await fs.realpath(await fs.mkdtemp(join(tmpdir(), 'dw-confined-')));
  root = join(dir, 'root');
  outside = join(dir, 'outside');
  await fs.mkdir(root);
  await fs.mkdir(outside);
  await fs.writeFile(join(outside, 'victim.txt'), 'precious');
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('writeFileAtomic within a folder', () => {
  it('refuses a file that is a link leading outside, naming the link, and leaves the outside file alone', async () => {
    await fs.symlink(join(outside, 'victim.txt'), join(root, 'model.json'));
    const e = await failure(writeFileAtomic(join(root, 'model.json'), 'evil', { within: root }));
    expect(e.code).toBe('DW615');
    expect(e.where).toBe(join(root, 'model.json'));
    expect(await fs.readFile(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
    expect((await fs.lstat(join(root, 'model.json'))).isSymbolicLink()).toBe(true);
    expect(await fs.readdir(root)).toEqual(['model.json']);
  });

  it('refuses a dangling link leading outside (it would create the file there)', async () => {
    await fs.symlink(join(outside, 'new.txt'), join(root, 'a.txt'));
    expect((await failure(writeFileAtomic(join(root, 'a.txt'), 'x', { within: root }))).code).toBe('DW615');
    expect(await fs.readdir(outside)).toEqual(['victim.txt']);
  });

  it('refuses a sub-folder that is a link leading outside, and creates nothing there', async () => {
    await fs.symlink(outside, join(root, 'weights'));
    const e = await failure(writeFileAtomic(join(root, 'weights', 'kernel.npy'), 'evil', { within: root }));
    expect(e.code).toBe('DW615');
    expect(e.where).toBe(join(root, 'weights'));
    const deeper = await failure(
      writeFileAtomic(join(root, 'weights', 'deep', 'kernel.npy'), 'evil', { within: root }),
    );
    expect(deeper.code).toBe('DW615');
    expect(await fs.readdir(outside)).toEqual(['victim.txt']);
  });

  it('creates missing folders on the way and still follows links that stay inside', async () => {
    await fs.mkdir(join(root, 'real'));
    await fs.writeFile(join(root, 'real', 'target.txt'), 'old');
    await fs.symlink(join(root, 'real', 'target.txt'), join(root, 'link.txt'));
    await writeFileAtomic(join(root, 'link.txt'), 'new', { within: root });
    expect(await fs.readFile(join(root, 'real', 'target.txt'), 'utf8')).toBe('new');
    expect((await fs.lstat(join(root, 'link.txt'))).isSymbolicLink()).toBe(true);
    await writeFileAtomic(join(root, 'a', 'b', 'c.txt'), 'deep', { within: root });
    expect(await fs.readFile(join(root, 'a', 'b', 'c.txt'), 'utf8')).toBe('deep');
  });

  it('mkdirWithin returns the real folder and refuses a link on the way', async () => {
    expect(await mkdirWithin(root, join(root, 'x', 'y'))).toBe(join(root, 'x', 'y'));
    await fs.symlink(outside, join(root, 'x', 'out'));
    expect((await failure(mkdirWithin(root, join(root, 'x', 'out', 'z')))).code).toBe('DW615');
    expect(await fs.readdir(outside)).toEqual(['victim.txt']);
  });
});

describe('the file-system facts the writer relies on', () => {
  it("exclusive create ('wx') does not follow a link planted at the temp name", async () => {
    await fs.symlink(join(outside, 'victim.txt'), join(root, 'planted'));
    const e = await fs.open(join(root, 'planted'), 'wx').then(
      () => null,
      (x: NodeJS.ErrnoException) => x.code,
    );
    expect(e).toBe('EEXIST');
    expect(await fs.readFile(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
  });

  it('rename over a link replaces the link, not the file it points to', async () => {
    await fs.symlink(join(outside, 'victim.txt'), join(root, 'model.json'));
    await fs.writeFile(join(root, 'staged'), 'new');
    await fs.rename(join(root, 'staged'), join(root, 'model.json'));
    expect((await fs.lstat(join(root, 'model.json'))).isSymbolicLink()).toBe(false);
    expect(await fs.readFile(join(root, 'model.json'), 'utf8')).toBe('new');
    expect(await fs.readFile(join(outside, 'victim.txt'), 'utf8')).toBe('precious');
  });
});
