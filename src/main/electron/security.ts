/**
 * Electron's security checklist as data and small pure functions, so each
 * setting is tested in Node: isolated, sandboxed window without Node; a strict
 * CSP on every page; no navigation, no new windows, no permissions, no
 * remote content.
 */
import type { WebPreferences } from 'electron';
import { APP_ORIGIN, originOf } from './guard.js';

/** The only preferences a Deepwire window is created with. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    // Middle-click would otherwise open links in new windows (denied anyway).
    disableBlinkFeatures: 'Auxclick',
  };
}

/** The app page's policy: its own scripts only, no network at all. */
export function appContentSecurityPolicy(devServer?: string): string {
  const self = devServer ? `'self' ${devServer}` : "'self'";
  const connect = devServer ? `${self} ${devServer.replace(/^http/, 'ws')}` : "'self'";
  return [
    `default-src ${self}`,
    `script-src ${self}`,
    // React Flow positions nodes with inline style attributes.
    `style-src ${self} 'unsafe-inline'`,
    `img-src ${self} data: blob:`,
    `font-src ${self}`,
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/** Origins the window may show (the app protocol; the dev server only in development). */
export function appOrigins(devServer?: string): string[] {
  const dev = devServer ? originOf(devServer) : null;
  return dev ? [APP_ORIGIN, dev] : [APP_ORIGIN];
}

/** In-app navigation is never needed: the app is one page. Reloads of the same page are fine. */
export function isNavigationAllowed(currentUrl: string, targetUrl: string): boolean {
  const a = originOf(currentUrl);
  return a !== null && a === originOf(targetUrl) && new URL(currentUrl).pathname === new URL(targetUrl).pathname;
}

/** Links the user clicks (docs, issues) open in the system browser, and only https ones. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Permission requests (camera, notifications, clipboard-read…) are denied;
 * the one exception is writing plain text to the clipboard from the app page
 * (copy of a model summary), which cannot read anything.
 */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  trustedOrigins: readonly string[],
): boolean {
  const origin = originOf(requestingUrl);
  return permission === 'clipboard-sanitized-write' && origin !== null && trustedOrigins.includes(origin);
}
