/**
 * The contract over WebSocket: each `call` frame is validated and dispatched
 * to the studio, answered by a `result` with the same id; the studio's events
 * go to every connected page. Refused connections get a `refused` frame and
 * close code 4603 (DW603), before any call is read. A client that breaks
 * the protocol is closed with the code `ws` chooses (1002, 1007, 1008, 1009)
 * and one log line; the others go on being served.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  WS_CLOSE_UNAUTHORISED,
  WS_MAX_MESSAGE_BYTES,
  wsCallSchema,
  type WsServerMessage,
} from '../../shared/api/wire.js';
import { issuePath } from '../../shared/api/validate.js';
import type { Problem } from '../../shared/errors.js';
import type { Studio } from '../services/studio/studio.js';
import { closeCodeOf, createClientLog, peerOf, stderrLog, type ClientLog } from './bad-clients.js';

/** Large enough for a project with its weights inline; the page refuses to send more. */
export const MAX_FRAME_BYTES = WS_MAX_MESSAGE_BYTES;
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
    return {
      type: 'result',
      id: -1,
      ok: false,
      problem: { code: 'DW601', message: 'the message is not JSON', where: 'message' },
    };
  }
  const parsed = wsCallSchema.safeParse(frame);
  if (!parsed.success) {
    const rawId = (frame as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'number' && Number.isInteger(rawId) ? rawId : -1;
    const issue = parsed.error.issues[0];
    const problem: Problem = {
      code: 'DW601',
      message: issue?.message ?? 'bad message',
      where: issuePath('message', issue?.path ?? []),
    };
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

export function createStudioSocket(
  studio: Studio,
  version: string,
  clientLog: ClientLog = createClientLog(stderrLog),
): StudioSocket {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();
  // A handshake `ws` cannot accept (no key, wrong version…): answer with the numbered problem and log it.
  wss.on('wsClientError', (error: Error, socket: Duplex, req: IncomingMessage) => {
    clientLog.answer(socket, req.method === 'GET' ? 400 : 405, 'DW612', peerOf(req.socket), error.message);
  });

  const stopEvents = studio.onEvent((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies WsServerMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (event === 'training.event' && ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      ws.send(frame);
    }
  });

  const accept = (ws: WebSocket, socket: Duplex, peer: string) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    // `ws` has already sent the close frame with this code; without a listener the error would end the process.
    ws.on('error', (error) => {
      const code = closeCodeOf(error);
      const why =
        code === 1009 ? `${error.message} (the limit is ${MAX_FRAME_BYTES / 1024 / 1024} MiB)` : error.message;
      clientLog.report(socket, code === 1009 ? 'DW611' : 'DW610', peer, why, `closed it with code ${code}`);
      if (ws.readyState === ws.OPEN) ws.close(code);
    });
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? '' : data.toString();
      void handleFrame(studio, text).then((reply) => send(ws, reply));
    });
    send(ws, { type: 'hello', version });
  };

  return {
    upgrade(req, socket, head, refusal) {
      const peer = peerOf(req.socket);
      clientLog.guard(socket, peer);
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (refusal) {
          // Accept only to say why, then close: no call is ever read, and what the client sends next is ignored.
          ws.on('error', () => {});
          send(ws, { type: 'refused', problem: refusal });
          ws.close(WS_CLOSE_UNAUTHORISED, `${refusal.code} ${refusal.message}`.slice(0, 120));
          const where = refusal.where ? ` (at ${refusal.where})` : '';
          clientLog.report(
            socket,
            refusal.code,
            peer,
            refusal.message + where,
            `closed it with code ${WS_CLOSE_UNAUTHORISED}`,
          );
          return;
        }
        accept(ws, socket, peer);
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
