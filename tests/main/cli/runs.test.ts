/**
 * Issue #15 end to end through the real CLI: the MNIST CNN example trained
 * three times with different learning rates, then its run history listed,
 * compared, restored and deleted; the same runs exported for TensorBoard and
 * the trained network inspected.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { readProjectFile } from '../../../src/main/services/project-files.js';
import type { RunRow } from '../../../src/shared/runs/table.js';
import { tempDir } from '../../fixtures/datasets/make.js';
import { readEvents } from '../../fixtures/tensorboard/read.js';

const ROOT = join(import.meta.dirname, '../../..');
const RATES = ['0.001', '0.003', '0.01'];

let dir = '';
let project = '';

async function cli(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

beforeAll(async () => {
  dir = tempDir('dw-runs-');
  project = join(dir, 'mnist-cnn.deepwire');
  copyFileSync(join(ROOT, 'resources/examples/mnist-cnn.deepwire'), project);
  for (const lr of RATES) {
    const r = await cli('train', project, '--limit', '300', '--epochs', '1', '--learning-rate', lr, '--json', '--cache-dir', join(dir, 'cache'));
    expect(r.code, r.err.join('\n')).toBe(0);
  }
}, 180_000);

describe('deepwire runs', () => {
  it('--json lists the three runs with their learning rates, device, sizes, speed and final metrics', async () => {
    const r = await cli('runs', project, '--json');
    expect(r.code).toBe(0);
    const { runs } = JSON.parse(r.out[0]) as { runs: RunRow[] };
    expect(runs).toHaveLength(3);
    expect(runs.map((row) => row.hyperparameters['training.optimizer.learningRate'])).toEqual(RATES.map(Number));
    for (const row of runs) {
      expect(row).toMatchObject({ outcome: 'completed', dataset: 'mnist', datasetSize: expect.any(Number), epochsCompleted: 1 });
      expect(row.device).toMatch(/\S/);
      expect(row.samplesPerSecond).toBeGreaterThan(0);
      expect(row.durationSeconds).toBeGreaterThan(0);
      expect(row.metrics.testAccuracy).toBeGreaterThan(0);
    }
    const { project: saved } = await readProjectFile(project);
    const loss = saved.runs[0].batchHistory?.loss;
    expect(loss?.step.length).toBeGreaterThan(0);
    expect(loss?.step.length).toBe(loss?.value.length);
    expect(saved.runs[0].graph?.nodes.length).toBe(saved.graph.nodes.length);
  });

  it('prints a table by default', async () => {
    const r = await cli('runs', project);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toMatch(/^#\s+id\s+date/);
    for (const lr of RATES) expect(text).toContain(`lr=${lr}`);
  });

  it('--compare names the learning rate and shows the metrics side by side; by number or id prefix', async () => {
    const { project: saved } = await readProjectFile(project);
    const r = await cli('runs', project, '--compare', '1', saved.runs[2].id.slice(0, 6));
    expect(r.code, r.err.join('\n')).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('training.optimizer.learningRate: 0.001 -> 0.01');
    expect(text).toMatch(/Model:\n {2}the same/);
    expect(text).toMatch(/testAccuracy\s+0\.\d{4}\s+0\.\d{4}/);
  });

  it('an unknown run is DW220 (exit 2); a bad option DW801', async () => {
    const r = await cli('runs', project, '--compare', '1', '9');
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(/DW220.*no run '9'/);
    expect((await cli('runs', project, '--frobnicate')).code).toBe(2);
    expect((await cli('runs', '--help')).out.join('\n')).toContain('--compare A B');
  });
});

describe('deepwire export --format tensorboard', () => {
  it('writes event files for the three runs that read back with their curves', async () => {
    const out = join(dir, 'tb');
    const r = await cli('export', project, '--format', 'tensorboard', '--out', out, '--json');
    expect(r.code, r.err.join('\n')).toBe(0);
    const files = readEvents(out);
    const trainFiles = Object.keys(files).filter((f) => f.includes('/train/'));
    expect(new Set(trainFiles.map((f) => f.split('/')[0])).size).toBe(3);
    for (const f of trainFiles) {
      const tags = new Set(files[f].map((e) => e.tag));
      for (const tag of ['epoch_loss', 'epoch_accuracy', 'batch_loss', 'test_accuracy']) expect(tags).toContain(tag);
    }
  });
});
