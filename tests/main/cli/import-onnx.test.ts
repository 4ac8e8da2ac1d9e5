/** `deepwire summary` and `deepwire import` of ONNX files, through the CLI dispatcher. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { parseProject } from '../../../src/shared/project/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (name: string) => join(root, 'tests/fixtures/onnx', name);
const scratch = mkdtempSync(join(tmpdir(), 'deepwire-import-onnx-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('deepwire summary of an ONNX file', () => {
  it('prints the Keras-style total of the torch CNN (PyTorch parameters + BatchNorm running statistics)', async () => {
    // conv 80 + batch norm 32 (16 of them running mean/var) + conv 876 + linear 784 + linear 170.
    const r = await cli('summary', fixture('torch-cnn.onnx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('ONNX model');
    expect(r.out).toContain('Total params: 1,942');
    expect(r.out).toContain('Non-trainable params: 16');
  });

  it('refuses an unknown operator with its number and name (exit 2)', async () => {
    const r = await cli('summary', fixture('torch-einsum.onnx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('DW332');
    expect(r.err).toContain('Einsum');
  });
});

describe('deepwire import of an ONNX file', () => {
  it('writes a project with the weights', async () => {
    const out = join(scratch, 'cnn.deepwire');
    const r = await cli('import', fixture('torch-cnn.onnx'), '--out', out, '--json');
    expect(r.code).toBe(0);
    const done = JSON.parse(r.out) as { source: string; tensors: number; layers: number };
    expect(done).toMatchObject({ source: 'onnx', layers: 10, tensors: 12 });
    const { project } = parseProject(readFileSync(out, 'utf8'), out);
    expect(project.kind).toBe('classifier');
    expect(project.weights).toBeDefined();
    expect(r.err).toContain("warning: input 'x' is NCHW");
  });

  it('an unknown operator exits 1 with DW332 and writes nothing', async () => {
    const out = join(scratch, 'einsum.deepwire');
    const r = await cli('import', fixture('torch-einsum.onnx'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/DW332.*Einsum/s);
    expect(existsSync(out)).toBe(false);
  });

  it('a truncated file exits 2 with DW330', async () => {
    const bad = join(scratch, 'truncated.onnx');
    writeFileSync(bad, readFileSync(fixture('torch-cnn.onnx')).subarray(0, 3000));
    const r = await cli('import', bad, '--out', join(scratch, 'bad.deepwire'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('DW330');
  });
});
