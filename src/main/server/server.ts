/**
 * The web studio: one HTTP server on loopback (by default) that serves the
 * built renderer and the studio contract over a WebSocket at /api, both
 * behind a random token, like Jupyter.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TOKEN_PARAM, WS_PATH } from '../../shared/api/wire.js';
import { formatProblem, type Problem } from '../../shared/errors.js';
import type { Studio } from '../services/studio/studio.js';
import {
  LOOPBACK_HOSTS,
  checkRequest,
  isLoopback,
  newToken,
  presentedToken,
  tokenCookieName,
  urlHost,
  type AuthConfig,
} from './auth.js';
import { createClientLog, peerOf, stderrLog, type ServerLog } from './bad-clients.js';
import { createStudioSocket } from './socket.js';
import { BASE_HEADERS, contentSecurityPolicy, serveStatic } from './static.js';

export interface StudioServerOptions {
  studio: Studio;
  /** The built renderer (out/web). */
  webRoot: string;
  /** 127.0.0.1 unless asked otherwise. */
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** A fixed token (tests); random otherwise. */
  token?: string;
  version?: string;
  /** One line per refused or broken client (default: stderr). */
  log?: ServerLog;
}

export interface StudioServer {
  /** The URL to open, token included. */
  url: string;
  port: number;
  host: string;
  token: string;
  /** True when bound to an address other machines can reach. */
  exposed: boolean;
  close(): Promise<void>;
}

function refuseHttp(res: ServerResponse, problem: Problem): void {
  res.writeHead(403, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(formatProblem(problem) + '\n');
}

export async function startStudioServer(options: StudioServerOptions): Promise<StudioServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const log = options.log ?? stderrLog;
  const clientLog = createClientLog(log);
  const socket = createStudioSocket(options.studio, options.version ?? '0.0.0', clientLog);
  const wildcard = host === '0.0.0.0' || host === '::';
  const auth: AuthConfig = {
    token,
    port: 0,
    hosts: [...new Set([...LOOPBACK_HOSTS, urlHost(host)])],
    anyHost: wildcard,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const refusal = checkRequest(url, req.headers, auth);
    if (refusal) return refuseHttp(res, refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...BASE_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const socketOrigin = `ws://${req.headers.host}`;
    const htmlHeaders: Record<string, string | string[]> = {
      'Content-Security-Policy': contentSecurityPolicy(socketOrigin),
    };
    if (presentedToken(url, req.headers, auth.port).fromQuery) {
      // Assets and reloads without the query still authenticate, through this cookie only.
      htmlHeaders['Set-Cookie'] = `${tokenCookieName(auth.port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    await serveStatic(options.webRoot, url.pathname, res, htmlHeaders, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, BASE_HEADERS);
      res.end(String((e as Error)?.message ?? e));
    });
  });
  // Unparsable HTTP: answer like Node would, but with a log line (a reset client is just gone).
  server.on('clientError', (error: NodeJS.ErrnoException, duplex: Socket) => {
    if (error.code === 'ECONNRESET' || !duplex.writable) {
      duplex.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    clientLog.answer(duplex, status, 'DW612', peerOf(duplex), error.message);
  });
  server.on('upgrade', (req, duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== WS_PATH) {
      const peer = peerOf(req.socket);
      clientLog.guard(duplex, peer);
      clientLog.answer(duplex, 404, 'DW612', peer, `no WebSocket at ${url.pathname} (it is at ${WS_PATH})`);
      return;
    }
    socket.upgrade(req, duplex, head, checkRequest(url, req.headers, auth));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      // Once listening, an error (a failed accept when out of file descriptors) is logged, never fatal.
      server.on('error', (error) =>
        log(formatProblem({ code: 'DW607', message: `the server: ${error.message}` }).split('\n')[0]),
      );
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  auth.port = port;
  const shownHost = isLoopback(host) ? '127.0.0.1' : urlHost(wildcard ? 'localhost' : host);
  return {
    url: `http://${shownHost}:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    host,
    token,
    exposed: !isLoopback(host),
    close: async () => {
      await socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
