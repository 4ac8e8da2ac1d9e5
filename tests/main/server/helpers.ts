/** A real web studio on a free port, in temp folders, and real `ws` clients. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createWsClient, type SocketLike } from '../../../src/shared/api/ws-client.js';
import type { StudioClient } from '../../../src/shared/api/client.js';
import { startStudioServer, type StudioServer } from '../../../src/main/server/server.js';
import { createWebStudio, type WebStudioOptions } from '../../../src/main/server/web-studio.js';

export interface TestStudio {
  server: StudioServer;
  dir: string;
  root: string;
  web: string;
  origin: string;
  /** The server's log lines (refused and broken clients), kept off the test output. */
  logs: string[];
  close(): Promise<void>;
}

export async function startTestStudio(
  options: WebStudioOptions & { withWeb?: boolean; log?: (line: string) => void } = {},
): Promise<TestStudio> {
  const dir = mkdtempSync(join(tmpdir(), 'deepwire-server-'));
  const root = join(dir, 'projects');
  const web = join(dir, 'web');
  mkdirSync(root);
  if (options.withWeb !== false) {
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(
      join(web, 'index.html'),
      '<!doctype html><title>Deepwire</title><script type="module" src="./assets/app.js"></script>',
    );
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("studio")');
  }
  writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
  const logs: string[] = [];
  const { log = (line: string) => logs.push(line), ...studioOptions } = options;
  const studio = createWebStudio({
    roots: [root],
    configDir: join(dir, 'config'),
    checkResponses: true,
    ...studioOptions,
  });
  const server = await startStudioServer({ studio, webRoot: web, version: 'test', log });
  return {
    server,
    dir,
    root,
    web,
    origin: `http://127.0.0.1:${server.port}`,
    logs,
    async close() {
      await server.close();
      await studio.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw GET with full control of the headers (Host and Origin included). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export function socketUrl(port: number, token?: string): string {
  return `ws://127.0.0.1:${port}/api${token ? `?token=${token}` : ''}`;
}

/** Open a raw socket and collect every frame until it closes. */
export function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const frames: Record<string, unknown>[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(JSON.parse(data.toString()) as Record<string, unknown>);
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  /** The first frame (after `from`) matching `pred`. */
  const next = async (pred: (f: Record<string, unknown>) => boolean, from = 0): Promise<Record<string, unknown>> => {
    for (;;) {
      const hit = frames.slice(from).find(pred);
      if (hit) return hit;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return {
    ws,
    frames,
    opened,
    closed,
    next,
    send: (v: unknown) => ws.send(typeof v === 'string' ? v : JSON.stringify(v)),
  };
}

/** The renderer's own WebSocket client, over the `ws` package. */
export function studioClient(port: number, token: string, origin = `http://127.0.0.1:${port}`): StudioClient {
  return createWsClient(
    socketUrl(port, token),
    (url) => new WebSocket(url, { headers: { origin } }) as unknown as SocketLike,
    {
      minDelayMs: 50,
    },
  );
}
