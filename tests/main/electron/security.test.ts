import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../../src/main/electron/guard.js';
import {
  appContentSecurityPolicy,
  appOrigins,
  isExternalLinkAllowed,
  isNavigationAllowed,
  isPermissionGranted,
  secureWebPreferences,
} from '../../../src/main/electron/security.js';

describe("the window's security settings", () => {
  it('isolates and sandboxes the page, without Node', () => {
    const p = secureWebPreferences('/app/out/preload/index.cjs');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(p.preload).toBe('/app/out/preload/index.cjs');
  });

  it('has a strict CSP: own scripts only, no eval, no remote content, no plugins', () => {
    const csp = appContentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    // Only the development build may reach the dev server.
    expect(appContentSecurityPolicy('http://localhost:5173')).toContain('ws://localhost:5173');
    expect(appOrigins()).toEqual([APP_ORIGIN]);
  });

  it('denies navigation away from the page and remote links other than https', () => {
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, 'https://evil.example/')).toBe(false);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/other.html`)).toBe(false);
    expect(isNavigationAllowed(`${APP_ORIGIN}/index.html`, 'file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('https://keras.io/api/layers/')).toBe(true);
    expect(isExternalLinkAllowed('http://example.com')).toBe(false);
    expect(isExternalLinkAllowed('file:///bin/sh')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
  });

  it('denies permission requests (only sanitized clipboard writes from the app page pass)', () => {
    const origins = appOrigins();
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
    ]) {
      expect(isPermissionGranted(p, `${APP_ORIGIN}/index.html`, origins)).toBe(false);
    }
    expect(isPermissionGranted('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`, origins)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/', origins)).toBe(false);
  });
});
