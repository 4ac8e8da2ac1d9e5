import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../../../src/main/engine/export/crc32c.js';
import { runExport } from '../../../../src/main/services/exports.js';
import { parseProject, type Project, type RunRecord } from '../../../../src/shared/project/index.js';
import { tempDir } from '../../../fixtures/datasets/make.js';
import { readEvents } from '../../../fixtures/tensorboard/read.js';

const ROOT = join(import.meta.dirname, '../../../..');

function project(): Project {
  const p = parseProject(readFileSync(join(ROOT, 'resources/examples/mnist-cnn.deepwire'), 'utf8')).project;
  const run = (i: number, lr: number): RunRecord => ({
    id: `run${i}-0000-0000`,
    startedAt: `2026-01-0${i}T10:00:00.000Z`,
    endedAt: `2026-01-0${i}T10:01:40.000Z`,
    status: 'completed',
    backend: 'wasm',
    config: { dataset: p.dataset!, training: { ...p.training, optimizer: { name: 'adam', learningRate: lr } } },
    epochsCompleted: 2,
    history: { loss: [1.5, 0.75], val_loss: [1.25, null], accuracy: [0.5, 0.875] },
    metrics: { testAccuracy: 0.9, samplesPerSecond: 1000 },
    batchHistory: { loss: { step: [1, 2, 3], value: [2, 1.5, 1] } },
  });
  return { ...p, runs: [run(1, 0.001), run(2, 0.01)] };
}

describe('TensorBoard export', () => {
  it('CRC-32C matches the standard check value', () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('writes one folder per run whose event files an independent reader decodes, CRCs and all', async () => {
    const out = tempDir('dw-tb-');
    const result = await runExport(project(), { format: 'tensorboard', outDir: out });
    expect(result.files).toHaveLength(4);
    const files = readEvents(out);
    const names = Object.keys(files).sort();
    expect(names).toEqual([
      'run-001-run1-000/train/events.out.tfevents.1767261600.deepwire',
      'run-001-run1-000/validation/events.out.tfevents.1767261600.deepwire',
      'run-002-run2-000/train/events.out.tfevents.1767348000.deepwire',
      'run-002-run2-000/validation/events.out.tfevents.1767348000.deepwire',
    ]);
    const train = files[names[0]];
    expect(train[0]).toEqual({ wall_time: 1767261600, step: 0, file_version: 'brain.Event:2' });
    const scalars = (tag: string) => train.filter((e) => e.tag === tag).map((e) => [e.step, e.value]);
    expect(scalars('epoch_loss')).toEqual([
      [1, 1.5],
      [2, 0.75],
    ]);
    expect(scalars('epoch_accuracy')).toEqual([
      [1, 0.5],
      [2, 0.875],
    ]);
    expect(scalars('batch_loss')).toEqual([
      [1, 2],
      [2, 1.5],
      [3, 1],
    ]);
    expect(scalars('test_accuracy')[0][1]).toBeCloseTo(0.9, 6);
    expect(train.find((e) => e.tag === 'epoch_loss' && e.step === 2)!.wall_time).toBe(1767261600 + 100);
    // Validation shares the tag, so TensorBoard overlays it on the training curve; the diverged epoch is left out.
    expect(files[names[1]].filter((e) => e.tag).map((e) => [e.tag, e.step, e.value])).toEqual([
      ['epoch_loss', 1, 1.25],
    ]);
  });

  it('a project without runs writes no files and says so', async () => {
    const out = tempDir('dw-tb-');
    const result = await runExport({ ...project(), runs: [] }, { format: 'tensorboard', outDir: out });
    expect(result.files).toEqual([]);
    expect(result.warnings.join()).toMatch(/no recorded runs/);
  });
});
