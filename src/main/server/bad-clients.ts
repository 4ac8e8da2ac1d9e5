/**
 * Bad clients are closed and logged, never thrown: an 'error' nobody listens
 * to would kill `deepwire serve` for everyone (issue #17). Each connection
 * gets at most one log line naming the numbered problem, the peer and how it
 * was closed.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ERRORS, type ErrorCode } from '../../shared/errors.js';

/** Where the server's log lines go (stderr unless a test captures them). */
export type ServerLog = (line: string) => void;

export const stderrLog: ServerLog = (line) => {
  process.stderr.write(line + '\n');
};

/** `127.0.0.1:5555` or `[::1]:5555`: the client as the log names it. */
export function peerOf(socket: { remoteAddress?: string; remotePort?: number }): string {
  const address = socket.remoteAddress ?? 'unknown';
  return `${address.includes(':') ? `[${address}]` : address}:${socket.remotePort ?? '?'}`;
}

/** The close code `ws` sends after each of its documented receiver errors. */
export function closeCodeOf(error: Error & { code?: string }): number {
  switch (error.code) {
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
    case 'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH':
      return 1009;
    case 'WS_ERR_INVALID_UTF8':
      return 1007;
    case 'WS_ERR_TOO_MANY_BUFFERED_PARTS':
      return 1008;
    default:
      return 1002;
  }
}

export interface ClientLog {
  /** Log one line for this connection; later problems on the same socket are the same client's and stay quiet. */
  report(socket: object, code: ErrorCode, peer: string, message: string, outcome: string): void;
  /** Catch a raw socket's errors: the socket destroyed, logged once unless the client simply went away. */
  guard(socket: Duplex, peer: string): void;
  /** Answer an HTTP status with the numbered problem as its body, then close. */
  answer(socket: Duplex, status: number, code: ErrorCode, peer: string, message: string): void;
}

export function createClientLog(log: ServerLog): ClientLog {
  const reported = new WeakSet<object>();
  const report: ClientLog['report'] = (socket, code, peer, message, outcome) => {
    if (reported.has(socket)) return;
    reported.add(socket);
    log(`${code} ${ERRORS[code].title}: ${message} (client ${peer}); ${outcome}`);
  };
  return {
    report,
    guard(socket, peer) {
      socket.on('error', (error: NodeJS.ErrnoException) => {
        // A page closed or reloaded mid-exchange just left: only other failures are worth a line.
        if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
          report(socket, 'DW610', peer, `the connection failed: ${error.message}`, 'dropped it');
        }
        socket.destroy();
      });
    },
    answer(socket, status, code, peer, message) {
      report(socket, code, peer, message, `answered ${status}`);
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const body = `${code} ${ERRORS[code].title}: ${message}\n`;
      socket.once('finish', () => socket.destroy());
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\n` +
          `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    },
  };
}
