import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newProject } from '../../../src/shared/project/index.js';
import { parseTrainArgs, run } from '../../../src/main/cli/train.js';
import { memoryIo } from '../../../src/main/cli/io.js';
import { writeProjectFile } from '../../../src/main/services/project-files.js';
import { regressionCsv, tempDir } from '../../fixtures/datasets/make.js';
import { regressor } from '../engine/helpers/graph.js';

const saved = process.env.DEEPWIRE_THREADS;
afterEach(() => {
  if (saved === undefined) delete process.env.DEEPWIRE_THREADS;
  else process.env.DEEPWIRE_THREADS = saved;
});

async function smallRegressor(): Promise<{ dir: string; project: string }> {
  const dir = tempDir('dw-cli-threads-');
  const csv = regressionCsv(dir, 120);
  const project = join(dir, 'reg.deepwire');
  const p = newProject('regressor', 'reg', {
    graph: regressor(3),
    dataset: {
      source: 'csv',
      path: csv.split('/').pop()!,
      labelColumn: 'y',
      normalize: false,
      validationSplit: 0.1,
      seed: 42,
    },
    training: { loss: 'meanSquaredError', epochs: 1, batchSize: 32 },
  });
  await writeProjectFile(project, p);
  return { dir, project };
}

/** Threads the run's started event says it holds, training with `flags`. */
async function startedThreads(flags: string[]): Promise<number> {
  const { dir, project } = await smallRegressor();
  const io = memoryIo();
  const code = await run([project, '--backend', 'wasm', '--json', '--cache-dir', join(dir, 'cache'), ...flags], io);
  expect(code).toBe(0);
  const started = JSON.parse(io.stdout[0]) as { event: string; backend: { threads: number } };
  expect(started.event).toBe('started');
  return started.backend.threads;
}

describe('deepwire train --threads', () => {
  it('parses auto, 1 and 2 (also as --threads=N); absent, the project decides', () => {
    expect(parseTrainArgs(['p.deepwire']).threads).toBeUndefined();
    expect(parseTrainArgs(['p.deepwire', '--threads', 'auto']).threads).toBe('auto');
    expect(parseTrainArgs(['p.deepwire', '--threads', '1']).threads).toBe(1);
    expect(parseTrainArgs(['p.deepwire', '--threads=2']).threads).toBe(2);
  });

  it('refuses anything else with DW801 naming the flag and the choices', () => {
    for (const bad of ['0', '3', 'two', '1.5', '']) {
      expect(() => parseTrainArgs(['p.deepwire', '--threads', bad])).toThrow(/--threads must be auto, 1 or 2/);
    }
    expect(() => parseTrainArgs(['p.deepwire', '--threads'])).toThrow(expect.objectContaining({ code: 'DW801' }));
  });

  it.runIf(availableParallelism() >= 2)(
    'forces the run onto 2 threads (a model too small for auto) and 1, over DEEPWIRE_THREADS',
    async () => {
      process.env.DEEPWIRE_THREADS = '1';
      expect(await startedThreads(['--threads', '2'])).toBe(2);
      process.env.DEEPWIRE_THREADS = '2';
      expect(await startedThreads(['--threads', '1'])).toBe(1);
      expect(process.env.DEEPWIRE_THREADS).toBe('2');
    },
    60_000,
  );
});
