/**
 * The contract over WebSocket: each `call` frame is validated and dispatched
 * to the studio, answered by a `result` with the same id; the studio's events
 * go to every connected page. Refused connections get a `refused` frame and
 * close code 4603 (DW603), before any call is read.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_CLOSE_UNAUTHORISED, wsCallSchema, type WsServerMessage } from '../../shared/api/wire.js';
import { issuePath } from '../../shared/api/validate.js';
import type { Problem } from '../../shared/errors.js';
import type { Studio } from '../services/studio/studio.js';

/** Large enough for a project with its weights inline. */
export const MAX_FRAME_BYTES = 64 * 1024 * 1024;
/** Above this much unsent data a slow page skips progress events rather than grow memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

function send(ws: WebSocket, message: WsServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

/** Answer one frame; returns the result message (never throws). */
export async function handleFrame(studio: Studio, data: string): Promise<WsServerMessage> {
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return { type: 'result', id: -1, ok: false, problem: { code: 'DW601', message: 'the message is not JSON', where: 'message' } };
  }
  const parsed = wsCallSchema.safeParse(frame);
  if (!parsed.success) {
    const rawId = (frame as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'number' && Number.isInteger(rawId) ? rawId : -1;
    const issue = parsed.error.issues[0];
    const problem: Problem = { code: 'DW601', message: issue?.message ?? 'bad message', where: issuePath('message', issue?.path ?? []) };
    return { type: 'result', id, ok: false, problem };
  }
  const { id, command, request } = parsed.data;
  return { type: 'result', id, ...(await studio.dispatch(command, request)) };
}

export interface StudioSocket {
  /** Hand an HTTP upgrade here; `refusal` non-null closes it with DW603. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, refusal: Problem | null): void;
  clientCount(): number;
  close(): Promise<void>;
}

export function createStudioSocket(studio: Studio, version: string): StudioSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();

  const stopEvents = studio.onEvent((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies WsServerMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event === 'training.event' && ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      ws.send(frame);
    }
  });

  const accept = (ws: WebSocket) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      void handleFrame(studio, text).then((reply) => send(ws, reply));
    });
    send(ws, { type: 'hello', version });
  };

  return {
    upgrade(req, socket, head, refusal) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (refusal) {
          // Accept only to say why, then close: no call is ever read.
          send(ws, { type: 'refused', problem: refusal });
          ws.close(WS_CLOSE_UNAUTHORISED, `${refusal.code} ${refusal.message}`.slice(0, 120));
          return;
        }
        accept(ws);
      });
    },
    clientCount: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        stopEvents();
        for (const ws of clients) ws.terminate();
        clients.clear();
        wss.close(() => resolve());
      }),
  };
}
