import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { HostMessage, TrainingEvent } from '../../../../src/shared/training/protocol.js';
import { serveEngine } from '../../../../src/main/engine/worker.js';
import { mlp } from '../helpers/graph.js';
import { request } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the engine worker host over an in-memory port', () => {
  it('pauses between batches, resumes, and stops with a final report', async () => {
    const { port1: host, port2: engine } = new MessageChannel();
    const events: TrainingEvent[] = [];
    const send = (m: HostMessage) => host.postMessage(m);
    const served = serveEngine(engine);
    let pausedAt = -1;
    const finished = new Promise<void>((resolve) => {
      host.on('message', (e: TrainingEvent) => {
        events.push(e);
        if (e.type === 'batch' && events.filter((x) => x.type === 'batch').length === 1) send({ type: 'pause' });
        if (e.type === 'paused') pausedAt = events.length;
        if (e.type === 'done' || e.type === 'error') resolve();
      });
    });
    send({
      type: 'start',
      request: request({
        graph: mlp(32),
        dataset: { source: 'mnist' },
        training: { epochs: 3 },
        overrides: { limit: 3000 },
      }),
    });

    while (pausedAt < 0) await sleep(5);
    await sleep(300);
    // Nothing trains while paused.
    expect(events.length).toBe(pausedAt);
    const paused = events[pausedAt - 1];
    expect(paused).toMatchObject({ type: 'paused', epoch: 1 });
    send({ type: 'resume' });
    while (!events.some((e) => e.type === 'epoch')) await sleep(5);
    send({ type: 'stop' });
    await finished;
    await served;
    host.close();

    const types = events.map((e) => e.type);
    expect(types.indexOf('resumed')).toBe(pausedAt);
    expect(types).toContain('evaluation');
    const end = events.at(-1)!;
    expect(end).toMatchObject({ type: 'done', reason: 'stopped' });
    if (end.type !== 'done') throw new Error('unreachable');
    expect(end.epochsCompleted).toBeGreaterThanOrEqual(1);
    expect(end.epochsCompleted).toBeLessThan(3);
    expect(end.weights).not.toBeNull();
  });

  it('ignores malformed messages and a second start', async () => {
    const { port1: host, port2: engine } = new MessageChannel();
    const events: TrainingEvent[] = [];
    host.on('message', (e: TrainingEvent) => events.push(e));
    const served = serveEngine(engine);
    host.postMessage({ type: 'explode' });
    const r = request({ graph: mlp(8), dataset: { source: 'mnist' }, overrides: { limit: 64 } });
    host.postMessage({ type: 'start', request: r });
    host.postMessage({ type: 'start', request: r });
    await served;
    await sleep(20);
    host.close();
    const logs = events.filter((e) => e.type === 'log' && e.level === 'warning');
    expect(logs).toHaveLength(2);
    expect(events.filter((e) => e.type === 'done')).toHaveLength(1);
  });
});
