import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { newProject } from '../../../src/shared/project/index.js';
import { run, parseTrainArgs, exitCodeFor } from '../../../src/main/cli/train.js';
import { memoryIo } from '../../../src/main/cli/io.js';
import { compileGraph } from '../../../src/main/engine/compile/compile.js';
import { loadTfjsModel } from '../../../src/main/engine/export/tfjs.js';
import { applyWeightsBlob } from '../../../src/main/engine/weights.js';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { regressionCsv, tempDir, writeText } from '../../fixtures/datasets/make.js';
import { regressor } from '../engine/helpers/graph.js';

const ROOT = join(import.meta.dirname, '../../..');
const EXAMPLES = join(ROOT, 'resources/examples');

function exampleCopy(id: string): { dir: string; project: string } {
  const dir = tempDir('dw-cli-');
  const project = join(dir, `${id}.deepwire`);
  copyFileSync(join(EXAMPLES, `${id}.deepwire`), project);
  return { dir, project };
}

async function regressionProject(csvText?: string, training: object = {}): Promise<{ dir: string; project: string }> {
  const dir = tempDir('dw-cli-');
  const csv = csvText ? writeText(dir, 'data.csv', csvText) : regressionCsv(dir, 200);
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
    training: { loss: 'meanSquaredError', epochs: 2, ...training },
  });
  await writeProjectFile(project, p);
  return { dir, project };
}

describe('deepwire train', () => {
  it('--json: one object per event, the result last; weights and a run record saved; the TF.js model reloads identically', async () => {
    const { dir, project } = exampleCopy('mnist-cnn');
    const io = memoryIo();
    const code = await run(
      [
        project,
        '--limit',
        '1000',
        '--epochs',
        '1',
        '--batch-size',
        '50',
        '--json',
        '--out',
        join(dir, 'tfjs'),
        '--cache-dir',
        join(dir, 'cache'),
      ],
      io,
    );
    expect(code).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0].event).toBe('started');
    expect(lines.map((l) => l.event)).toEqual(expect.arrayContaining(['batch', 'epoch', 'evaluation']));
    expect(lines.some((l) => 'weights' in l)).toBe(false);
    const last = lines.at(-1)!;
    expect(last).toMatchObject({
      event: 'done',
      reason: 'completed',
      backend: expect.any(String),
      model_path: join(dir, 'tfjs', 'model.json'),
    });
    expect(last.test_accuracy).toBeGreaterThan(0.7);
    expect(last.test_loss).toBeGreaterThan(0);
    expect(last.samples_per_second).toBeGreaterThan(0);
    expect((lines[0] as { batchSize: number }).batchSize).toBe(50);

    const { project: saved } = await readProjectFile(project);
    expect(saved.weights?.specs.map((s) => s.name)).toContain('conv2d/kernel');
    expect(saved.runs).toHaveLength(1);
    expect(saved.runs[0]).toMatchObject({
      status: 'completed',
      epochsCompleted: 1,
      config: { dataset: { limit: 1000 }, training: { batchSize: 50 } },
    });
    expect(saved.runs[0].metrics.testAccuracy).toBe(last.test_accuracy);
    expect(saved.runs[0].history.loss).toHaveLength(1);

    await tf.setBackend('cpu');
    const fromProject = compileGraph(saved.graph, { projectKind: 'classifier' }).model;
    applyWeightsBlob([fromProject], saved.weights!, saved.graph);
    const exported = await loadTfjsModel(last.model_path as string);
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 1);
    expect(Array.from((exported.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((fromProject.predict(x) as tf.Tensor).dataSync()),
    );
    expect(existsSync(join(dir, 'tfjs', 'preprocessing.json'))).toBe(true);
  });

  it('plain lines off a terminal, a progress bar on one', async () => {
    const { dir, project } = await regressionProject();
    const plain = memoryIo();
    expect(await run([project, '--cache-dir', join(dir, 'cache')], plain)).toBe(0);
    expect(plain.stdout.some((l) => /^Epoch 2\/2: loss [\d.]+, mae [\d.]+, val_loss/.test(l))).toBe(true);
    expect(plain.stdout.some((l) => l.startsWith('Test: MAE'))).toBe(true);
    expect(plain.stdout.at(-1)).toBe(`Weights saved in ${project}`);

    const tty = { ...memoryIo(), isTty: true, bars: [] as string[] };
    tty.status = (line: string) => tty.bars.push(line);
    expect(await run([project, '--cache-dir', join(dir, 'cache')], tty)).toBe(0);
    expect(tty.bars.some((l) => /^Epoch 1 \[=*>? *\] \d+\/\d+ loss/.test(l))).toBe(true);
    const { project: saved } = await readProjectFile(project);
    expect(saved.runs).toHaveLength(2);
  });

  it('exit 2 for bad input: usage, a missing project, bad data, an unavailable backend', async () => {
    expect(() => parseTrainArgs([])).toThrow(/DW801/);
    expect(() => parseTrainArgs(['p.deepwire', '--epochs', '0'])).toThrow(/--epochs needs a positive whole number/);
    expect(() => parseTrainArgs(['p.deepwire', '--backend', 'gpu'])).toThrow(/--backend must be one of/);
    expect(() => parseTrainArgs(['p.deepwire', '--wat'])).toThrow(/unknown option '--wat'/);
    expect(parseTrainArgs(['p.deepwire', '--limit=5', '--json']).overrides).toEqual({ limit: 5 });

    const io = memoryIo();
    await expect(run([join(tempDir(), 'missing.deepwire')], io)).rejects.toThrow(/DW205/);

    const { dir, project } = await regressionProject('a,b,c,y\n1,2,3,4\n1,2\n');
    const bad = memoryIo();
    expect(await run([project, '--cache-dir', join(dir, 'cache')], bad)).toBe(2);
    expect(bad.stderr.join('\n')).toMatch(/DW403 Ragged CSV row: .*data\.csv:3 has 2 columns/);
    expect(exitCodeFor('DW503')).toBe(2);
    expect(exitCodeFor('DW501')).toBe(1);
  });

  it('exit 1 when training fails; the failed run is recorded', async () => {
    const { dir, project } = await regressionProject(undefined, { optimizer: { name: 'sgd', learningRate: 10 } });
    const io = memoryIo();
    expect(await run([project, '--json', '--cache-dir', join(dir, 'cache')], io)).toBe(1);
    expect(JSON.parse(io.stdout.at(-1)!)).toMatchObject({ event: 'error', code: 'DW501' });
    const { project: saved } = await readProjectFile(project);
    expect(saved.runs[0]).toMatchObject({ status: 'failed', error: { code: 'DW501' } });
    expect(saved.weights).toBeUndefined();
  });

  it('runs as the real `deepwire` command', async () => {
    const { dir, project } = exampleCopy('lenet5');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'bin/deepwire.js'),
        'train',
        project,
        '--limit',
        '300',
        '--epochs',
        '1',
        '--json',
        '--cache-dir',
        join(dir, 'cache'),
      ],
      { cwd: dir },
    );
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(last).toMatchObject({ event: 'done', model_path: null });
    expect(typeof last.test_accuracy).toBe('number');
  });
});
