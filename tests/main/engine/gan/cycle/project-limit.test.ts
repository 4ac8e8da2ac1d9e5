/** The studio sets a run's limit in the project's dataset settings: a CycleGAN honours it like --limit (issue #13). */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../../../src/main/cli/io.js';
import { run } from '../../../../../src/main/cli/train.js';
import { writePng } from '../../../../../src/main/engine/images/png.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-cycle-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CycleGAN and the project dataset limit', () => {
  it('trains on the first `dataset.limit` images of each domain folder', async () => {
    for (const side of ['a', 'b']) {
      for (let i = 0; i < 16; i++) {
        const data = Array.from({ length: 28 * 28 }, (_, k) => (side === 'a' ? (k + i) % 256 : 255 - ((k + i) % 256)));
        await writePng(join(dir, side, `img${i}.png`), { width: 28, height: 28, channels: 1, data });
      }
    }
    const file = join(dir, 'limited.deepwire');
    copyFileSync(join(import.meta.dirname, '../../../../../resources/examples/cyclegan-mnist.deepwire'), file);
    type Doc = { dataset: Record<string, unknown>; gan: { cycle: Record<string, unknown> } };
    const project = JSON.parse(readFileSync(file, 'utf8')) as Doc;
    project.gan.cycle.domains = { source: 'image-folders', a: 'a', b: 'b', size: [28, 28], channels: 1 };
    project.dataset.limit = 8;
    writeFileSync(file, JSON.stringify(project));
    const io = memoryIo();
    const code = await run([file, '--epochs', '1', '--batch-size', '8', '--json'], io);
    expect(code, io.stderr.join('\n')).toBe(0);
    const started = JSON.parse(io.stdout[0]) as Record<string, unknown>;
    expect(started).toMatchObject({ event: 'started', dataset: { trainSize: 16 } });
  }, 120_000);
});
