import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { parseSweepArgs } from '../../../src/main/cli/sweep.js';
import { readProjectFile } from '../../../src/main/services/project-files.js';
import { mnistCnnSubset } from '../engine/sweep/mnist-subset.js';

describe('deepwire sweep', () => {
  it('parses its options; bad flags are DW801 usage errors', () => {
    expect(
      parseSweepArgs(['p.deepwire', '--param', 'dense.units=8,16', '--param=training.batchSize=16,32', '--trials=4']),
    ).toMatchObject({
      project: 'p.deepwire',
      options: { params: ['dense.units=8,16', 'training.batchSize=16,32'], trials: 4 },
    });
    // --epochs, as `deepwire train` spells it, is the trials' epoch budget.
    for (const flag of ['--budget-epochs', '--epochs'])
      expect(parseSweepArgs(['p.deepwire', '--param', 'a.b=1', flag, '3'])).toMatchObject({
        options: { budgetEpochs: 3 },
      });
    expect(parseSweepArgs(['--help'])).toBe('help');
    expect(() => parseSweepArgs(['p.deepwire'])).toThrow(/DW801.*at least one --param/);
    expect(() => parseSweepArgs(['p.deepwire', '--param', 'a.b=1', '--search', 'hill'])).toThrow(/DW801.*--search/);
    expect(() => parseSweepArgs(['p.deepwire', '--param', 'a.b=1', '--trials', '0'])).toThrow(/DW801.*--trials/);
  });

  it('an unknown layer or a bad range is refused before training: exit 2, a numbered message naming the param', async () => {
    const { project } = await mnistCnnSubset(100);
    const io = memoryIo();
    expect(await main(['sweep', project, '--param', 'lstm.units=8,16'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/DW821 Unknown layer in a sweep parameter: lstm.units: no layer named 'lstm'/);
    const io2 = memoryIo();
    expect(await main(['sweep', project, '--param', 'dense.units=0..8'], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toMatch(
      /DW823 Sweep values out of range: dense.units: 0 is below the limit \(at least 1\)/,
    );
    expect((await readProjectFile(project)).project.runs).toHaveLength(0);
  });

  it('two trials side by side in engine workers: bars on a terminal, a line per trial, the table names the best, --promote keeps it', async () => {
    const { project } = await mnistCnnSubset(300);
    // A terminal: the redrawn progress line has a bar for the running trial and one for the sweep.
    const statuses: string[] = [];
    const io = { ...memoryIo(), isTty: true, status: (l: string) => statuses.push(l) };
    const code = await main(
      [
        'sweep',
        project,
        '--param',
        'dense.units=16,32',
        '--search',
        'grid',
        '--budget-epochs',
        '1',
        '--parallel',
        '2',
        '--promote',
      ],
      io,
    );
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    const out = io.stdout.join('\n');
    expect(statuses.some((l) => /^Trial \d\/2 \[=* *\] epoch 1\/1 · all \[=* *\] [01]\/2/.test(l))).toBe(true);
    expect(out).toMatch(/^Sweep [0-9a-f]{8}: 2 trial\(s\), grid search, ranked by val_loss \(lower is better\)/);
    expect(out).toMatch(/Trial \d\/2 dense.units=16: val_loss \d\.\d{4}, completed \(1\/1 epochs/);
    expect(out).toMatch(/#\s+dense.units\s+val_loss\s+epochs\s+outcome/);
    const best = /Best: trial (\d) \(val_loss [\d.]+\): dense.units=(\d+)/.exec(out);
    expect(best).not.toBeNull();
    expect(out).toContain(`Promoted trial ${best![1]} into ${project}`);
    const saved = (await readProjectFile(project)).project;
    expect(saved.runs.map((r) => r.sweep?.params['dense.units']).sort()).toEqual([16, 32]);
    expect(saved.graph.nodes.find((n) => n.id === 'dense')!.params).toMatchObject({ units: Number(best![2]) });
    expect(saved.weights).toBeDefined();
  }, 60_000);

  it('--json: one object per trial event, the result last', async () => {
    const { project } = await mnistCnnSubset(200);
    const io = memoryIo();
    const code = await main(['sweep', project, '--param', 'training.batchSize=32', '--trials', '1', '--json'], io);
    expect(code).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.event)).toEqual(
      expect.arrayContaining(['trial-started', 'trial-epoch', 'trial-finished', 'done']),
    );
    expect(lines.at(-1)).toMatchObject({
      event: 'done',
      state: 'finished',
      metric: 'val_loss',
      best: { trial: 1, params: { 'training.batchSize': 32 } },
      promoted: false,
    });
  }, 60_000);
});
