/**
 * Writes that stay inside one folder. Every check works on real paths,
 * resolved at the moment of the write: a symbolic link that leads out of the
 * folder — the file itself or any folder on the way — is refused with DW615
 * naming the link, and nothing is created beyond it.
 *
 * Node has no openat()/O_NOFOLLOW for folders, so a folder swapped for a link
 * between the last check and the write cannot be ruled out entirely; callers
 * re-check the parent's real path right before the rename that publishes a
 * file, which leaves that window as small as it can be.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';

export function isInside(child: string, root: string): boolean {
  return child === root || child.startsWith(root.endsWith(sep) ? root : root + sep);
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
export async function canonicalPath(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await canonicalPath(parent), basename(path));
  }
}

function leaves(link: string, root: string): never {
  const why = `${link} is a symbolic link leading out of ${root}; Deepwire does not write through it`;
  throw new DeepwireError('DW615', why, link);
}

/** Where the link at `link` points, resolved as far as it exists. */
async function linkTarget(link: string): Promise<string> {
  return canonicalPath(resolve(dirname(link), await fs.readlink(link)));
}

/**
 * Creates `dir` below `root` one folder at a time, refusing any link on the
 * way that leaves `root`; returns the folder's real path, checked again after
 * the folders were made.
 */
export async function mkdirWithin(root: string, dir: string): Promise<string> {
  const realRoot = await fs.realpath(root);
  const rel = relative(root, dir);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new DeepwireError('DW615', `${dir} is not inside ${root}`, dir);
  let lexical = root;
  let real = realRoot;
  for (const part of rel.split(sep).filter(Boolean)) {
    lexical = join(lexical, part);
    const next = join(real, part);
    const stat = await fs.lstat(next).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (!stat) {
      await fs.mkdir(next).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e; // made meanwhile: checked below like any folder
      });
    } else if (stat.isSymbolicLink()) {
      const target = await linkTarget(next);
      if (!isInside(target, realRoot)) leaves(lexical, root);
    }
    real = await fs.realpath(next);
    if (!isInside(real, realRoot)) leaves(lexical, root);
  }
  return assertFolderWithin(realRoot, real, dir);
}

/** Re-resolves `folder` now and refuses (DW615) if it no longer lies inside `root` (a real path). */
export async function assertFolderWithin(realRoot: string, folder: string, named = folder): Promise<string> {
  const real = await fs.realpath(folder);
  if (!isInside(real, realRoot)) leaves(named, realRoot);
  return real;
}

/**
 * The file a write to `target` lands on: the target itself, or where a link
 * there points when that stays inside `root`. A link leading out (even one
 * pointing at nothing yet) is refused.
 */
export async function landingFile(root: string, target: string): Promise<string> {
  const realRoot = await fs.realpath(root);
  const stat = await fs.lstat(target).catch(() => null);
  if (!stat?.isSymbolicLink()) return target;
  const real = await linkTarget(target);
  if (!isInside(real, realRoot)) leaves(target, root);
  return real;
}
