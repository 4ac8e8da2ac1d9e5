/**
 * Who may talk to the web studio: a request must carry the token (URL query
 * or the HttpOnly cookie set from it), name one of our own hosts (against
 * DNS rebinding) and, when the browser sends an Origin, come from our origin.
 * Plain functions over headers, so they are tested without a socket.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { TOKEN_PARAM } from '../../shared/api/wire.js';
import type { Problem } from '../../shared/errors.js';

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** Cookies ignore ports, so each server's cookie carries its port in the name. */
export function tokenCookieName(port: number): string {
  return `deepwire-token-${port}`;
}

export interface AuthConfig {
  token: string;
  port: number;
  /** The host names this server answers to (loopback names, plus the bound host). */
  hosts: string[];
  /** Bound to all interfaces: any Host name, but the Origin must still match it. */
  anyHost?: boolean;
}

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]' || host.startsWith('127.');
}

/** `::1` is written `[::1]` in URLs and Host headers. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

export function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The token a request presents: `?token=` wins over the cookie. */
export function presentedToken(
  url: URL,
  headers: IncomingHttpHeaders,
  port: number,
): { token: string | null; fromQuery: boolean } {
  const fromQuery = url.searchParams.get(TOKEN_PARAM);
  if (fromQuery) return { token: fromQuery, fromQuery: true };
  return { token: cookieValue(headers.cookie, tokenCookieName(port)), fromQuery: false };
}

/** Null when the request may proceed, else why not (DW603). */
export function checkRequest(url: URL, headers: IncomingHttpHeaders, config: AuthConfig): Problem | null {
  const host = (headers.host ?? '').toLowerCase();
  const allowed =
    config.anyHost && host.endsWith(`:${config.port}`)
      ? [host]
      : config.hosts.map((h) => `${urlHost(h)}:${config.port}`);
  if (!allowed.includes(host)) return { code: 'DW603', message: `unexpected Host header '${host}'`, where: 'Host' };
  const origin = headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return { code: 'DW603', message: `requests from ${origin} are refused`, where: 'Origin' };
  }
  const { token } = presentedToken(url, headers, config.port);
  if (!sameToken(token, config.token)) {
    return {
      code: 'DW603',
      message: token ? 'the token is wrong (the server was restarted?)' : 'the token is missing',
      where: 'token',
    };
  }
  return null;
}
