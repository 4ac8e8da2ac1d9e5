import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importGraph } from './import-graph.js';

const src = (p: string) => fileURLToPath(new URL(`../../../../src/${p}`, import.meta.url));
const tfjsPackages = (entries: string[]) =>
  [...importGraph(entries).packages.entries()].filter(([name]) => name.startsWith('@tensorflow/'));

describe('the studio process never loads TF.js (issue #18)', () => {
  it('no module the desktop app, `deepwire serve` or the studio loads — statically or on demand — imports @tensorflow/*', () => {
    const studio = [
      'main/index.ts',
      'main/electron/app.ts',
      'main/cli/serve.ts',
      'main/server/web-studio.ts',
      'main/services/studio/studio.ts',
      'main/services/studio/default-ports.ts',
    ].map(src);
    const found = tfjsPackages(studio).map(([name, file]) => `${name} (imported by ${file})`);
    expect(found).toEqual([]);
  });

  it('the engine worker it starts does load TF.js (the walk sees it where it is)', () => {
    const names = tfjsPackages([src('main/services/engine/worker.ts')]).map(([name]) => name);
    expect(names).toContain('@tensorflow/tfjs');
  });

  it('a studio process that exports a model and previews a dataset holds no TF.js engine of its own', () => {
    const script = fileURLToPath(new URL('./studio-process.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { files: number; samples: number; tfjs: boolean };
    // The work was done (by the engine workers)…
    expect(report.files).toBe(2);
    expect(report.samples).toBe(2);
    // …and none of it by TF.js in the studio's own thread.
    expect(report.tfjs).toBe(false);
  }, 150_000);
});
