/** sweep.* through the real studio (web transport's handlers): trials in real engine workers, real project files. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import { readProjectFile } from '../../../../src/main/services/project-files.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import type { EventPayload } from '../../../../src/shared/api/index.js';
import { graphRevision } from '../../../../src/shared/project/index.js';
import { mnistCnnSubset } from '../../engine/sweep/mnist-subset.js';

let studio: Studio | null = null;
let dir: string | null = null;
afterEach(async () => {
  await studio?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  studio = null;
  dir = null;
});

async function setUp() {
  const made = await mnistCnnSubset(240);
  dir = made.dir;
  studio = createWebStudio({ roots: [made.dir], configDir: join(made.dir, 'config'), checkResponses: true });
  const events: EventPayload<'sweep.event'>[] = [];
  studio.onEvent((name, payload) => {
    if (name === 'sweep.event') events.push(payload as EventPayload<'sweep.event'>);
  });
  const { project } = await readProjectFile(made.project);
  return { s: studio, events, path: made.project, project };
}

const until = (events: EventPayload<'sweep.event'>[], ok: (e: EventPayload<'sweep.event'>) => boolean) =>
  expect.poll(() => events.some(ok), { timeout: 80_000, interval: 100 }).toBe(true);

describe('sweep.* (Sweep panel)', () => {
  it('runs trials live: events carry the snapshot and each trial its run record (also in the file); pause, resume, stop keeps finished trials; promote hands over the best', async () => {
    const { s, events, path, project } = await setUp();
    await expect(s.call('sweep.promote', {})).rejects.toThrow(/DW548/);
    await expect(s.call('sweep.pause', {})).rejects.toThrow(/DW548/);
    await expect(
      s.call('sweep.start', { project, projectPath: path, options: { params: ['lstm.units=8'] } }),
    ).rejects.toThrow(/DW821.*lstm.units/);
    const first = await s.call('sweep.start', {
      project,
      projectPath: path,
      options: { params: ['dense.units=16,32,64'], search: 'grid', budgetEpochs: 1 },
    });
    expect(first).toMatchObject({
      state: 'running',
      plannedTrials: 3,
      paramPaths: ['dense.units'],
      metric: 'val_loss',
    });
    await expect(
      s.call('sweep.start', { project, projectPath: path, options: { params: ['dense.units=8'] } }),
    ).rejects.toThrow(/DW547/);

    await until(events, (e) => e.event.type === 'trial-progress');
    expect((await s.call('sweep.pause', {})).state).toBe('paused');
    expect((await s.call('sweep.resume', {})).state).toBe('running');
    await until(events, (e) => e.event.type === 'trial-finished');
    expect((await s.call('sweep.stop', {})).state).toBe('stopping');
    await until(events, (e) => e.event.type === 'state' && e.event.state === 'stopped');

    const snap = events.at(-1)!.snapshot;
    expect(snap.trials[0]).toMatchObject({
      trial: 1,
      state: 'completed',
      epochsCompleted: 1,
      params: { 'dense.units': 16 },
    });
    expect(snap.trials.length).toBeLessThan(3);
    expect(snap.trials.slice(1).every((t) => t.state === 'stopped')).toBe(true);
    const finished = events.filter((e) => e.event.type === 'trial-finished');
    expect(finished.map((e) => e.run?.sweep?.trial)).toEqual(snap.trials.map((t) => t.trial));
    expect((await readProjectFile(path)).project.runs.map((r) => r.id)).toEqual(snap.trials.map((t) => t.runId));

    const best = await s.call('sweep.promote', {});
    expect(best.trial).toBe(1);
    expect(best.graph.nodes.find((n) => n.id === 'dense')!.params).toMatchObject({ units: 16 });
    expect(best.weights.graphRevision).toBe(graphRevision(best.graph));
    expect(await s.call('sweep.status', {})).toMatchObject({ state: 'stopped', sweepId: first.sweepId });
  }, 90_000);
});
