// The Electron build ships the data-parallel trainer's helper thread (electron.vite.config.ts) and it loads there.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../..');
// Inside the checkout (out/ is ignored) so the bundle resolves its external packages from node_modules.
const outDir = join(root, 'out', `test-bundle-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** Load a built entry in a worker thread: 'loaded' when it evaluates without error within a second. */
function load(file: string): Promise<string> {
  return new Promise((resolve) => {
    const w = new Worker(file);
    const timer = setTimeout(() => void w.terminate().then(() => resolve('loaded')), 1500);
    w.once('error', (e) => {
      clearTimeout(timer);
      resolve(e.message);
    });
  });
}

describe('Electron build', () => {
  it('bundles parallel-worker.js beside the engine worker, and both load (no duplicate `require` from the ESM shim)', async () => {
    const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    const r = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const main = join(outDir, 'main');
    expect(existsSync(join(main, 'parallel-worker.js'))).toBe(true);
    expect(await load(join(main, 'parallel-worker.js'))).toBe('loaded');
    expect(await load(join(main, 'engine-worker.js'))).toBe('loaded');
  }, 150_000);
});
