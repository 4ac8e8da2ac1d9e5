import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../src/main/cli/train.js';
import { memoryIo } from '../../../../src/main/cli/io.js';
import { epochGridPath } from '../../../../src/main/engine/images/epoch-grids.js';
import { decodePng } from '../../../../src/main/engine/images/png.js';
import { readProjectFile } from '../../../../src/main/services/project-files.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-gan-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deepwire train on a GAN project', () => {
  it('--json: GAN progress and the Fréchet score in the JSON lines, a PNG grid per epoch and the generator in --out, both models’ weights in the project', async () => {
    const project = join(dir, 'mlp-gan.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../resources/examples/mlp-gan.deepwire'), project);
    const out = join(dir, 'out');
    const io = memoryIo();
    const code = await run(
      [
        project,
        '--limit',
        '640',
        '--epochs',
        '2',
        '--batch-size',
        '64',
        '--json',
        '--out',
        out,
        '--cache-dir',
        join(dir, 'cache'),
      ],
      io,
    );
    expect(code, io.stderr.join('\n')).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0].event).toBe('started');
    expect(lines.some((l) => l.event === 'gan-batch')).toBe(true);
    const samples = lines.filter((l) => l.event === 'samples');
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect(samples.every((l) => !('grid' in l))).toBe(true);
    const epochs = lines.filter((l) => l.event === 'epoch') as { logs: { frechet: number; g_loss: number } }[];
    expect(epochs).toHaveLength(2);
    expect(epochs.every((e) => Number.isFinite(e.logs.frechet) && Number.isFinite(e.logs.g_loss))).toBe(true);
    const last = lines.at(-1)!;
    expect(last).toMatchObject({
      event: 'done',
      reason: 'completed',
      frechet: epochs[1].logs.frechet,
      model_path: join(out, 'model.json'),
    });

    const grids = [1, 2].map((epoch) => epochGridPath(join(out, 'samples'), epoch));
    expect(last.sample_grids).toEqual(grids);
    for (const file of grids) {
      const png = decodePng(new Uint8Array(readFileSync(file)));
      expect([png.width, png.height, png.channels]).toEqual([242, 242, 1]);
    }
    // The exported generator: noise in, 28×28×1 out, with how to turn its output into pixels.
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as {
      modelTopology: { config: { name: string } };
    };
    expect(model.modelTopology.config.name).toBe('generator');
    expect(JSON.parse(readFileSync(join(out, 'preprocessing.json'), 'utf8'))).toEqual({
      scaling: 'none',
      targetMean: 0,
      targetStd: 255,
    });

    const { project: saved } = await readProjectFile(project);
    expect(saved.weights?.specs.map((s) => s.name)).toEqual(
      expect.arrayContaining(['dense/kernel', 'dense_1/kernel', 'dense_2/kernel', 'dense_3/kernel']),
    );
    expect(saved.runs[0]).toMatchObject({ status: 'completed', epochsCompleted: 2 });
    expect(saved.runs[0].history.frechet).toHaveLength(2);
  });

  it('without --out, the grids go to <project>-samples beside the project and the done line names them', async () => {
    const project = join(dir, 'second gan.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../resources/examples/mlp-gan.deepwire'), project);
    const io = memoryIo();
    const args = [project, '--limit', '128', '--epochs', '1', '--json', '--cache-dir', join(dir, 'cache')];
    expect(await run(args, io), io.stderr.join('\n')).toBe(0);
    const done = JSON.parse(io.stdout.at(-1) ?? '{}') as { event: string; sample_grids: string[] };
    const grid = join(dir, 'second gan-samples', 'epoch-001.png');
    expect(done).toMatchObject({ event: 'done', sample_grids: [grid] });
    const png = decodePng(new Uint8Array(readFileSync(grid)));
    expect([png.width, png.height, png.channels]).toEqual([242, 242, 1]);
    // Without --json the same run says where each grid went.
    const plain = memoryIo();
    expect(
      await run(
        args.filter((a) => a !== '--json'),
        plain,
      ),
      plain.stderr.join('\n'),
    ).toBe(0);
    expect(plain.stdout).toContain(`Sample grid written to ${grid}`);
  });
});
