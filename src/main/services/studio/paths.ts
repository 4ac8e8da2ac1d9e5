/**
 * Which paths the renderer may name. Desktop: exactly the files the user
 * picked in a dialog or opened (plus folders picked for datasets). Web studio:
 * anything inside the folders it was started to serve. Symlinks are resolved
 * before the check, so a link cannot lead outside. Refusals are DW605.
 *
 * The read-only roots the policy starts with (the app's examples and data)
 * win over any writable root around them and over files allowed one by one:
 * the examples stay read-only when the served folder contains them (`npm
 * start` serves the repository), even one opened from the command line.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { DeepwireError } from '../../../shared/errors.js';
import { canonicalPath as canonical, isInside as inside } from '../../files/confine.js';

export interface RootFolder {
  path: string;
  /** Projects may be saved and exports written below it. */
  writable: boolean;
}

export interface PathPolicy {
  /** A file to read; returns its real absolute path. */
  readable(path: string, where: string): Promise<string>;
  /** A file to create or overwrite (it may not exist yet). */
  writable(path: string, where: string): Promise<string>;
  /** A folder to list or to load a dataset from. */
  folder(path: string, where: string): Promise<string>;
  /** The user picked or opened this file: it may be read and written from now on. */
  allowFile(path: string): void;
  /** The user picked this folder: everything below it may be read (and written, if writable). */
  allowFolder(path: string, writable?: boolean): void;
  /** The folders a file browser may show, as real paths. */
  roots(): string[];
  /** True for a root itself (a browser cannot go above it). */
  isRoot(realPath: string): boolean;
}

/** The real path of `path`, or of its nearest existing ancestor joined with the rest. */
export function canonicalSync(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(canonicalSync(parent), basename(path));
  }
}

export function createPathPolicy(options: { roots?: RootFolder[]; files?: string[] } = {}): PathPolicy {
  const roots: RootFolder[] = [];
  /** Real paths of the read-only roots given at creation: never written, whatever is allowed later. */
  const locked: string[] = [];
  const files = new Set<string>();

  const refuse = (path: string, where: string, why: string): never => {
    throw new DeepwireError('DW605', `${why}: ${path}`, where);
  };

  const check = async (path: string, where: string, need: 'read' | 'write' | 'folder'): Promise<string> => {
    if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) refuse(String(path), where, 'not a path');
    if (!isAbsolute(path)) refuse(path, where, 'the path must be absolute');
    const real = await canonical(resolve(path));
    if (need === 'write' && locked.some((l) => inside(real, l)))
      refuse(path, where, 'this folder is read-only in Deepwire');
    if (need !== 'folder' && files.has(real)) return real;
    const root = roots.find((r) => inside(real, r.path));
    if (!root)
      return refuse(
        path,
        where,
        need === 'write'
          ? 'not a file you picked or a folder you may save in'
          : 'outside the files and folders you opened',
      );
    if (need === 'write' && !root.writable) refuse(path, where, 'this folder is read-only in Deepwire');
    return real;
  };

  const policy: PathPolicy = {
    readable: (path, where) => check(path, where, 'read'),
    writable: (path, where) => check(path, where, 'write'),
    folder: (path, where) => check(path, where, 'folder'),
    allowFile(path) {
      files.add(canonicalSync(resolve(path)));
    },
    allowFolder(path, writable = false) {
      const real = canonicalSync(resolve(path));
      const existing = roots.find((r) => r.path === real);
      if (existing) existing.writable ||= writable;
      else roots.push({ path: real, writable });
    },
    roots: () => roots.map((r) => r.path),
    isRoot: (realPath) => roots.some((r) => r.path === realPath),
  };
  for (const r of options.roots ?? []) {
    policy.allowFolder(r.path, r.writable);
    if (!r.writable) locked.push(canonicalSync(resolve(r.path)));
  }
  for (const f of options.files ?? []) policy.allowFile(f);
  return policy;
}
