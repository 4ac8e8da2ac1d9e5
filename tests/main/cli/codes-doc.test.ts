/**
 * docs/cli.md lists every numbered code `deepwire summary` and `deepwire import` can answer (issue #14):
 * the codes raised where files are read (projects, Keras/TF.js, ONNX), where shapes are checked, and by
 * the two commands themselves, each in the section "Codes `summary` and `import` answer".
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../../src/shared/errors.js';

const ROOT = join(__dirname, '../../..');

/** Where summary and import get their codes from. */
const SOURCES = [
  'src/shared/keras/read',
  'src/shared/keras/layers',
  'src/shared/keras/config.ts',
  'src/shared/summary',
  'src/shared/project/parse.ts',
  'src/shared/shape',
  'src/shared/layers',
  'src/main/engine/import',
  'src/main/services/import-model.ts',
  'src/main/services/import',
  'src/main/cli/summary.ts',
  'src/main/cli/import.ts',
];
/** Raised only when writing Keras (export), never on the way in. */
const WRITE_ONLY = ['DW305'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((f) => files(join(path, f)));
}

describe('docs/cli.md: the codes summary and import answer', () => {
  it('lists every code the reading, checking and importing code raises, each under its title', () => {
    const raised = new Set<string>();
    for (const file of SOURCES.flatMap(files)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(DW\d{3})'/g)) raised.add(m[1]);
    }
    const doc = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');
    const start = doc.indexOf('### Codes `summary` and `import` answer');
    expect(start).toBeGreaterThan(0);
    const section = doc.slice(start, doc.indexOf('\n#', start + 5));
    const missing = [...raised]
      .filter((c) => !WRITE_ONLY.includes(c) && c in ERRORS)
      .filter((c) => !section.includes(`| ${c} | ${ERRORS[c as keyof typeof ERRORS].title} |`));
    expect(missing).toEqual([]);
    expect(raised).toContain('DW319');
    expect(raised).toContain('DW170');
  });
});
