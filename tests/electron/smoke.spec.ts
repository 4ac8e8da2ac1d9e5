/**
 * Opens the desktop app with Playwright's Electron driver on a project given
 * on the command line, and checks the window: secure preferences, the page on
 * app://deepwire, the bridge limited to the contract, the project opened.
 * Where Electron's binary is not installed this reports itself skipped, saying
 * why (the one allowed skip).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
// @ts-expect-error plain JS helper shared with `npm start`
import { electronBinary } from '../../scripts/start.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const binary = electronBinary(root) as { path: string | null; reason: string | null };

test('the desktop window opens a project from the command line, locked down, and saves it', async () => {
  test.skip(!binary.path, `Electron's binary is not installed here: ${binary.reason}`);
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    expect(spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' }).status).toBe(0);
  }
  const work = mkdtempSync(join(tmpdir(), 'deepwire-electron-'));
  const example = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');
  const project = join(work, 'smoke.deepwire');
  if (existsSync(example)) copyFileSync(example, project);

  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    // Chromium refuses to run as root with its OS sandbox (CI containers); the page's sandbox setting is checked below.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root, ...(existsSync(project) ? [project] : [])],
    env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(work, 'config') },
  });
  try {
    const window = await app.firstWindow();
    await window.waitForLoadState('domcontentloaded');
    expect(window.url()).toBe('app://deepwire/index.html');
    await expect(window).toHaveTitle(/Deepwire/);

    // The page has the contract bridge and nothing of Node or Electron.
    const page = await window.evaluate(() => ({
      bridge: Object.keys((window as unknown as { deepwire: object }).deepwire).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(page.bridge).toEqual(['call', 'commands', 'events', 'on']);
    expect(page.require).toBe('undefined');
    expect(page.process).toBe('undefined');

    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0].webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown> | null;
      };
      const p = wc.getLastWebPreferences();
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        webSecurity: p?.webSecurity,
      };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });

    const info = await window.evaluate(() =>
      (window as unknown as { deepwire: { call(c: string, r: unknown): Promise<unknown> } }).deepwire.call(
        'app.info',
        {},
      ),
    );
    expect(info).toMatchObject({ ok: true, response: { transport: 'electron', nativeDialogs: true } });

    if (existsSync(project)) {
      await expect(window).toHaveTitle(/smoke|MNIST|CNN/i, { timeout: 15_000 });
      // The file named on the command line is permitted: open it and save it back through the bridge.
      const before = statSync(project).mtimeMs;
      const saved = await window.evaluate(async (path) => {
        const api = (
          window as unknown as {
            deepwire: { call(c: string, r: unknown): Promise<{ ok: boolean; response?: unknown }> };
          }
        ).deepwire;
        const opened = (await api.call('project.open', { path })) as { ok: boolean; response: { project: unknown } };
        return api.call('project.save', { path, project: opened.response.project });
      }, project);
      expect(saved).toMatchObject({ ok: true, response: { path: project } });
      expect(statSync(project).mtimeMs).toBeGreaterThan(before);
      expect(JSON.parse(readFileSync(project, 'utf8'))).toMatchObject({ format: 'deepwire-project' });
    }
    await window.screenshot({ path: join(root, 'test-results', 'electron', 'window.png') });
  } finally {
    await app.close();
  }
});
