/**
 * Issue #17 (lost updates): two real `deepwire train` processes on one
 * project file, started at once, must both leave their run record.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readProjectFile, writeProjectFile } from '../../../src/main/services/project-files.js';
import { graphRevision } from '../../../src/shared/project/index.js';
import { tempDir } from '../../fixtures/datasets/make.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/deepwire.js');

/** simple-rnn (the fastest example) copied into a temp folder, its dataset path made absolute. */
function simpleRnnCopy(): { dir: string; project: string } {
  const dir = tempDir('dw-train-race-');
  const project = join(dir, 'rnn.deepwire');
  const text = readFileSync(join(ROOT, 'resources/examples/simple-rnn.deepwire'), 'utf8');
  writeFileSync(
    project,
    text.replace('"../datasets/sine.csv"', JSON.stringify(join(ROOT, 'resources/datasets/sine.csv'))),
  );
  return { dir, project };
}

async function train(project: string, dir: string, n: number): Promise<Record<string, unknown>> {
  const out = join(dir, `tfjs-${n}`);
  const args = [
    BIN,
    'train',
    project,
    '--limit',
    '200',
    '--epochs',
    '1',
    '--json',
    '--out',
    out,
    '--cache-dir',
    join(dir, `cache-${n}`),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 40_000 });
  const last = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
  return { ...last, weightsBin: readFileSync(join(out, 'weights.bin')).toString('base64') };
}

describe('deepwire train: concurrent runs on one project', () => {
  it('two runs started at once both keep their run record; the file parses; the weights are one of theirs', async () => {
    const { dir, project } = simpleRnnCopy();
    const results = await Promise.all([train(project, dir, 1), train(project, dir, 2)]);
    for (const r of results) expect(r).toMatchObject({ event: 'done', reason: 'completed', weights_path: project });

    const { project: saved } = await readProjectFile(project);
    expect(saved.runs).toHaveLength(2);
    expect(new Set(saved.runs.map((r) => r.id)).size).toBe(2);
    expect(saved.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(saved.weights?.graphRevision).toBe(graphRevision(saved.graph));
    expect(results.map((r) => r.weightsBin)).toContain(saved.weights!.data);
    expect(existsSync(`${project}.lock`)).toBe(false);
  }, 60_000);

  it('a model edited while the run trains keeps the edit; the record is added and the weights go to a side project (DW210)', async () => {
    const { dir, project } = simpleRnnCopy();
    const original = (await readProjectFile(project)).project;
    const args = [
      BIN,
      'train',
      project,
      '--limit',
      '200',
      '--epochs',
      '3',
      '--json',
      '--cache-dir',
      join(dir, 'cache'),
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    let edited: Promise<unknown> | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Once training runs, the "studio" renames a layer and saves.
      if (!edited && stdout.includes('"event":"started"')) {
        const graph = {
          ...original.graph,
          nodes: original.graph.nodes.map((n) => (n.kind === 'Dense' ? { ...n, name: 'renamed' } : n)),
        };
        edited = writeProjectFile(project, { ...original, graph });
      }
    });
    const code = await new Promise((r) => child.once('exit', r));
    await edited;
    expect(code).toBe(0);
    const done = JSON.parse(stdout.trim().split('\n').at(-1)!) as { weights_path: string; warning?: { code: string } };
    expect(done.warning?.code).toBe('DW210');
    expect(done.weights_path).toMatch(/rnn\.run-[0-9a-f]{8}\.deepwire$/);

    const { project: saved } = await readProjectFile(project);
    expect(saved.graph.nodes.map((n) => n.name)).toContain('renamed');
    expect(saved.runs).toHaveLength(1);
    expect(saved.weights).toBeUndefined();
    const side = (await readProjectFile(done.weights_path)).project;
    expect(side.weights?.graphRevision).toBe(graphRevision(original.graph));
    expect(side.runs.map((r) => r.id)).toEqual(saved.runs.map((r) => r.id));
  }, 40_000);
});
