/** `deepwire export`: files written with a summary line, --json, and exit codes 0 / 1 / 2. */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../../src/main/cli/export.js';
import { main } from '../../../src/main/cli/main.js';
import { memoryIo } from '../../../src/main/cli/io.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'examples');
const root = mkdtempSync(join(tmpdir(), 'deepwire-cli-export-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('deepwire export', () => {
  it('writes a format, prints what it wrote and warns about untrained weights', async () => {
    const io = memoryIo();
    const out = join(root, 'onnx');
    expect(await main(['export', join(examples, 'mnist-cnn.deepwire'), '--format', 'onnx', '--out', out], io)).toBe(0);
    expect(readdirSync(out)).toEqual(['model.onnx']);
    expect(io.stdout[0]).toMatch(new RegExp(`^Exported onnx: 1 file, [0-9.]+ MB, in [0-9.]+ s -> ${out}$`));
    expect(io.stdout[1]).toBe(`  ${join(out, 'model.onnx')}`);
    expect(io.stderr.join('\n')).toContain("warning: 'MNIST CNN' has no trained weights");
  });

  it('prints one JSON object with --json', async () => {
    const io = memoryIo();
    const out = join(root, 'history');
    expect(await run([join(examples, 'lenet5.deepwire'), '-f', 'history', `--out=${out}`, '--json'], io)).toBe(0);
    const done = JSON.parse(io.stdout[0]);
    expect(done).toMatchObject({
      event: 'done',
      format: 'history',
      out,
      files: [join(out, 'history.json'), join(out, 'history.csv')],
      trained: false,
    });
  });

  it('exits 1 when the export fails and 2 for bad input', async () => {
    const cases: [string[], number, string][] = [
      [[join(examples, 'lenet5.deepwire'), '--format', 'samples', '--out', join(root, 'x')], 1, 'DW703'],
      [
        [join(examples, 'lenet5.deepwire'), '--format', 'onnx', '--out', join(root, 'x'), '--require-trained'],
        1,
        'DW508',
      ],
      [[join(examples, 'lenet5.deepwire'), '--format', 'zip', '--out', join(root, 'x')], 2, 'DW704'],
      [[join(examples, 'lenet5.deepwire'), '--out', join(root, 'x')], 2, 'DW801'],
      [[join(examples, 'lenet5.deepwire'), '--format', 'onnx'], 2, 'DW801'],
      [['--format', 'onnx', '--out', join(root, 'x')], 2, 'DW801'],
      [[join(root, 'missing.deepwire'), '--format', 'onnx', '--out', join(root, 'x')], 2, 'DW205'],
      [[join(examples, 'lenet5.deepwire'), '--format', 'onnx', '--out', join(root, 'x'), '--bogus'], 2, 'DW801'],
    ];
    for (const [args, code, error] of cases) {
      const io = memoryIo();
      expect([args.join(' '), await run(args, io)]).toEqual([args.join(' '), code]);
      expect(io.stderr.join('\n')).toContain(error);
    }
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('lists the formats in --help', async () => {
    const io = memoryIo();
    expect(await run(['--help'], io)).toBe(0);
    for (const f of ['tfjs', 'keras', 'onnx', 'pytorch', 'keras-py', 'history', 'card', 'samples', 'tensorboard'])
      expect(io.stdout[0]).toContain(`\n  ${f} `);
  });
});
