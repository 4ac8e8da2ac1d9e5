/**
 * Issue #17 through the real CLI process: files that used to end in a raw
 * stack trace print one numbered error and exit 2 (unreadable input).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'deepwire-robust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const example = readFileSync(join(root, 'resources/examples/mnist-cnn.deepwire'), 'utf8');

function summary(name: string, text: string): { status: number | null; stdout: string; stderr: string } {
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [join(root, 'bin/deepwire.js'), 'summary', file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |RangeError|TypeError/);

describe('deepwire summary on hostile files: a numbered error, exit 2, no stack', () => {
  it('a project nested 100,000 levels deep → DW212', () => {
    const r = summary('deep.deepwire', example.replace(/"description": *"[^"]*"/, `"description": ${deep(100_000)}`));
    expect(r.stderr).toContain('DW212');
    noStack(r.stderr);
    expect(r.status).toBe(2);
  });

  it('a Keras JSON nested 100,000 levels deep → DW308', () => {
    const keras = readFileSync(join(root, 'tests/fixtures/keras/cnn.keras2.json'), 'utf8');
    const r = summary('deep.json', keras.replace('{', `{"extra": ${deep(100_000)},`));
    expect(r.stderr).toContain('DW308');
    noStack(r.stderr);
    expect(r.status).toBe(2);
  });

  it('a Keras layer of class toString → DW302', () => {
    const model = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] } },
          { class_name: 'toString', config: { name: 'x' } },
        ],
      },
    };
    const r = summary('proto.json', JSON.stringify(model));
    expect(r.stderr).toContain('DW302');
    expect(r.stderr).toContain('toString');
    noStack(r.stderr);
    expect(r.status).toBe(2);
  });

  it('a misspelled training key → DW203 naming it', () => {
    const r = summary('typo.deepwire', example.replace('"epochs":', '"epochz": 3, "epochs":'));
    expect(r.stderr).toContain('DW203');
    expect(r.stderr).toContain('training.epochz');
    noStack(r.stderr);
    expect(r.status).toBe(2);
  });

  it('a Sequential of 2,000 layers prints its summary and exits 0', () => {
    const layers = [{ class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] } }];
    for (let i = 0; i < 2000; i++) layers.push({ class_name: 'Dense', config: { name: `d${i}`, units: 4 } } as never);
    const r = summary('long.json', JSON.stringify({ class_name: 'Sequential', config: { name: 'long', layers } }));
    noStack(r.stderr);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 40,000');
  });
});

describe('asNumbered: a failure nobody foresaw still prints as a numbered error', () => {
  it('wraps a RangeError as DW310 naming what failed; keeps a DeepwireError as it is', async () => {
    const { asNumbered } = await import('../../../src/main/cli/unexpected.js');
    const { DeepwireError } = await import('../../../src/shared/errors.js');
    const e = asNumbered(new RangeError('Maximum call stack size exceeded'), 'summarizing x.json');
    expect(e.code).toBe('DW310');
    expect(e.message).toMatch(
      /^DW310 .*summarizing x\.json failed unexpectedly \(RangeError: Maximum call stack size exceeded\)/,
    );
    expect(e.message).not.toMatch(/\n\s+at /);
    const known = new DeepwireError('DW302', 'layer x is not supported');
    expect(asNumbered(known, 'anything')).toBe(known);
  });
});

describe('deepwire <command> looks commands up by own name only', () => {
  it.each(['toString', '__proto__', 'constructor'])('`deepwire %s` is DW801, exit 2, no stack', (name) => {
    const r = spawnSync(process.execPath, [join(root, 'bin/deepwire.js'), name], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toContain(`DW801`);
    expect(r.stderr).toContain(`unknown command '${name}'`);
    noStack(r.stderr);
    expect(r.status).toBe(2);
  });
});

describe('a bug inside a command is one numbered line, not a stack', () => {
  it('a TypeError thrown by a command → DW812 naming the command, exit 1; the stack only with DEEPWIRE_DEBUG', async () => {
    const { COMMANDS, main } = await import('../../../src/main/cli/main.js');
    const { memoryIo } = await import('../../../src/main/cli/io.js');
    COMMANDS['explode'] = {
      summary: 'a command with a bug',
      load: async () => ({
        run: async () => {
          throw new TypeError("Cannot read properties of undefined (reading 'shape')");
        },
      }),
    };
    try {
      const io = memoryIo();
      expect(await main(['explode'], io)).toBe(1);
      const err = io.stderr.join('\n');
      expect(err).toContain('DW812');
      expect(err).toContain("'explode' failed: Cannot read properties of undefined (reading 'shape')");
      expect(err).not.toMatch(/\n\s+at /);
    } finally {
      delete COMMANDS['explode'];
    }
  });
});
