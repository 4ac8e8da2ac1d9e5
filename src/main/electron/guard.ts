/**
 * The checks every IPC call passes before it reaches the studio: the sender
 * is Deepwire's own window, in its top frame, showing the app's own page
 * (DW604); the command is in the contract (DW602); the payload matches its
 * schema (DW601, inside `studio.dispatch`). Plain functions over the parts of
 * Electron's event they read, so they are tested in Node with plain objects.
 * (Type-only import: nothing here loads Electron.)
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { CallResult } from '../../shared/api/problem.js';
import { nameOfChannel } from '../../shared/api/channels.js';
import { isCommandName } from '../../shared/api/contract.js';
import type { Problem } from '../../shared/errors.js';

/** The scheme and host the app's page is served from (a privileged custom protocol). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'deepwire';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** What the guard reads of an `IpcMainInvokeEvent`. */
export interface SenderLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface TrustConfig {
  /** webContents ids of Deepwire's own windows. */
  windowIds: ReadonlySet<number>;
  /** Origins the page may be served from: the app protocol, plus the dev server in `npm run dev`. */
  origins: readonly string[];
}

export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // `new URL('app://deepwire/x').origin` is "null" for non-special schemes: build it.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}

/** Null when the sender is trusted, else the DW604 problem. */
export function checkSender(event: SenderLike, trust: TrustConfig): Problem | null {
  const frame = event.senderFrame;
  if (!frame) return { code: 'DW604', message: 'the sending frame is gone' };
  if (frame.parent) return { code: 'DW604', message: 'calls from embedded frames are refused', where: frame.url };
  if (!trust.windowIds.has(event.sender.id)) return { code: 'DW604', message: 'the sender is not a Deepwire window' };
  const origin = originOf(frame.url);
  if (!origin || !trust.origins.includes(origin))
    return {
      code: 'DW604',
      message: `pages from ${origin ?? 'an unknown origin'} may not call the studio`,
      where: frame.url,
    };
  return null;
}

export type Dispatch = (command: string, request: unknown) => Promise<CallResult>;

/**
 * The body of every `ipcMain.handle`: refuse untrusted senders, then dispatch
 * (which validates the payload). Always resolves to a CallResult: Electron
 * would otherwise mangle thrown errors into strings.
 */
export async function guardedCall(
  event: SenderLike,
  channel: string,
  payload: unknown,
  trust: TrustConfig,
  dispatch: Dispatch,
): Promise<CallResult> {
  const refusal = checkSender(event, trust);
  if (refusal) return { ok: false, problem: refusal };
  const command = nameOfChannel(channel);
  if (!isCommandName(command))
    return { ok: false, problem: { code: 'DW602', message: `'${channel}' is not a studio channel` } };
  return dispatch(command, payload);
}

// Fails to compile if Electron's real event stops fitting what the guard reads.
type Assert<T extends true> = T;
export type EventFitsGuard = Assert<IpcMainInvokeEvent extends SenderLike ? true : false>;
