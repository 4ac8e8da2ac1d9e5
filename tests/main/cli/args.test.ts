import { describe, expect, it } from 'vitest';
import { run as bundle } from '../../../src/main/cli/bundle.js';
import { run as exportCmd } from '../../../src/main/cli/export.js';
import { run as generate } from '../../../src/main/cli/generate.js';
import { run as inspect } from '../../../src/main/cli/inspect.js';
import { memoryIo, walkArgs, wholeNumber } from '../../../src/main/cli/io.js';
import { run as translate } from '../../../src/main/cli/translate.js';

/** Collects what walkArgs hands a command: each option with its value, in order. */
function walk(args: string[], takesValue: (arg: string) => boolean) {
  const seen: [string, string | null][] = [];
  const help = walkArgs(args, (arg, value) => seen.push([arg, takesValue(arg) ? value() : null]));
  return { help, seen };
}

describe('walkArgs: the one argument walker of the CLI commands', () => {
  const valued = (a: string) => ['--out', '-o', '--count'].includes(a);

  it('gives --name value and --name=value alike, switches and positionals in order', () => {
    expect(walk(['p.deepwire', '--out', 'a', '--count=3', '--json', '-o', 'b'], valued)).toEqual({
      help: undefined,
      seen: [
        ['p.deepwire', null],
        ['--out', 'a'],
        ['--count', '3'],
        ['--json', null],
        ['-o', 'b'],
      ],
    });
  });

  it('answers help at -h or --help', () => {
    expect(walk(['p', '--help'], valued).help).toBe('help');
    expect(walk(['-h'], valued).help).toBe('help');
  });

  it('refuses a missing value, a flag as a value and a value given to a switch (DW801)', () => {
    expect(() => walk(['--out'], valued)).toThrow(/DW801.*--out needs a value/);
    expect(() => walk(['--out', '--json'], valued)).toThrow(/--out needs a value/);
    expect(() => walk(['--json=yes'], valued)).toThrow(/DW801.*--json takes no value, got '--json=yes'/);
  });

  it('wholeNumber names the option and the range', () => {
    expect(wholeNumber('--count', '12', 1)).toBe(12);
    expect(() => wholeNumber('--count', '0', 1)).toThrow(/--count needs a whole number 1 or more, got '0'/);
    expect(() => wholeNumber('--seed', '2.5', 0, 9)).toThrow(/--seed needs a whole number from 0 to 9, got '2.5'/);
    expect(() => wholeNumber('--count', ' ', 1)).toThrow(/DW801/);
  });
});

describe('every command parses through it', () => {
  const commands = { bundle, export: exportCmd, generate, inspect, translate };

  for (const [name, run] of Object.entries(commands)) {
    it(`${name}: --out=DIR works, a value on a switch and an unknown option are DW801 (exit 2)`, async () => {
      const io = memoryIo();
      expect(await run(['p.deepwire', '--json=1'], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(/DW801.*--json takes no value/);
      const unknown = memoryIo();
      expect(await run(['p.deepwire', '--bogus'], unknown)).toBe(2);
      expect(unknown.stderr.join('\n')).toMatch(/DW801.*unknown option '--bogus'/);
      const help = memoryIo();
      expect(await run(['--help'], help)).toBe(0);
      expect(help.stdout.join('\n')).toMatch(new RegExp(`deepwire ${name}`));
    });
  }
});
