/**
 * The StudioClient over the web studio's WebSocket. Calls made while
 * connecting wait for the socket; a lost connection rejects the calls in
 * flight with DW606 (naming the close code) and reconnects with backoff; a
 * refusal (bad token or origin, DW603) is final. A call too large for the
 * server is refused here (DW611) and never sent: the server would close the
 * connection on it.
 */
import { DeepwireError, type Problem } from '../errors.js';
import { checkEventName, unknownCommand, type ConnectionState, type StudioClient } from './client.js';
import { isEventName, type CommandName, type EventName, type EventPayload, type ResponseOf } from './contract.js';
import { Listeners, NamedListeners } from './emitter.js';
import { problemToError } from './problem.js';
import { WS_CLOSE_UNAUTHORISED, WS_MAX_MESSAGE_BYTES, type WsServerMessage } from './wire.js';

/** The part of a WebSocket this client uses (the browser's and the `ws` package's both fit). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WsClientOptions {
  /** Reconnect delays grow from this… */
  minDelayMs?: number;
  /** …to this. */
  maxDelayMs?: number;
}

// src/shared has no DOM or Node typings; both runtimes have these timers.
const timers = globalThis as unknown as {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** UTF-8 size of a string without encoding it (src/shared has no TextEncoder typings). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // 2 bytes below U+0800, 3 up to U+FFFF, 4 for a surrogate pair (2 units: +1 each).
    if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/** A frame's UTF-8 size; short frames, which cannot reach the limit, are not measured. */
function frameBytes(frame: string): number {
  return frame.length * 3 <= WS_MAX_MESSAGE_BYTES ? frame.length : utf8Length(frame);
}

const MIB = 1024 * 1024;

/** What the standard close codes mean, for the error a closed connection gives. */
const CLOSE_MEANINGS: Record<number, string> = {
  1000: 'closed normally',
  1001: 'the studio is stopping',
  1002: 'protocol error',
  1006: 'the connection dropped',
  1007: 'invalid data',
  1008: 'policy violation',
  1009: 'message too big',
  1011: 'server error',
};

function closedError(code: number): DeepwireError {
  const meaning = CLOSE_MEANINGS[code] ?? 'no reason given';
  const message = `the studio closed the connection (code ${code}: ${meaning}) before it answered`;
  if (code === 1009)
    return new DeepwireError('DW611', `${message}: a message was over its ${WS_MAX_MESSAGE_BYTES / MIB} MiB limit`);
  return new DeepwireError('DW606', message);
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export function createWsClient(url: string, connect: SocketFactory, options: WsClientOptions = {}): StudioClient {
  const minDelay = options.minDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5000;
  const events = new NamedListeners();
  const stateListeners = new Listeners<ConnectionState>();
  const pending = new Map<number, Pending>();
  let queue: string[] = [];
  let nextId = 1;
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let open = false;
  let final: Problem | null = null;
  let delay = minDelay;
  let timer: unknown = null;
  let closedByUser = false;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    stateListeners.emit(next);
  };

  const failPending = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  /** Handle one frame; returns its type. */
  const onMessage = (raw: unknown): WsServerMessage['type'] | null => {
    let msg: WsServerMessage;
    try {
      msg = JSON.parse(typeof raw === 'string' ? raw : String(raw)) as WsServerMessage;
    } catch {
      return null; // not ours
    }
    if (msg.type === 'result') {
      const p = pending.get(msg.id);
      if (!p) return msg.type;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.response);
      else p.reject(problemToError(msg.problem));
    } else if (msg.type === 'event') {
      if (isEventName(msg.event)) events.emit(msg.event, msg.payload);
    } else if (msg.type === 'refused') {
      final = msg.problem;
    }
    return msg.type;
  };

  const start = () => {
    timer = null;
    setState('connecting');
    const ws = connect(url);
    socket = ws;
    // Open only once the server says hello: a refused socket never looks connected.
    ws.onopen = () => {};
    ws.onmessage = (ev) => {
      if (onMessage(ev.data) !== 'hello') return;
      open = true;
      delay = minDelay;
      setState('open');
      const waiting = queue;
      queue = [];
      for (const frame of waiting) ws.send(frame);
    };
    ws.onerror = () => {}; // the close that follows decides
    ws.onclose = (ev) => {
      open = false;
      socket = null;
      if (ev.code === WS_CLOSE_UNAUTHORISED && !final)
        final = { code: 'DW603', message: ev.reason || 'the studio refused this page' };
      const error = final ? problemToError(final) : closedError(ev.code);
      // Queued calls are in `pending` too: they fail with the rest and are never sent later.
      queue = [];
      failPending(error);
      if (final || closedByUser) {
        setState('closed');
        return;
      }
      setState('connecting');
      timer = timers.setTimeout(start, delay);
      delay = Math.min(maxDelay, delay * 2);
    };
  };

  start();

  return {
    get state() {
      return state;
    },
    call<C extends CommandName>(command: C, request: unknown): Promise<ResponseOf<C>> {
      const refused = unknownCommand(command);
      if (refused) return Promise.reject(refused);
      if (final) return Promise.reject(problemToError(final));
      if (closedByUser) return Promise.reject(new DeepwireError('DW606', 'the client was closed'));
      const id = nextId++;
      const frame = JSON.stringify({ type: 'call', id, command, request: request ?? {} });
      const bytes = frameBytes(frame);
      if (bytes > WS_MAX_MESSAGE_BYTES) {
        const size = (bytes / MIB).toFixed(1);
        const limit = WS_MAX_MESSAGE_BYTES / MIB;
        const detail = `the request is ${size} MiB, over the studio's limit of ${limit} MiB per message; it was not sent`;
        return Promise.reject(new DeepwireError('DW611', detail, command));
      }
      return new Promise<ResponseOf<C>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (open && socket) socket.send(frame);
        else queue.push(frame);
      });
    },
    on<E extends EventName>(event: E, handler: (payload: EventPayload<E>) => void): () => void {
      checkEventName(event);
      return events.add(event, handler as (payload: unknown) => void);
    },
    onState: (handler) => stateListeners.add(handler),
    close() {
      closedByUser = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      if (socket) socket.close(1000, 'client closed');
      else setState('closed');
    },
  };
}
