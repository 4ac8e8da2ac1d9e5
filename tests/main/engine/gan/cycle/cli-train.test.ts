/**
 * A real, short CycleGAN run of the shipped cyclegan-mnist example through
 * `deepwire train` (in process): finite losses, translation grids as PNG,
 * both generators in --out, and a held-out translation error below the
 * untrained one (the built-in pair's transform T is known).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../../src/main/cli/train.js';
import { run as translate } from '../../../../../src/main/cli/translate.js';
import { memoryIo } from '../../../../../src/main/cli/io.js';
import { epochGridPath } from '../../../../../src/main/engine/images/epoch-grids.js';
import { decodePng, writePng } from '../../../../../src/main/engine/images/png.js';
import { readProjectFile } from '../../../../../src/main/services/project-files.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-cycle-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deepwire train on the CycleGAN example', () => {
  it('trains with finite losses, writes grids and both generators, and translates held-out digits better than untrained', async () => {
    const project = join(dir, 'cyclegan-mnist.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/cyclegan-mnist.deepwire'), project);
    const out = join(dir, 'out');
    const io = memoryIo();
    const code = await run([project, '--limit', '160', '--epochs', '1', '--json', '--out', out], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    const batches = lines.filter((l) => l.event === 'gan-batch') as { logs: Record<string, number> }[];
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches)
      for (const k of ['d_a_loss', 'd_b_loss', 'g_loss', 'cycle_loss', 'identity_loss'])
        expect(Number.isFinite(b.logs[k]), k).toBe(true);
    const epoch = lines.find((l) => l.event === 'epoch') as { logs: Record<string, number> };
    for (const k of ['d_a_loss', 'd_b_loss', 'g_loss', 'cycle_loss', 'identity_loss', 'heldout_translation_mae']) {
      expect(Number.isFinite(epoch.logs[k]), k).toBe(true);
    }
    const done = lines.at(-1) as {
      event: string;
      heldout_translation_mae: number;
      heldout_translation_mae_untrained: number;
      sample_grids: string[];
    };
    expect(done.event).toBe('done');
    expect(done.sample_grids).toEqual([epochGridPath(join(out, 'samples'), 1)]);
    expect(done.heldout_translation_mae).toBeLessThan(done.heldout_translation_mae_untrained);

    // Rows a → G(a) → F(G(a)) | b → F(b) → G(F(b)): 8 rows of 6 cells of 28×28 with 2-px gutters.
    const png = decodePng(new Uint8Array(readFileSync(done.sample_grids[0])));
    expect([png.width, png.height, png.channels]).toEqual([6 * 30 + 2, 8 * 30 + 2, 1]);
    for (const g of ['generator_ab', 'generator_ba']) {
      const model = JSON.parse(readFileSync(join(out, g, 'model.json'), 'utf8')) as {
        modelTopology: { config: { name: string } };
      };
      expect(model.modelTopology.config.name).toBe(g);
      expect(existsSync(join(out, g, 'preprocessing.json'))).toBe(true);
    }
    const { project: saved } = await readProjectFile(project);
    expect(saved.runs[0]).toMatchObject({ status: 'completed', epochsCompleted: 1 });

    // deepwire translate with the trained project: a 40×30 RGB PNG in, a 28×28 grey PNG out, both ways.
    const input = join(dir, 'digit.png');
    await writePng(input, {
      width: 40,
      height: 30,
      channels: 3,
      data: Array.from({ length: 40 * 30 * 3 }, (_, i) => (i % 7) * 30),
    });
    for (const direction of ['a2b', 'b2a']) {
      const tio = memoryIo();
      const tcode = await translate(
        [project, input, '--direction', direction, '--out', join(dir, direction), '--json'],
        tio,
      );
      expect(tcode, tio.stderr.join('\n')).toBe(0);
      const result = JSON.parse(tio.stdout[0]) as { count: number; files: { output: string }[] };
      expect(result.count).toBe(1);
      const made = decodePng(new Uint8Array(readFileSync(result.files[0].output)));
      expect([made.width, made.height, made.channels]).toEqual([28, 28, 1]);
    }
  }, 240_000);

  it('translate refuses an untrained CycleGAN (DW508) and a project that is not one (DW126), naming the fix', async () => {
    const untrained = join(dir, 'untrained.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/cyclegan-mnist.deepwire'), untrained);
    const gan = join(dir, 'mlp-gan.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/mlp-gan.deepwire'), gan);
    const image = join(dir, 'one.png');
    await writePng(image, { width: 28, height: 28, channels: 1, data: new Array(784).fill(0) });
    for (const [project, code] of [
      [untrained, 'DW508'],
      [gan, 'DW126'],
    ] as const) {
      const io = memoryIo();
      expect(await translate([project, image, '--out', join(dir, 'never')], io)).toBe(2);
      expect(io.stderr.join('\n')).toContain(code);
    }
    const io = memoryIo();
    expect(await translate([untrained, image, '--direction', 'sideways', '--out', dir], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/DW801.*--direction must be a2b or b2a/);
  });

  it('plain output names the CycleGAN losses and the held-out error per epoch', async () => {
    const project = join(dir, 'plain-cyclegan.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/cyclegan-mnist.deepwire'), project);
    const io = memoryIo();
    expect(await run([project, '--limit', '40', '--epochs', '1', '--batch-size', '10'], io), io.stderr.join('\n')).toBe(
      0,
    );
    const epoch = io.stdout.find((l) => l.startsWith('Epoch 1/1:'));
    expect(epoch).toMatch(
      /D_A loss \d+\.\d{4}, D_B loss \d+\.\d{4}, G loss \d+\.\d{4}, cycle \d+\.\d{4}, identity \d+\.\d{4}, held-out translation error \d\.\d{4}/,
    );
    expect(epoch).not.toMatch(/D\(x\)/);
  }, 120_000);
});
