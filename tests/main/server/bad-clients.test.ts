/**
 * Issue #17: one bad WebSocket frame used to kill `deepwire serve`. Raw TCP
 * clients send what no browser would; the server must close each with the
 * right code and one log line, and keep answering everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../src/main/server/socket.js';
import { startTestStudio, studioClient, type TestStudio } from './helpers.js';
import { encodeFrame, helloClient, rawClient, type RawClient } from './raw-ws.js';

let t: TestStudio;
beforeAll(async () => {
  t = await startTestStudio();
});
afterAll(async () => {
  await t.close();
});

/** The log lines that name this client (by its port). */
function linesFor(c: RawClient): string[] {
  const me = new RegExp(`127\\.0\\.0\\.1:${c.localPort}(?!\\d)`);
  return t.logs.filter((l) => me.test(l));
}

/** Wait for the server's close frame, answer it by leaving, and return its code. */
async function closedWith(c: RawClient): Promise<number | null> {
  await c.waitFor(() => c.closeCode() !== null);
  c.socket.end();
  await c.ended();
  return c.closeCode();
}

/** One log line for this client, once it has been written. */
async function oneLine(c: RawClient): Promise<string> {
  for (let i = 0; i < 100 && linesFor(c).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  expect(linesFor(c)).toHaveLength(1);
  return linesFor(c)[0];
}

async function expectStillServing(): Promise<void> {
  const client = studioClient(t.server.port, t.server.token);
  try {
    expect(await client.call('app.info', {})).toMatchObject({ name: 'Deepwire', transport: 'web' });
  } finally {
    client.close();
  }
}

const text = (payload: string | Buffer) => encodeFrame({ opcode: 0x1, payload });

const protocolErrors: Array<[string, Buffer | Buffer[], number, string]> = [
  ['an unmasked client frame', encodeFrame({ opcode: 0x1, payload: 'hi', mask: false }), 1002, 'DW610'],
  ['invalid UTF-8 in a text frame', text(Buffer.from([0x7b, 0xff, 0xfe, 0xc3])), 1007, 'DW610'],
  ['a reserved data opcode (0x3)', encodeFrame({ opcode: 0x3, payload: 'x' }), 1002, 'DW610'],
  ['a reserved control opcode (0xB)', encodeFrame({ opcode: 0xb }), 1002, 'DW610'],
  ['RSV1 set without an extension', encodeFrame({ opcode: 0x1, rsv: 0b100, payload: '{}' }), 1002, 'DW610'],
  ['RSV2 and RSV3 set', encodeFrame({ opcode: 0x1, rsv: 0b011, payload: '{}' }), 1002, 'DW610'],
  ['a fragmented ping', encodeFrame({ opcode: 0x9, fin: false, payload: 'p' }), 1002, 'DW610'],
  ['a control frame over 125 bytes', encodeFrame({ opcode: 0x9, payload: Buffer.alloc(126) }), 1002, 'DW610'],
  ['a continuation with nothing to continue', encodeFrame({ opcode: 0x0, payload: 'x' }), 1002, 'DW610'],
  [
    'a close frame with an invalid code',
    encodeFrame({ opcode: 0x8, payload: Buffer.from([0x03, 0xe7]) }),
    1002,
    'DW610',
  ],
  ['garbage after the handshake', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'), 1002, 'DW610'],
  ['a 64-bit length beyond 2^53', encodeFrame({ opcode: 0x2, length: 2n ** 63n }).subarray(0, 14), 1009, 'DW611'],
  ['a 64-bit length of a terabyte', encodeFrame({ opcode: 0x1, length: 2n ** 40n }).subarray(0, 14), 1009, 'DW611'],
  [
    'a frame one byte over MAX_FRAME_BYTES (its first 64 KiB)',
    encodeFrame({ opcode: 0x1, payload: Buffer.alloc(64 * 1024, 0x20), length: MAX_FRAME_BYTES + 1 }),
    1009,
    'DW611',
  ],
  [
    'fragments that add up to more than MAX_FRAME_BYTES',
    [
      encodeFrame({ opcode: 0x1, fin: false, payload: '{"a":"' + 'x'.repeat(1000) }),
      encodeFrame({ opcode: 0x0, payload: Buffer.alloc(16), length: MAX_FRAME_BYTES - 500 }),
    ],
    1009,
    'DW611',
  ],
];

describe('the web studio survives bad WebSocket clients', () => {
  for (const [name, bytes, code, dw] of protocolErrors) {
    it(`closes ${name} with ${code} and ${dw}, and keeps serving`, async () => {
      const c = await helloClient(t.server.port, t.server.token);
      for (const b of Array.isArray(bytes) ? bytes : [bytes]) c.write(b);
      expect(await closedWith(c)).toBe(code);
      const line = await oneLine(c);
      expect(line).toContain(dw);
      expect(line).toContain(`code ${code}`);
      await expectStillServing();
    });
  }

  const refusals: Array<[string, { token?: string; origin?: string }, Buffer]> = [
    ['without the token, then an unmasked frame', {}, encodeFrame({ opcode: 0x1, payload: 'hi', mask: false })],
    ['from a foreign Origin, then invalid UTF-8', { origin: 'http://evil.example' }, text(Buffer.from([0xff]))],
    [
      'from a foreign Origin with the token, then a huge length',
      { origin: 'http://evil.example' },
      encodeFrame({ opcode: 0x1, length: 2n ** 40n }),
    ],
  ];
  for (const [name, options, bytes] of refusals) {
    it(`refuses a client ${name}: 4603, one DW603 line`, async () => {
      const token = options.origin ? t.server.token : undefined;
      const c = await rawClient(t.server.port, { ...options, token });
      await c.waitFor(() => c.status() !== 0);
      expect(c.status()).toBe(101);
      c.write(bytes);
      expect(await closedWith(c)).toBe(4603);
      expect(c.messages()[0]).toMatchObject({ type: 'refused', problem: { code: 'DW603' } });
      const line = await oneLine(c);
      expect(line).toContain('DW603');
      expect(line).toContain('code 4603');
      await expectStillServing();
    });
  }

  it('answers garbage before the handshake with 400 and one DW612 line', async () => {
    const c = await rawClient(t.server.port, {
      request: Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x0d, 0x0a, 0x0d, 0x0a]),
    });
    await c.ended();
    expect(c.status()).toBe(400);
    expect(await oneLine(c)).toMatch(/DW612.*400/);
    await expectStillServing();
  });

  it('answers a handshake without Sec-WebSocket-Key with 400 and one DW612 line', async () => {
    const request =
      `GET /api?token=${t.server.token} HTTP/1.1\r\nHost: 127.0.0.1:${t.server.port}\r\nUpgrade: websocket\r\n` +
      'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n';
    const c = await rawClient(t.server.port, { request });
    await c.ended();
    expect(c.status()).toBe(400);
    expect(await oneLine(c)).toMatch(/DW612.*400/);
    await expectStillServing();
  });

  it('answers an upgrade elsewhere with 404 and survives the client resetting', async () => {
    const c = await rawClient(t.server.port, { token: t.server.token, path: '/elsewhere' });
    await c.waitFor(() => c.status() !== 0);
    expect(c.status()).toBe(404);
    c.socket.resetAndDestroy();
    await c.ended();
    expect(await oneLine(c)).toMatch(/DW612.*404/);
    await expectStillServing();
  });

  it('survives a reset in the middle of a frame', async () => {
    const c = await helloClient(t.server.port, t.server.token);
    c.write(encodeFrame({ opcode: 0x1, payload: '{"type":"call"' }).subarray(0, 9));
    c.socket.resetAndDestroy();
    await c.ended();
    await expectStillServing();
  });

  it('ends a client that leaves in the middle of a frame', async () => {
    const c = await helloClient(t.server.port, t.server.token);
    c.write(encodeFrame({ opcode: 0x1, payload: '{"type":"call"' }).subarray(0, 5));
    c.socket.end();
    await c.ended();
    await expectStillServing();
  });

  it('still answers a well-formed frame on a raw socket with its result', async () => {
    const c = await helloClient(t.server.port, t.server.token);
    c.write(text(JSON.stringify({ type: 'call', id: 41, command: 'app.info', request: {} })));
    await c.waitFor(() => c.messages().some((m) => m.id === 41));
    expect(c.messages().find((m) => m.id === 41)).toMatchObject({
      type: 'result',
      ok: true,
      response: { name: 'Deepwire' },
    });
    c.socket.end();
    await c.ended();
    expect(linesFor(c)).toEqual([]);
  });
});
