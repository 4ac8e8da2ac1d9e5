import { describe, expect, it } from 'vitest';
import { graphRevision } from '../../../../src/shared/project/index.js';
import type { SweepEvent } from '../../../../src/shared/sweep/config.js';
import { readProjectFile } from '../../../../src/main/services/project-files.js';
import { inProcessRunner } from '../../../../src/main/engine/sweep/runner.js';
import { SweepSession } from '../../../../src/main/services/studio/sweep-session.js';
import { mnistCnnSubset } from './mnist-subset.js';

async function session(projectPath: string, options: ConstructorParameters<typeof SweepSession>[0]['options']) {
  const { project } = await readProjectFile(projectPath);
  const events: SweepEvent[] = [];
  // As `deepwire sweep` runs one trial at a time: in this process.
  const runner = (options.parallel ?? 1) > 1 ? undefined : inProcessRunner;
  const s = new SweepSession({
    projectPath,
    project,
    options,
    backend: 'auto',
    ...(runner ? { runner } : {}),
    onEvent: (e) => events.push(e),
  });
  return { s, events, project };
}

describe('sweep on the MNIST CNN (real training)', () => {
  it('6 trials finish and are recorded as runs with the sweep id and their params; ASHA stops the hopeless ones at rung 1; the best is promoted atomically', async () => {
    const { project: path } = await mnistCnnSubset(300);
    const {
      s,
      events,
      project: before,
    } = await session(path, {
      params: ['training.learningRate=0.003,0.000001', 'dense.units=16,32,64'],
      search: 'grid',
      trials: 6,
      budgetEpochs: 2,
      limit: 200,
    });
    const snap = await s.run();
    expect(snap.state).toBe('finished');
    expect(snap.trials).toHaveLength(6);
    expect(snap.rungs).toEqual([1]);
    // Grid order: the last parameter fastest. At lr 1e-6 a trial is far behind every earlier one at epoch 1.
    expect(snap.trials.map((t) => t.params['training.learningRate'])).toEqual([0.003, 0.003, 0.003, 1e-6, 1e-6, 1e-6]);
    expect(snap.trials[0]).toMatchObject({ state: 'completed', epochsCompleted: 2 });
    expect(snap.trials.slice(3).map((t) => [t.state, t.epochsCompleted])).toEqual([
      ['pruned', 1],
      ['pruned', 1],
      ['pruned', 1],
    ]);
    expect(snap.trials[snap.best! - 1].params['training.learningRate']).toBe(0.003);
    expect(snap.best).not.toBeNull();
    const best = snap.trials[snap.best! - 1];
    const finished = snap.trials.filter((t) => t.state === 'completed');
    expect(finished.every((t) => t.value! >= best.value!)).toBe(true);
    expect(events.filter((e) => e.type === 'trial-finished')).toHaveLength(6);

    const { project } = await readProjectFile(path);
    expect(project.runs).toHaveLength(6);
    for (const [i, run] of project.runs.entries()) {
      const trial = snap.trials[i];
      expect(run.id).toBe(trial.runId);
      expect(run.sweep).toMatchObject({ id: snap.sweepId, trial: i + 1, params: trial.params });
      expect(run.status).toBe(trial.state === 'pruned' ? 'stopped' : 'completed');
      if (trial.state === 'pruned') expect(run.sweep!.stoppedAtEpoch).toBe(1);
      expect(run.config.dataset.limit).toBe(200);
      expect(run.config.training.optimizer.learningRate).toBe(trial.params['training.learningRate']);
      expect(run.graph!.nodes.find((n) => n.id === 'dense')!.params).toMatchObject({
        units: trial.params['dense.units'],
      });
    }
    // The project itself is untouched until promoted.
    expect(graphRevision(project.graph)).toBe(graphRevision(before.graph));
    expect(project.weights).toBeUndefined();

    const promoted = await s.promote();
    expect(promoted.trial.trial).toBe(best.trial);
    const after = (await readProjectFile(path)).project;
    expect(after.graph.nodes.find((n) => n.id === 'dense')!.params).toMatchObject({
      units: best.params['dense.units'],
    });
    expect(after.training.optimizer.learningRate).toBe(best.params['training.learningRate']);
    expect(after.weights!.graphRevision).toBe(graphRevision(after.graph));
    expect(after.runs).toHaveLength(6);
  }, 90_000);
});
