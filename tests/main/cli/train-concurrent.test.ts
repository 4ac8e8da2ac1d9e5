/**
 * Issue #17 (lost updates): two real `deepwire train` processes on one
 * project file, started at once, must both leave their run record.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readProjectFile } from '../../../src/main/services/project-files.js';
import { graphRevision } from '../../../src/shared/project/index.js';
import { tempDir } from '../../fixtures/datasets/make.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/deepwire.js');

/** simple-rnn (the fastest example) copied into a temp folder, its dataset path made absolute. */
function simpleRnnCopy(): { dir: string; project: string } {
  const dir = tempDir('dw-train-race-');
  const project = join(dir, 'rnn.deepwire');
  const text = readFileSync(join(ROOT, 'resources/examples/simple-rnn.deepwire'), 'utf8');
  writeFileSync(project, text.replace('"../datasets/sine.csv"', JSON.stringify(join(ROOT, 'resources/datasets/sine.csv'))));
  return { dir, project };
}

async function train(project: string, dir: string, n: number): Promise<Record<string, unknown>> {
  const out = join(dir, `tfjs-${n}`);
  const args = [BIN, 'train', project, '--limit', '200', '--epochs', '1', '--json', '--out', out, '--cache-dir', join(dir, `cache-${n}`)];
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
});
