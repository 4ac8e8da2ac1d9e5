/**
 * `deepwire bundle`: the folder trains with plain `python3 train.py` (no
 * Node, stdin closed as under a batch system), takes the same steps as a run
 * from Deepwire, and its out/ folder imports back with `deepwire import`.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as bundle } from '../../../../src/main/cli/bundle.js';
import { run as importModel } from '../../../../src/main/cli/import.js';
import { memoryIo } from '../../../../src/main/cli/io.js';
import { readProjectFile } from '../../../../src/main/services/project-files.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { example } from '../train/examples.js';
import { NO_TORCH, runTorch, TORCH_PYTHON } from './helpers.js';

const EXAMPLES = join(import.meta.dirname, '../../../../resources/examples');

describe.skipIf(!TORCH_PYTHON)(`deepwire bundle${TORCH_PYTHON ? '' : ` (skipped: ${NO_TORCH})`}`, () => {
  it('writes a folder that python3 train.py trains as Deepwire would, and whose out/ imports back', async () => {
    const dir = tempDir('dw-bundle-');
    copyFileSync(join(EXAMPLES, 'simple-rnn.deepwire'), join(dir, 'simple-rnn.deepwire'));
    copyFileSync(join(EXAMPLES, '../datasets/sine.csv'), join(dir, 'sine.csv'));
    const projectFile = join(dir, 'simple-rnn.deepwire');
    writeFileSync(projectFile, readFileSync(projectFile, 'utf8').replace('../datasets/sine.csv', 'sine.csv'));
    const out = join(dir, 'bundle');
    const io = memoryIo();
    expect(
      await bundle([projectFile, '--out', out, '--epochs', '2', '--json', '--cache-dir', join(dir, 'cache')], io),
    ).toBe(0);
    expect(JSON.parse(io.stdout[0])).toMatchObject({ event: 'done', epochs: 2, batchSize: 32 });
    for (const f of [
      'train.py',
      'model.py',
      'config.json',
      'weights.json',
      'data/x_train.npy',
      'README.md',
      'out/model.json',
    ])
      expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toMatch(/torchrun[\s\S]*#SBATCH/);

    // Plain Python, no Node, stdin closed: the engine's events as JSON lines.
    const stdout = execFileSync(TORCH_PYTHON!, ['train.py', '--json', '--device', 'cpu'], {
      cwd: out,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; logs?: { loss: number } });
    expect(events.at(-1)).toMatchObject({ type: 'result', reason: 'completed', epochsCompleted: 2 });
    const bundled = events.filter((e) => e.type === 'epoch').map((e) => e.logs!.loss);

    // The GPU smoke check, here on the CPU (no GPU: exit 2 with DW525 for cuda).
    const check = JSON.parse(
      execFileSync(TORCH_PYTHON!, ['gpu_check.py', '--device', 'cpu'], {
        cwd: out,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }).trim(),
    ) as Record<string, number | string>;
    expect(check).toMatchObject({ device: 'cpu', epochs: 2 });
    expect(check.samples_per_second).toBeGreaterThan(0);
    expect(check.test_mae_normalised).toBeLessThan(0.5);

    // The same steps as a run from Deepwire (same seed, weights, data and order).
    const live = await runTorch({ ...example('simple-rnn'), kind: 'regressor', overrides: { epochs: 2 } });
    expect(bundled).toEqual(live.of('epoch').map((e) => e.logs.loss));

    const imported = join(dir, 'trained.deepwire');
    expect(await importModel([join(out, 'out'), '--out', imported], memoryIo())).toBe(0);
    const { project } = await readProjectFile(imported);
    expect(project.weights).toBeDefined();
    expect(project.graph.nodes.map((n) => n.kind)).toEqual(example('simple-rnn').graph.nodes.map((n) => n.kind));
  }, 180_000);
});
