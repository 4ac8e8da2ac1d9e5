/**
 * The messages of the two transports. WebSocket: the page sends `call`s, the
 * server answers each with a `result` of the same id and pushes `event`s.
 * Electron IPC: `invoke(channelOf(command), request)` resolves to a CallResult.
 */
import { z } from 'zod';
import type { Problem } from '../errors.js';
import type { CallResult } from './problem.js';

/** The WebSocket path of the web studio (the page's own origin). */
export const WS_PATH = '/api';
/** The query parameter carrying the web studio's token (the server also sets an HttpOnly cookie). */
export const TOKEN_PARAM = 'token';
/** WebSocket close code for refused connections (application range 4000-4999). */
export const WS_CLOSE_UNAUTHORISED = 4603;
/** The largest message either side of the WebSocket may send (large enough for a project with its weights inline). */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export const wsCallSchema = z.strictObject({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  command: z.string().max(128),
  request: z.unknown(),
});
export type WsCall = z.infer<typeof wsCallSchema>;

export type WsResult = { type: 'result'; id: number } & CallResult;
export type WsEvent = { type: 'event'; event: string; payload: unknown };
/** Sent once on connect; `problem` precedes a refusal close. */
export type WsHello = { type: 'hello'; version: string } | { type: 'refused'; problem: Problem };
export type WsServerMessage = WsResult | WsEvent | WsHello;

/** What the preload puts on `window.deepwire`: exactly the contract, nothing else. */
export interface DeepwireBridge {
  readonly commands: readonly string[];
  readonly events: readonly string[];
  call(command: string, request: unknown): Promise<CallResult>;
  /** Returns the function that removes the listener. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}
