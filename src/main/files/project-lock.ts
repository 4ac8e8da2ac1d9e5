/**
 * A cross-process lock for read-modify-write of one file: `<file>.lock`,
 * created exclusively (`wx`) and holding who took it (pid, host, time).
 *
 * Saves hold it for milliseconds (re-read, merge, atomic write), so a waiter
 * retries for a bounded time and then fails with DW208 naming the holder. A
 * lock is stale, and taken over, when its process is gone (same host) or it
 * is older than `staleMs` (a crashed process on another host). Taking over
 * goes through a second exclusive file, so two waiters that both judge a lock
 * stale cannot delete each other's fresh lock.
 */
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { DeepwireError } from '../../shared/errors.js';
import { describeFsError } from './fs-errors.js';
import { processAlive } from './leftovers.js';

export interface LockOptions {
  /** How long to wait for a lock held by a live process before DW208 (default 10 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over whoever holds it (default 60 s; saves take milliseconds). */
  staleMs?: number;
}

export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 60_000;
/** A lock file that is still empty is being written: give its writer this long. */
const UNREADABLE_GRACE_MS = 2_000;

export const lockPathFor = (target: string): string => `${target}.lock`;

/** The real path of `target` (so a symlink and its file share one lock); the path itself when missing. */
async function lockTarget(target: string): Promise<string> {
  return fs.realpath(target).catch(() => target);
}

/** Who holds the lock at `lockPath`, with the file's age; null when there is none. */
async function readHolder(
  lockPath: string,
): Promise<{ holder: LockHolder | null; ageMs: number; text: string } | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    let holder: LockHolder | null = null;
    try {
      const h = JSON.parse(text) as Partial<LockHolder>;
      if (Number.isInteger(h.pid) && typeof h.host === 'string' && typeof h.since === 'string')
        holder = h as LockHolder;
    } catch {
      // Empty or cut short: judged by its age below.
    }
    return { holder, ageMs: Date.now() - stat.mtimeMs, text };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function isStale(state: { holder: LockHolder | null; ageMs: number }, staleMs: number): boolean {
  if (state.ageMs > staleMs) return true;
  if (!state.holder) return state.ageMs > UNREADABLE_GRACE_MS;
  return state.holder.host === hostname() && !processAlive(state.holder.pid);
}

/**
 * Removes the lock if it is still the stale one we saw (`text`). Only the
 * process holding `<lock>.takeover` may do so; one that cannot get it retries.
 */
async function takeOver(lockPath: string, text: string, staleMs: number): Promise<void> {
  const guard = `${lockPath}.takeover`;
  try {
    await fs.writeFile(guard, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A takeover guard left by a crash would block takeovers forever: it is stale after a while too.
    const age = await fs.stat(guard).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > Math.min(staleMs, UNREADABLE_GRACE_MS * 5)) await fs.rm(guard, { force: true });
    return;
  }
  try {
    const now = await fs.readFile(lockPath, 'utf8').catch(() => null);
    if (now === text) await fs.rm(lockPath, { force: true });
  } finally {
    await fs.rm(guard, { force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describeHolder(h: LockHolder | null): string {
  if (!h) return 'a process that has not yet said who it is';
  return `process ${h.pid} on ${h.host === hostname() ? 'this computer' : `host ${h.host}`} (since ${h.since})`;
}

/** Takes the lock of `target`, waiting up to `timeoutMs`; returns the function that releases it. */
export async function acquireFileLock(target: string, opts: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = opts.staleMs ?? DEFAULT_STALE_MS;
  const lockPath = lockPathFor(await lockTarget(target));
  const mine: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const text = `${JSON.stringify(mine)}\n`;
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  for (;;) {
    try {
      await fs.writeFile(lockPath, text, { flag: 'wx' });
      return async () => {
        // Only our own lock is removed (a takeover after a very long stall may have replaced it).
        const current = await fs.readFile(lockPath, 'utf8').catch(() => null);
        if (current === text) await fs.rm(lockPath, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DeepwireError('DW211', `could not create ${lockPath}: ${describeFsError(e)}`, lockPath);
      }
    }
    const state = await readHolder(lockPath).catch(() => null);
    if (state && isStale(state, staleMs)) {
      await takeOver(lockPath, state.text, staleMs).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) {
      throw new DeepwireError(
        'DW208',
        `${target} is being saved by ${describeHolder(state?.holder ?? null)}; waited ${(timeoutMs / 1000).toFixed(1)} s`,
        lockPath,
      );
    }
    // Jitter, so waiters do not retry in lockstep.
    await sleep(Math.min(delay + Math.random() * delay, Math.max(1, deadline - Date.now())));
    delay = Math.min(delay * 2, 100);
  }
}

/** Runs `fn` holding the lock of `target`; the lock is released however `fn` ends. */
export async function withFileLock<T>(target: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const release = await acquireFileLock(target, opts);
  try {
    return await fn();
  } finally {
    await release().catch(() => {});
  }
}
