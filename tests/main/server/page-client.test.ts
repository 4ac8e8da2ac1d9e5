/**
 * The page's side of issue #17: the studio page once killed the server by
 * sending a message over its size limit. The page's WebSocket client must
 * refuse such a call itself (DW611), and a connection the server closes with
 * a code must fail the calls in flight with that code, never leave them hanging.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { WS_MAX_MESSAGE_BYTES } from '../../../src/shared/api/wire.js';
import { utf8Length } from '../../../src/shared/api/ws-client.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { startTestStudio, studioClient, type TestStudio } from './helpers.js';

let t: TestStudio;
beforeAll(async () => {
  t = await startTestStudio();
});
afterAll(async () => {
  await t.close();
});

describe("the page's WebSocket client", () => {
  it('refuses a call over the size limit with DW611, sends nothing, and stays connected', async () => {
    const client = studioClient(t.server.port, t.server.token);
    try {
      await client.call('app.info', {});
      const huge = 'x'.repeat(WS_MAX_MESSAGE_BYTES);
      const error = await client.call('files.list', { path: huge }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DeepwireError);
      expect((error as DeepwireError).code).toBe('DW611');
      expect((error as DeepwireError).message).toMatch(/64\.0 MiB.*limit of 64 MiB/);
      expect((error as DeepwireError).where).toBe('files.list');
      expect(client.state).toBe('open');
      expect(await client.call('app.info', {})).toMatchObject({ name: 'Deepwire' });
      expect(t.logs).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('counts UTF-8 bytes, not characters, against the limit', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('😀')).toBe(4);
    expect(utf8Length('a€😀é')).toBe(Buffer.byteLength('a€😀é'));
  });
});

/** A scripted peer on loopback: says hello, then closes with `code` when the first call arrives. */
async function closingPeer(code: number) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(wss, 'listening');
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'hello', version: 'test' }));
    ws.on('message', () => ws.close(code, 'scripted'));
  });
  return { port: (wss.address() as AddressInfo).port, close: () => new Promise<void>((r) => wss.close(() => r())) };
}

describe('a connection closed with a code', () => {
  const cases: Array<[number, string, RegExp]> = [
    [1009, 'DW611', /code 1009: message too big/],
    [1002, 'DW606', /code 1002: protocol error/],
    [1011, 'DW606', /code 1011: server error/],
  ];
  for (const [code, dw, text] of cases) {
    it(`fails the call in flight with ${dw}, naming ${code}, and reconnects`, async () => {
      const peer = await closingPeer(code);
      const client = studioClient(peer.port, 'any');
      try {
        const started = Date.now();
        const error = await client.call('app.info', {}).catch((e: unknown) => e);
        expect(Date.now() - started).toBeLessThan(2000);
        expect((error as DeepwireError).code).toBe(dw);
        expect((error as DeepwireError).message).toMatch(text);
        expect(client.state).toBe('connecting');
      } finally {
        client.close();
        await peer.close();
      }
    });
  }
});
