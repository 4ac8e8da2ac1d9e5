/**
 * Serving the built renderer (out/web): files under the web root only, the
 * index page for client-side routes, a strict Content-Security-Policy on HTML
 * and no caching of the page that carries the token.
 */
import { promises as fs } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page may load only its own scripts and talk only to its own server. */
export function contentSecurityPolicy(socketOrigin: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React Flow positions nodes with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${socketOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every response carries; the token in the URL must never leak in a Referer. */
export const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Deepwire — renderer not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The studio page is not built yet</h1>
<p>The server is running, but the renderer has not been built into <code>out/web</code>.</p>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it), then reload this page.</p>
</body></html>
`;

/** A path under `root` for a URL path, or null when it would leave the root. */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const full = normalize(join(root, decoded));
  return full === root || full.startsWith(root.endsWith(sep) ? root : root + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  return fs.stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/** Serve one GET/HEAD from the web root; `extraHeaders` go on HTML (CSP, cookie). */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  htmlHeaders: Record<string, string | string[]>,
  head = false,
): Promise<void> {
  const index = join(root, 'index.html');
  let file = resolveUnder(root, urlPath === '/' ? '/index.html' : urlPath);
  if (file === null) {
    res.writeHead(400, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('bad path');
    return;
  }
  if (!(await isFile(file))) {
    // A client-side route gets the page; a missing asset is a 404.
    if (extname(file) !== '' && extname(file) !== '.html') {
      res.writeHead(404, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    file = index;
  }
  const isHtml = extname(file) === '.html';
  if (isHtml && !(await isFile(file))) {
    res.writeHead(200, { ...BASE_HEADERS, ...htmlHeaders, 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
    res.end(head ? undefined : NOT_BUILT_PAGE);
    return;
  }
  const body = await fs.readFile(file);
  const headers: Record<string, string | string[]> = {
    ...BASE_HEADERS,
    'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
    'Content-Length': String(body.length),
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  };
  res.writeHead(200, isHtml ? { ...headers, ...htmlHeaders } : headers);
  res.end(head ? undefined : body);
}
