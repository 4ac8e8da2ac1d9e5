import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../../../src/main/services/engine/host.js';
import type { EnginePayload } from '../../../../src/shared/api/engine.js';
import { DeepwireError } from '../../../../src/shared/errors.js';

const crashing = new URL('./crashing-worker.ts', import.meta.url);
let dir: string;
let host: EngineHost;

const preview = (count: number): EnginePayload<'dataset.preview'> => ({
  config: { source: 'csv', path: join(dir, 'points.csv'), labelColumn: 'label', validationSplit: 0.25, seed: 1 },
  count,
  kind: 'classifier',
  cacheDir: join(dir, 'cache'),
});

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dw-engine-host-'));
  const rows = Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${i % 2 ? 'odd' : 'even'}`);
  writeFileSync(join(dir, 'points.csv'), ['x,y,label', ...rows].join('\n'));
  host = new EngineHost({ workerUrl: crashing });
});

afterAll(async () => {
  await host.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the engine host (issue #18)', () => {
  it('serves a preview from its long-lived worker, and the next one from the same worker', async () => {
    const first = await host.request('dataset.preview', preview(3));
    expect(first.samples).toHaveLength(3);
    expect(first.classes).toEqual(['even', 'odd']);
    const second = await host.request('dataset.preview', preview(5));
    expect(second.samples).toHaveLength(5);
    expect(host.starts('interactive')).toBe(1);
    expect(host.starts('jobs')).toBe(0);
  }, 120_000);

  it('a worker that exits fails every pending request with DW630, and the next request restarts it', async () => {
    const inFlight = host.request('dataset.preview', preview(12));
    const crash = host.request('dataset.preview', preview(13));
    const [a, b] = await Promise.all([failure(inFlight), failure(crash)]);
    for (const e of [a, b]) {
      expect(e.code).toBe('DW630');
      expect(e.message).toMatch(/dataset\.preview: the interactive engine worker exited \(code 7\)/);
    }
    const again = await host.request('dataset.preview', preview(4));
    expect(again.samples).toHaveLength(4);
    expect(host.starts('interactive')).toBe(2);
  }, 120_000);

  it('an uncaught exception in the worker is a crash too (DW630, the error named), then a restart', async () => {
    const e = await failure(host.request('dataset.preview', preview(14)));
    expect(e.code).toBe('DW630');
    expect(e.message).toMatch(/crashed: an engine bug nobody caught/);
    expect((await host.request('dataset.preview', preview(2))).samples).toHaveLength(2);
    expect(host.starts('interactive')).toBe(3);
  }, 120_000);

  it('a payload off the protocol is refused at the worker with DW632, and the worker serves on', async () => {
    const bad = { ...preview(2), count: 0 } as EnginePayload<'dataset.preview'>;
    const e = await failure(host.request('dataset.preview', bad));
    expect(e.code).toBe('DW632');
    expect(e.message).toMatch(/count/);
    expect((await host.request('dataset.preview', preview(2))).samples).toHaveLength(2);
    expect(host.starts('interactive')).toBe(3);
  }, 120_000);

  it('an answer off the protocol is refused at the host with DW632, naming what is wrong', async () => {
    const project = { kind: 'gan' as const, name: 'walk', graph: { nodes: [], edges: [] } };
    const e = await failure(host.request('inspect.interpolate', { project, steps: 99, label: 0 }));
    expect(e.code).toBe('DW632');
    expect(e.message).toMatch(/inspect\.interpolate answered steps: /);
  }, 120_000);

  it('a failure of the request itself keeps its own number (DW4xx for a missing file)', async () => {
    const missing = { ...preview(2), config: { ...preview(2).config, path: join(dir, 'missing.csv') } };
    const e = await failure(host.request('dataset.preview', missing as EnginePayload<'dataset.preview'>));
    expect(e.code).toMatch(/^DW4\d\d$/);
  }, 120_000);

  it('a long export holds only its own lane: a preview is answered meanwhile', async () => {
    await host.request('dataset.preview', preview(2)); // the interactive lane is warm
    const project = { kind: 'classifier' as const, name: 'busy', graph: { nodes: [], edges: [] } };
    // The jobs lane's worker started (and its modules loaded): a request it refuses at the boundary.
    const refused = host.request('export.run', { project, format: 'history', outDir: '', version: 'test' });
    expect((await failure(refused)).code).toBe('DW632');
    let exportSettled = false;
    const exported = host
      .request('export.run', { project, format: 'history', outDir: join(dir, 'busy'), version: 'test' })
      .then(
        () => 'answered',
        (e: Error) => e.message,
      )
      .finally(() => (exportSettled = true));
    // Once the jobs lane's thread is spinning, ask for a preview.
    await new Promise((r) => setTimeout(r, 1500));
    const p = await host.request('dataset.preview', preview(3));
    expect(p.samples).toHaveLength(3);
    // Answered while the export still spins: not queued behind it (no wall-clock bound, which load would break).
    expect(exportSettled).toBe(false);
    expect(await exported).toMatch(/the busy export ends here/);
    expect(host.starts('jobs')).toBe(1);
  }, 120_000);

  it('an inspection runs interactively with PCA and as a job with UMAP (seconds for thousands of points)', async () => {
    const routed = new EngineHost({ workerUrl: crashing });
    try {
      const project = { kind: 'classifier' as const, name: 'untrained', graph: { nodes: [], edges: [] } };
      const inspect = (method: 'pca' | 'umap') =>
        failure(
          routed.request('inspect.run', {
            project,
            subject: { sample: 0 },
            embedding: { samples: 4000, method },
            cacheDir: null,
          }),
        );
      await inspect('umap'); // refused (nothing to inspect): what matters is which worker answered
      expect([routed.starts('interactive'), routed.starts('jobs')]).toEqual([0, 1]);
      await inspect('pca');
      expect([routed.starts('interactive'), routed.starts('jobs')]).toEqual([1, 1]);
    } finally {
      await routed.dispose();
    }
  }, 120_000);

  it('after dispose, pending and new requests fail with DW631', async () => {
    const other = new EngineHost({ workerUrl: crashing });
    const pending = failure(other.request('dataset.preview', preview(12)));
    // Let the request reach the worker before the engine is shut down.
    await new Promise((r) => setTimeout(r, 200));
    await other.dispose();
    expect((await pending).code).toBe('DW631');
    expect((await failure(other.request('dataset.preview', preview(2)))).code).toBe('DW631');
  }, 120_000);
});
