/**
 * Atomic file replacement: the target holds either its old bytes or the new
 * ones, never a mix, even if the process is killed or the machine loses
 * power mid-save.
 *
 *   1. write to a temp file in the same folder (same file system, so the
 *      rename below is atomic), exclusive-create, same mode as the target;
 *   2. fsync the temp file (its bytes are on disk before it gets the name);
 *   3. rename it over the target;
 *   4. fsync the folder (the rename itself is on disk).
 *
 * On failure the temp file is removed, the target is untouched, and a
 * numbered error names the path and the reason. After a success, temp files
 * of the same target left behind by killed processes are removed.
 *
 * With `within`, the write stays inside that folder (see confine.ts): missing
 * folders are created, a link leading out is refused (DW615), and the parent's
 * real path is checked again right before the rename.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DeepwireError, isDeepwireError, type ErrorCode } from '../../shared/errors.js';
import { assertFolderWithin, landingFile, mkdirWithin } from './confine.js';
import { describeFsError } from './fs-errors.js';
import { removeDeadLeftovers } from './leftovers.js';

export interface AtomicWriteOptions {
  /** The error code of a failed write (DW206 project files by default; exports pass DW702). */
  errorCode?: ErrorCode;
  /** Mode of a new file (an existing file keeps its own). */
  mode?: number;
  /** A folder the write must stay inside: links leading out of it are refused (DW615). */
  within?: string;
}

const TEMP_SUFFIX = '.dwtmp';

/** `.<name>.<pid>.<random>.dwtmp`: hidden, and traceable to the process that wrote it. */
export function tempPrefix(target: string): string {
  return `.${basename(target)}.`;
}

function tempPathFor(target: string): string {
  return join(dirname(target), `${tempPrefix(target)}${process.pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
}

/** Follows a symlinked target so the link keeps pointing at the saved file. */
async function resolveTarget(target: string): Promise<string> {
  try {
    return await fs.realpath(target);
  } catch {
    return target;
  }
}

async function fsyncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (e) {
    // Windows cannot open or fsync folders; the rename is still atomic there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** Removes temp files of `target` whose writing process no longer runs. Returns how many. */
export async function removeStaleTemps(target: string): Promise<number> {
  return removeDeadLeftovers(target, tempPrefix(target), TEMP_SUFFIX);
}

/** Windows refuses to rename over a file another process holds open for a moment; retry briefly. */
async function rename(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || attempt >= 5 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES'))
        throw e;
      await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    }
  }
}

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  opts: AtomicWriteOptions = {},
): Promise<void> {
  const { within } = opts;
  const failed = (e: unknown) =>
    isDeepwireError(e)
      ? e
      : new DeepwireError(opts.errorCode ?? 'DW206', `could not save ${target}: ${describeFsError(e)}`, target);
  let path: string;
  try {
    if (within) await mkdirWithin(within, dirname(target));
    path = within ? await landingFile(within, target) : await resolveTarget(target);
  } catch (e) {
    throw failed(e);
  }
  const temp = tempPathFor(path);
  let handle: fs.FileHandle | undefined;
  try {
    const mode = await fs.stat(path).then(
      (s) => s.mode & 0o7777,
      () => opts.mode ?? 0o666,
    );
    handle = await fs.open(temp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (within) await assertFolderWithin(await fs.realpath(within), dirname(path), target);
    await rename(temp, path);
    await fsyncFolder(dirname(path));
  } catch (e) {
    await handle?.close().catch(() => {});
    await fs.rm(temp, { force: true }).catch(() => {});
    throw failed(e);
  }
  await removeStaleTemps(path);
}
