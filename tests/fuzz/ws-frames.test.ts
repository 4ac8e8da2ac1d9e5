/**
 * A bounded, seeded fuzz of raw WebSocket frames against the real web studio
 * on 127.0.0.1 (issue #17): random opcodes, lengths, masks and RSV bits, byte
 * flips and truncations of valid frames, and plain garbage, from clients with
 * and without the token. No frame may crash the server, every connection must
 * end soon after its client leaves, and a good client is served afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/random.js';
import { startTestStudio, studioClient, type TestStudio } from '../main/server/helpers.js';
import { encodeFrame, rawClient, type RawClient } from '../main/server/raw-ws.js';

const SEED = 17;
const CONNECTIONS = 240;
const FRAMES_PER_CONNECTION = 14; // 3360 frames in all
const AT_ONCE = 8;
/** How long a connection may take to end after its client has sent everything and left. */
const END_WITHIN_MS = 10_000;

type Random = () => number;
const int = (r: Random, n: number) => Math.floor(r() * n);
const pick = <T>(r: Random, items: readonly T[]): T => items[int(r, items.length)];
const bytes = (r: Random, n: number) => Buffer.from(Array.from({ length: n }, () => int(r, 256)));

const COMMANDS = ['app.info', 'settings.get', 'project.listExamples', 'files.list', 'shell.exec', ''];

function validCall(r: Random, id: number): string {
  return JSON.stringify({ type: 'call', id, command: pick(r, COMMANDS), request: {} });
}

/** Lengths around the boundaries of the three length encodings and of the size limit. */
const LENGTH_LIES = [
  0,
  1,
  125,
  126,
  127,
  65535,
  65536,
  64 * 1024 * 1024,
  64 * 1024 * 1024 + 1,
  2 ** 32,
  2 ** 53,
  2n ** 63n,
  2n ** 64n - 1n,
];

/** One mutated frame (or a few bytes that are not one). */
function mutatedFrame(r: Random, id: number): Buffer {
  const maskKey = bytes(r, 4);
  const valid = () => encodeFrame({ opcode: 0x1, payload: validCall(r, id), maskKey });
  switch (int(r, 8)) {
    case 0: // a well-formed call: the server must answer it and stay open
      return valid();
    case 1: {
      // random header fields over a random payload
      const payload = bytes(r, pick(r, [0, 1, 2, 10, 125, 126, 300]));
      return encodeFrame({ opcode: int(r, 16), fin: r() < 0.7, rsv: int(r, 8), mask: r() < 0.9, payload, maskKey });
    }
    case 2: {
      // a valid frame with a few bytes flipped
      const frame = valid();
      for (let n = 1 + int(r, 3); n > 0; n--) frame[int(r, frame.length)] ^= 1 << int(r, 8);
      return frame;
    }
    case 3: // a valid frame cut short
      return valid().subarray(0, int(r, 40));
    case 4: {
      // a length header that lies
      const payload = bytes(r, int(r, 64));
      return encodeFrame({
        opcode: pick(r, [0x0, 0x1, 0x2, 0x8, 0x9, 0xa]),
        payload,
        length: pick(r, LENGTH_LIES),
        maskKey,
      });
    }
    case 5: // garbage
      return bytes(r, 1 + int(r, 64));
    case 6: {
      // fragments, sometimes interleaved with a control frame, sometimes never finished
      const text = validCall(r, id);
      const cut = int(r, text.length);
      const parts = [encodeFrame({ opcode: 0x1, fin: false, payload: text.slice(0, cut), maskKey })];
      if (r() < 0.5) parts.push(encodeFrame({ opcode: pick(r, [0x9, 0xa, 0x1]), payload: 'p', maskKey }));
      if (r() < 0.7) parts.push(encodeFrame({ opcode: 0x0, payload: text.slice(cut), maskKey }));
      return Buffer.concat(parts);
    }
    default: {
      // text that is not UTF-8, or not JSON, or not a call
      const payload = pick(r, [
        bytes(r, 1 + int(r, 20)),
        Buffer.from('{"type":"call"'),
        Buffer.from('null'),
        Buffer.from([0xed, 0xa0, 0x80]),
      ]);
      return encodeFrame({ opcode: 0x1, payload, maskKey });
    }
  }
}

/** One fuzzed connection, drawn before any await so the seed alone decides it. */
function planConnection(t: TestStudio, r: Random, n: number) {
  const who = int(r, 10);
  const options =
    who === 0 ? {} : who === 1 ? { token: t.server.token, origin: 'http://evil.example' } : { token: t.server.token };
  const frames = Array.from({ length: FRAMES_PER_CONNECTION }, (_, i) => mutatedFrame(r, n * 100 + i));
  return { n, options, frames, refused: who <= 1 };
}

/** Handshake, frames, leave; resolves once the connection has ended. */
async function fuzzConnection(
  t: TestStudio,
  { n, options, frames, refused }: ReturnType<typeof planConnection>,
): Promise<RawClient> {
  const c = await rawClient(t.server.port, options);
  await c.waitFor(() => c.status() !== 0);
  if (!refused) {
    // A good call first: the connection works before it is broken.
    c.write(
      encodeFrame({
        opcode: 0x1,
        payload: JSON.stringify({ type: 'call', id: 0, command: 'settings.get', request: {} }),
      }),
    );
    await c.waitFor(() => c.messages().some((m) => m.type === 'result' && m.id === 0));
  }
  for (const frame of frames) c.write(frame);
  c.socket.end();
  try {
    await c.ended(END_WITHIN_MS);
  } catch {
    throw new Error(`seed ${SEED}, connection ${n}: still open ${END_WITHIN_MS} ms after the client left`);
  }
  return c;
}

let t: TestStudio;
beforeAll(async () => {
  t = await startTestStudio();
});
afterAll(async () => {
  await t.close();
});

describe('raw WebSocket frames, fuzzed', () => {
  it(`${CONNECTIONS * FRAMES_PER_CONNECTION} mutated frames: no crash, no hang, still serving`, async () => {
    const r = seededRandom(SEED);
    const started = Date.now();
    const ended: RawClient[] = [];
    for (let n = 0; n < CONNECTIONS; n += AT_ONCE) {
      const plans = Array.from({ length: Math.min(AT_ONCE, CONNECTIONS - n) }, (_, i) => planConnection(t, r, n + i));
      const batch = plans.map((plan) => fuzzConnection(t, plan));
      ended.push(...(await Promise.all(batch)));
    }
    expect(ended).toHaveLength(CONNECTIONS);
    // Clients with the token were answered before the fuzz; the others were refused.
    const answered = ended.filter((c) => c.messages().some((m) => m.type === 'result' && m.id === 0 && m.ok === true));
    expect(answered.length).toBeGreaterThan(CONNECTIONS / 2);
    const codes = new Set(ended.map((c) => c.closeCode()).filter((code) => code !== null));
    expect([...codes]).toEqual(expect.arrayContaining([1002, 1007, 1009, 4603]));
    // Every log line is one numbered problem naming its client.
    const logged = new Set(t.logs.map((line) => line.slice(0, 5)));
    expect([...logged]).toEqual(expect.arrayContaining(['DW603', 'DW610', 'DW611']));
    for (const line of t.logs)
      expect(line).toMatch(
        /^DW6(03|1[0-2]) .*\(client 127\.0\.0\.1:\d+\); (closed it with code \d{4}|answered \d{3}|dropped it)$/,
      );

    const client = studioClient(t.server.port, t.server.token);
    try {
      expect(await client.call('app.info', {})).toMatchObject({ name: 'Deepwire', transport: 'web' });
    } finally {
      client.close();
    }
    expect(Date.now() - started).toBeLessThan(50_000);
  });
});
