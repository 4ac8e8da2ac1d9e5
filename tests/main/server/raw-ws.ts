/**
 * A WebSocket client written by hand over node:net, so tests can send what no
 * real client would: bad frames, bad handshakes, garbage, truncation.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  fin?: boolean;
  /** RSV1..3 as the three bits 0b100, 0b010, 0b001. */
  rsv?: number;
  /** false sends the frame unmasked (clients must mask). */
  mask?: boolean;
  /** The 4-byte masking key (random unless given: seeded tests give one). */
  maskKey?: Buffer;
  /** Announce this length instead of the payload's (lies welcome). */
  length?: number | bigint;
}

/** Encode one client frame (masked unless told otherwise). */
export function encodeFrame(spec: FrameSpec): Buffer {
  const payload = typeof spec.payload === 'string' ? Buffer.from(spec.payload) : (spec.payload ?? Buffer.alloc(0));
  const masked = spec.mask !== false;
  const length = BigInt(spec.length ?? payload.length);
  const first = ((spec.fin === false ? 0 : 1) << 7) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header[0] = first;
    header[1] = 126;
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = first;
    header[1] = 127;
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  header[1] |= 0x80;
  const key = spec.maskKey ?? randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] ^= key[i & 3];
  return Buffer.concat([header, key, body]);
}

/** A frame the server sent (servers never mask). */
export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Split server bytes into frames; stops at an incomplete tail. */
export function decodeFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = 0;
  while (bytes.length - at >= 2) {
    let length = bytes[at + 1] & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (bytes.length < start + 2) break;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (bytes.length < start + 8) break;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (bytes.length < start + length) break;
    frames.push({ opcode: bytes[at] & 0x0f, payload: bytes.subarray(start, start + length) });
    at = start + length;
  }
  return frames;
}

export interface RawOptions {
  token?: string;
  origin?: string;
  path?: string;
  /** Replace the whole request (bad handshakes, garbage). */
  request?: Buffer | string;
}

export interface RawClient {
  socket: Socket;
  /** The client's own port: the server's log names it. */
  localPort: number;
  /** Everything the server sent, handshake included. */
  received(): Buffer;
  /** The HTTP status line's code, once the response head has arrived (0 before). */
  status(): number;
  /** Frames after the handshake. */
  frames(): ServerFrame[];
  /** The code of the server's close frame, or null. */
  closeCode(): number | null;
  /** The parsed JSON text frames. */
  messages(): Array<Record<string, unknown>>;
  write(bytes: Buffer | string): void;
  /** Resolves when the connection is gone; rejects after `ms`. */
  ended(ms?: number): Promise<void>;
  /** Resolves once a frame matching `pred` arrived. */
  waitFor(pred: (c: RawClient) => boolean, ms?: number): Promise<void>;
}

export function upgradeRequest(port: number, options: RawOptions = {}): string {
  const query = options.token ? `?token=${options.token}` : '';
  const lines = [
    `GET ${options.path ?? '/api'}${query} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
  ];
  if (options.origin) lines.push(`Origin: ${options.origin}`);
  return lines.join('\r\n') + '\r\n\r\n';
}

/** Connect and send the upgrade request (or `options.request`). */
export async function rawClient(port: number, options: RawOptions = {}): Promise<RawClient> {
  const socket = connect(port, '127.0.0.1');
  let bytes = Buffer.alloc(0);
  let gone = false;
  const changed: Array<() => void> = [];
  const notify = () => {
    for (const f of changed.splice(0)) f();
  };
  socket.on('data', (chunk: Buffer) => {
    bytes = Buffer.concat([bytes, chunk]);
    notify();
  });
  socket.on('error', () => {}); // resets are expected: `ended` reports the end either way
  socket.on('close', () => {
    gone = true;
    notify();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(options.request ?? upgradeRequest(port, options));

  const headEnd = () => bytes.indexOf('\r\n\r\n');
  const client: RawClient = {
    socket,
    localPort: socket.localPort ?? 0,
    received: () => bytes,
    status: () => {
      const m = /^HTTP\/1\.1 (\d{3})/.exec(bytes.subarray(0, 16).toString('latin1'));
      return m ? Number(m[1]) : 0;
    },
    frames: () => (client.status() === 101 && headEnd() >= 0 ? decodeFrames(bytes.subarray(headEnd() + 4)) : []),
    closeCode: () => {
      const close = client.frames().find((f) => f.opcode === 0x8);
      return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
    },
    messages: () =>
      client
        .frames()
        .filter((f) => f.opcode === 0x1)
        .map((f) => JSON.parse(f.payload.toString('utf8')) as Record<string, unknown>),
    write: (data) => {
      if (!socket.destroyed) socket.write(data);
    },
    ended: (ms = 5000) => client.waitFor(() => gone, ms),
    waitFor: (pred, ms = 5000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`raw client :${client.localPort}: timed out after ${ms} ms`)),
          ms,
        );
        const check = () => {
          if (pred(client)) {
            clearTimeout(timer);
            resolve();
          } else if (gone) {
            clearTimeout(timer);
            reject(new Error(`raw client :${client.localPort}: the connection ended first`));
          } else changed.push(check);
        };
        check();
      }),
  };
  return client;
}

/** Upgrade with the token and wait for the server's hello. */
export async function helloClient(port: number, token: string): Promise<RawClient> {
  const c = await rawClient(port, { token });
  await c.waitFor(() => c.messages().some((m) => m.type === 'hello'));
  return c;
}
