/** CycleGAN on two unpaired image folders: PNGs of another size and colour are resized and made grey; bad folders are named. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../../../src/main/cli/train.js';
import { memoryIo } from '../../../../../src/main/cli/io.js';
import { writePng } from '../../../../../src/main/engine/images/png.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-cycle-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function projectWith(domains: Record<string, unknown>): string {
  const file = join(dir, `p-${Math.random().toString(36).slice(2)}.deepwire`);
  copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/cyclegan-mnist.deepwire'), file);
  const project = JSON.parse(readFileSync(file, 'utf8')) as { gan: { cycle: Record<string, unknown> } };
  project.gan.cycle.domains = domains;
  writeFileSync(file, JSON.stringify(project));
  return file;
}

describe('CycleGAN with two image folders', () => {
  it('trains on RGB PNGs of 24×20, resized to 28×28 grey, and reports no held-out error (no known transform)', async () => {
    for (const side of ['a', 'b']) {
      for (let i = 0; i < 16; i++) {
        const data = Array.from({ length: 24 * 20 * 3 }, (_, k) =>
          side === 'a' ? (k * 7 + i) % 256 : 255 - ((k * 3 + i) % 256),
        );
        await writePng(join(dir, side, i < 8 ? '' : 'more', `img${i}.png`), {
          width: 20,
          height: 24,
          channels: 3,
          data,
        });
      }
    }
    // Relative to the project file's folder, like dataset paths.
    const project = projectWith({ source: 'image-folders', a: 'a', b: 'b', size: [28, 28], channels: 1 });
    const io = memoryIo();
    const code = await run([project, '--epochs', '1', '--batch-size', '8', '--json'], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const lines = io.stdout.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ event: 'started', dataset: { trainSize: 32, sampleShape: [28, 28, 1] } });
    const done = lines.at(-1)!;
    expect(done).toMatchObject({ event: 'done', reason: 'completed', epochs: 1 });
    expect(done.heldout_translation_mae).toBeUndefined();
  }, 120_000);

  it('names a missing folder (DW401) and an empty one (DW405), with the setting to fix', async () => {
    const missing = projectWith({ source: 'image-folders', a: join(dir, 'nowhere'), b: join(dir, 'b') });
    const io = memoryIo();
    expect(await run([missing, '--json'], io)).toBe(2);
    expect(io.stdout.at(-1)).toMatch(/"code":"DW401".*domain A's image folder .*nowhere/);
    const emptyDir = join(dir, 'empty');
    await writePng(join(emptyDir, 'sub', 'x.txt.png'), { width: 1, height: 1, channels: 1, data: [0] });
    rmSync(join(emptyDir, 'sub'), { recursive: true });
    const empty = projectWith({ source: 'image-folders', a: join(dir, 'a'), b: emptyDir });
    const io2 = memoryIo();
    expect(await run([empty, '--json'], io2)).toBe(2);
    expect(io2.stdout.at(-1)).toMatch(/"code":"DW405".*domain B's folder/);
  });
});
