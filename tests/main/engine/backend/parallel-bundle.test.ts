// The Electron build ships the data-parallel trainer's helper thread and the engine worker (electron.vite.config.ts), and they load there.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../../src/main/services/engine/host.js';

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
  it('bundles parallel-worker.js and engine-service.js beside the training worker, and all load (no duplicate `require` from the ESM shim)', async () => {
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
    // The long-lived engine worker (issue #18) is bundled too and serves requests from the build.
    expect(existsSync(join(main, 'engine-service.js'))).toBe(true);
    const csv = join(outDir, 'points.csv');
    writeFileSync(csv, ['x,label', ...Array.from({ length: 20 }, (_, i) => `${i},${i % 2 ? 'b' : 'a'}`)].join('\n'));
    const host = new EngineHost({ workerUrl: pathToFileURL(join(main, 'engine-service.js')) });
    try {
      const config = { source: 'csv' as const, path: csv, labelColumn: 'label', validationSplit: 0.2, seed: 1 };
      const preview = await host.request('dataset.preview', { config, count: 2, kind: 'classifier', cacheDir: outDir });
      expect(preview.classes).toEqual(['a', 'b']);
    } finally {
      await host.dispose();
    }
  }, 150_000);
});
