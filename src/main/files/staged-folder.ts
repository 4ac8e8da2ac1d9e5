/**
 * A set of files written into a folder as a whole (exports). The files go
 * into a fresh staging folder beside the destination (same file system, so
 * renames are atomic), each fsynced; then:
 *
 *   - a destination that does not exist yet: one rename of the whole folder;
 *   - an existing one: every file is renamed in (atomic per file), in order,
 *     and the folders are fsynced. Files already there that the set does not
 *     name are left alone.
 *
 * A process killed at any moment leaves no new files or complete ones, never
 * a truncated file; its staging folder is removed by the next write to the
 * same destination. Nothing is written through a symbolic link that leads out
 * of the destination (DW615, naming the link): every target is checked before
 * the first file moves, and each parent's real path again right before its
 * rename.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DeepwireError, isDeepwireError, type ErrorCode } from '../../shared/errors.js';
import { assertFolderWithin, canonicalPath, landingFile, mkdirWithin } from './confine.js';
import { describeFsError } from './fs-errors.js';
import { removeDeadLeftovers } from './leftovers.js';

export interface StagedFile {
  /** Path relative to the folder, with '/' separators (e.g. `weights/dense/kernel.npy`). */
  path: string;
  data: Uint8Array | string;
}

export interface StagedFolderOptions {
  /** The code of a failed write (default DW702, export failed). */
  errorCode?: ErrorCode;
}

const STAGE_SUFFIX = '.dwstage';

/** `.<name>.<pid>.<random>.dwstage`: hidden, beside the destination, traceable to its process. */
export const stagePrefix = (dest: string): string => `.${basename(dest)}.`;

/** Removes staging folders of `dest` whose writing process no longer runs. Returns how many. */
export async function removeStaleStages(dest: string): Promise<number> {
  return removeDeadLeftovers(dest, stagePrefix(dest), STAGE_SUFFIX);
}

async function fsyncFolder(folder: string): Promise<void> {
  const handle = await fs.open(folder, 'r').catch(() => null); // Windows cannot open folders
  try {
    await handle?.sync();
  } catch {
    // Some file systems refuse to fsync folders; the renames are still atomic.
  } finally {
    await handle?.close().catch(() => {});
  }
}

const segments = (path: string): string[] => path.split('/');

function checkNames(files: readonly StagedFile[]): void {
  for (const f of files) {
    const parts = segments(f.path);
    if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\') || p.includes('\0'))) {
      throw new Error(`export file ${f.path} would leave the export folder`); // a bug in an exporter, not user input
    }
  }
}

/** Writes every file into a new staging folder next to `dest`, each fsynced. */
async function stage(dest: string, files: readonly StagedFile[]): Promise<string> {
  const name = `${stagePrefix(dest)}${process.pid}.${randomBytes(4).toString('hex')}${STAGE_SUFFIX}`;
  const staging = join(dirname(dest), name);
  await fs.mkdir(staging);
  const folders = new Set<string>([staging]);
  for (const file of files) {
    const path = join(staging, ...segments(file.path));
    await fs.mkdir(dirname(path), { recursive: true });
    folders.add(dirname(path));
    const handle = await fs.open(path, 'wx', 0o666);
    try {
      await handle.writeFile(file.data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  for (const folder of folders) await fsyncFolder(folder);
  return staging;
}

/** Moves the staged files into an existing `dest`, refusing links that lead out of it. */
async function moveInto(dest: string, staging: string, files: readonly StagedFile[], code: ErrorCode): Promise<void> {
  const realDest = await fs.realpath(dest);
  // Every target checked before the first file moves: a refused export changes nothing.
  for (const file of files) {
    const parent = await mkdirWithin(dest, dirname(join(dest, ...segments(file.path))));
    await landingFile(dest, join(parent, basename(file.path)));
  }
  const touched = new Set<string>();
  for (const file of files) {
    const target = join(dest, ...segments(file.path));
    const parent = await assertFolderWithin(realDest, dirname(target));
    // A link inside the folder is replaced by the file (rename never writes through a link).
    await landingFile(dest, target);
    try {
      await fs.rename(join(staging, ...segments(file.path)), join(parent, basename(target)));
    } catch (e) {
      const why = `could not move ${target} into place: ${describeFsError(e)}`;
      throw new DeepwireError(code === 'DW702' ? 'DW710' : code, why, target);
    }
    touched.add(parent);
  }
  for (const folder of touched) await fsyncFolder(folder);
}

/** Writes `files` into the folder `dest` as a whole; returns their absolute paths in order. */
export async function writeFolderStaged(
  dest: string,
  files: readonly StagedFile[],
  opts: StagedFolderOptions = {},
): Promise<string[]> {
  const code = opts.errorCode ?? 'DW702';
  checkNames(files);
  // The destination itself may be a link the user chose (checked by the caller): work on its real path.
  const real = await canonicalPath(dest);
  let staging: string | undefined;
  try {
    await fs.mkdir(dirname(real), { recursive: true });
    await removeStaleStages(real);
    staging = await stage(real, files);
    const existing = await fs.lstat(real).catch(() => null);
    if (existing && !existing.isDirectory()) throw new DeepwireError(code, `${dest} exists and is not a folder`, dest);
    if (!existing) {
      try {
        await fs.rename(staging, real);
        staging = undefined;
        await fsyncFolder(dirname(real));
      } catch (e) {
        // Made meanwhile by someone else (ENOTEMPTY/EEXIST): move the files in one by one.
        if (!['ENOTEMPTY', 'EEXIST'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      }
    }
    if (staging) await moveInto(real, staging, files, code);
  } catch (e) {
    if (isDeepwireError(e)) throw e;
    throw new DeepwireError(code, `could not write the export to ${dest}: ${describeFsError(e)}`, dest);
  } finally {
    if (staging) await fs.rm(staging, { recursive: true, force: true }).catch(() => {});
  }
  return files.map((f) => join(dest, ...segments(f.path)));
}
