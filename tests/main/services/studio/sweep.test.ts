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
  it('runs a sweep to its end: every event carries the snapshot, each finished trial its run record (also in the file); promote hands over the best', async () => {
    const { s, events, path, project } = await setUp();
    await expect(s.call('sweep.promote', {})).rejects.toThrow(/DW548/);
    const first = await s.call('sweep.start', {
      project,
      projectPath: path,
      options: { params: ['dense.units=16,32'], search: 'grid', budgetEpochs: 1 },
    });
    expect(first).toMatchObject({
      state: 'running',
      plannedTrials: 2,
      paramPaths: ['dense.units'],
      metric: 'val_loss',
    });
    await expect(
      s.call('sweep.start', { project, projectPath: path, options: { params: ['dense.units=8'] } }),
    ).rejects.toThrow(/DW547/);
    await until(events, (e) => e.event.type === 'state' && e.event.state === 'finished');

    const finished = events.filter((e) => e.event.type === 'trial-finished');
    expect(finished.map((e) => e.run?.sweep?.params)).toEqual([{ 'dense.units': 16 }, { 'dense.units': 32 }]);
    const last = events.at(-1)!.snapshot;
    expect(last.trials.map((t) => t.state)).toEqual(['completed', 'completed']);
    expect(last.best).not.toBeNull();
    expect((await readProjectFile(path)).project.runs.map((r) => r.id)).toEqual(last.trials.map((t) => t.runId));

    const best = await s.call('sweep.promote', {});
    expect(best.trial).toBe(last.best);
    expect(best.graph.nodes.find((n) => n.id === 'dense')!.params).toMatchObject({
      units: last.trials[last.best! - 1].params['dense.units'],
    });
    expect(best.weights.graphRevision).toBe(graphRevision(best.graph));
    expect(await s.call('sweep.status', {})).toMatchObject({ state: 'finished', sweepId: first.sweepId });
  }, 90_000);

  it('pause holds the trial, resume goes on, stop ends the sweep and keeps the finished trials; bad specs are numbered', async () => {
    const { s, events, project } = await setUp();
    await expect(s.call('sweep.pause', {})).rejects.toThrow(/DW548/);
    // Unsaved: dataset paths absolute, runs only in the events (for the document).
    const dataset = { ...project.dataset!, images: join(dir!, 'images.idx'), labels: join(dir!, 'labels.idx') };
    await expect(
      s.call('sweep.start', { project: { ...project, dataset }, options: { params: ['lstm.units=8'] } }),
    ).rejects.toThrow(/DW821.*lstm.units/);
    await s.call('sweep.start', {
      project: { ...project, dataset },
      options: { params: ['training.batchSize=16,32,64'], search: 'grid', budgetEpochs: 2 },
    });
    await until(events, (e) => e.event.type === 'trial-progress');
    expect((await s.call('sweep.pause', {})).state).toBe('paused');
    expect((await s.call('sweep.resume', {})).state).toBe('running');
    await until(events, (e) => e.event.type === 'trial-finished');
    expect((await s.call('sweep.stop', {})).state).toBe('stopping');
    await until(events, (e) => e.event.type === 'state' && e.event.state === 'stopped');
    const snap = events.at(-1)!.snapshot;
    expect(snap.trials[0]).toMatchObject({ trial: 1, state: 'completed', epochsCompleted: 2 });
    expect(snap.trials.length).toBeLessThan(3);
    expect(snap.trials.slice(1).every((t) => t.state === 'stopped')).toBe(true);
    expect(events.filter((e) => e.run).length).toBe(snap.trials.length);
  }, 90_000);
});
