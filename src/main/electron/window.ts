/**
 * The app page and its window: served from the privileged `app://deepwire`
 * protocol (files of out/renderer only, every response with the CSP), shown
 * in a sandboxed, isolated window that cannot navigate, open windows or get
 * permissions.
 */
import { BrowserWindow, net, protocol, session, shell } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './guard.js';
import {
  appContentSecurityPolicy,
  appOrigins,
  isExternalLinkAllowed,
  isNavigationAllowed,
  isPermissionGranted,
  secureWebPreferences,
} from './security.js';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serve out/renderer on app://deepwire/, nothing outside it, always with the CSP. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    const path = normalize(join(root, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!path.startsWith(root + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    if (extname(path) === '.html') headers.set('Content-Security-Policy', appContentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Deny every permission, except sanitized clipboard writes from the app page. */
export function lockDownSession(devServer?: string): void {
  const origins = appOrigins(devServer);
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((wc, permission, callback) =>
    callback(isPermissionGranted(permission, wc.getURL(), origins)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, origins),
  );
  if (devServer) {
    // The dev server's pages get the same CSP as the built ones.
    ses.webRequest.onHeadersReceived((details, callback) => {
      const headers = { ...details.responseHeaders, 'Content-Security-Policy': [appContentSecurityPolicy(devServer)] };
      callback({ responseHeaders: headers });
    });
  }
}

export interface WindowOptions {
  preload: string;
  /** The dev server URL (electron-vite dev), else the app protocol. */
  devServer?: string;
  bounds?: { width: number; height: number; x?: number; y?: number };
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  // The scanner cannot follow secureWebPreferences() (isolation, sandbox, no Node, Auxclick off: tests/main/electron).
  // The scanner reads its suppression from the constructor's own line: the formatter must leave it there.
  // prettier-ignore
  const win = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK NODE_INTEGRATION_JS_CHECK REMOTE_MODULE_JS_CHECK AUXCLICK_JS_CHECK
    width: options.bounds?.width ?? 1400,
    height: options.bounds?.height ?? 900,
    x: options.bounds?.x,
    y: options.bounds?.y,
    minWidth: 800,
    minHeight: 560,
    title: 'Deepwire',
    show: false,
    backgroundColor: '#1e1e1e',
    webPreferences: secureWebPreferences(options.preload),
  });
  const wc = win.webContents;
  wc.setWindowOpenHandler(({ url }) => {
    // Only https links reach the system browser (isExternalLinkAllowed, tested).
    if (isExternalLinkAllowed(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
    return { action: 'deny' };
  });
  wc.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(wc.getURL(), url)) event.preventDefault();
  });
  wc.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(wc.getURL(), url)) event.preventDefault();
  });
  wc.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(options.devServer ?? `${APP_ORIGIN}/index.html`);
  return win;
}
