import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import type { TrainingEvent } from '../../../src/shared/training/protocol.js';
import { TrainingSupervisor, type RunStatus } from '../../../src/main/services/training-supervisor.js';
import { mlp } from '../engine/helpers/graph.js';
import { request } from '../engine/train/helpers.js';
import { tempDir } from '../../fixtures/datasets/make.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real worker module written to disk: `body` runs when the start message arrives. */
function workerScript(body: string): URL {
  const file = join(tempDir('dw-worker-'), 'worker.mjs');
  writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads';\nparentPort.on('message', (m) => { if (m.type === 'start') { ${body} } });\n`,
  );
  return pathToFileURL(file);
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof DeepwireError) return e.code;
    throw e;
  }
  return 'none';
}

describe('the training supervisor', () => {
  it('runs the engine in a TypeScript worker thread and forwards its events; one run at a time', async () => {
    const s = new TrainingSupervisor();
    const events: TrainingEvent[] = [];
    const statuses: RunStatus['state'][] = [];
    s.onEvent((runId, e) => {
      expect(runId).toBe('test-run');
      events.push(e);
      statuses.push(s.status().state);
    });
    expect(code(() => s.pause())).toBe('DW506');
    const { finished } = s.start(request({ graph: mlp(16), dataset: { source: 'mnist' }, overrides: { limit: 500 } }));
    expect(s.status()).toEqual({ state: 'starting', runId: 'test-run' });
    expect(code(() => s.start(request({ graph: mlp(16), dataset: { source: 'mnist' } })))).toBe('DW505');
    const end = await finished;
    expect(end.type).toBe('done');
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['started', 'batch', 'epoch', 'evaluation', 'done']),
    );
    expect(statuses[events.findIndex((e) => e.type === 'epoch')]).toBe('running');
    expect(s.status()).toEqual({ state: 'idle', runId: 'test-run' });
    expect(s.backend()?.chosen).toBe('wasm');
    expect(code(() => s.stop())).toBe('DW506');
    await s.dispose();
  });

  it('pauses, resumes and stops a real run', async () => {
    const s = new TrainingSupervisor();
    const events: TrainingEvent[] = [];
    s.onEvent((_id, e) => {
      events.push(e);
      if (e.type === 'batch' && events.filter((x) => x.type === 'batch').length === 1) s.pause();
    });
    const { finished } = s.start(
      request({ graph: mlp(32), dataset: { source: 'mnist' }, training: { epochs: 5 }, overrides: { limit: 3000 } }),
    );
    while (s.status().state !== 'paused') await sleep(5);
    const count = events.length;
    await sleep(200);
    expect(events.length).toBe(count);
    s.resume();
    while (!events.some((e) => e.type === 'resumed')) await sleep(5);
    expect(s.status().state).toBe('running');
    s.stop();
    expect(s.status().state).toBe('stopping');
    const end = await finished;
    expect(end).toMatchObject({ type: 'done', reason: 'stopped' });
    await s.dispose();
  });

  it('reports a worker that exits mid-run as DW502, never a hang', async () => {
    const s = new TrainingSupervisor({
      workerUrl: workerScript(
        "parentPort.postMessage({ type: 'log', level: 'info', message: 'about to die' }); setTimeout(() => process.exit(3), 20);",
      ),
    });
    const events: TrainingEvent[] = [];
    s.onEvent((_id, e) => events.push(e));
    const end = await s.start(request({ graph: mlp(8), dataset: { source: 'mnist' } })).finished;
    expect(end).toMatchObject({ type: 'error', code: 'DW502' });
    if (end.type !== 'error') throw new Error('unreachable');
    expect(end.message).toContain('exited (code 3)');
    expect(events.map((e) => e.type)).toEqual(['log', 'error']);
    expect(s.status().state).toBe('idle');
  });

  it('reports a worker that throws outside the training loop as DW502 with the message', async () => {
    const s = new TrainingSupervisor({ workerUrl: workerScript("throw new Error('kaboom outside the loop');") });
    const end = await s.start(request({ graph: mlp(8), dataset: { source: 'mnist' } })).finished;
    expect(end).toMatchObject({ type: 'error', code: 'DW502' });
    if (end.type !== 'error') throw new Error('unreachable');
    expect(end.message).toContain('kaboom outside the loop');
  });

  it('reports the real engine running out of memory as DW502', async () => {
    const s = new TrainingSupervisor({ resourceLimits: { maxOldGenerationSizeMb: 24 } });
    const end = await s.start(request({ graph: mlp(8), dataset: { source: 'mnist' } })).finished;
    expect(end).toMatchObject({ type: 'error', code: 'DW502' });
    if (end.type !== 'error') throw new Error('unreachable');
    expect(end.message).toContain('out of memory');
  });

  it('terminates a run that does not stop in time', async () => {
    const s = new TrainingSupervisor({ workerUrl: workerScript('setInterval(() => {}, 1000);'), stopTimeoutMs: 200 });
    const { finished } = s.start(request({ graph: mlp(8), dataset: { source: 'mnist' } }));
    await sleep(50);
    s.stop();
    const end = await finished;
    expect(end).toMatchObject({ type: 'error', code: 'DW502' });
    if (end.type !== 'error') throw new Error('unreachable');
    expect(end.message).toContain('did not stop within 0.2 s');
  });
});
