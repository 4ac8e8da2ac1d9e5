/** Issue #17: control characters from users' files are shown escaped, never sent raw to the terminal. */
/* eslint-disable no-control-regex -- these tests look for raw control characters */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { terminalIo } from '../../../src/main/cli/io.js';
import { safeText } from '../../../src/main/cli/terminal.js';

const HOSTILE = 'a\x1b]0;pwned\x07b\x1b[2Jc\rd\x00e\x7ff\x9b31mg\u202eh';

function stream(isTTY: boolean): PassThrough & { isTTY: boolean; text: () => string } {
  const s = new PassThrough() as PassThrough & { isTTY: boolean; text: () => string };
  s.isTTY = isTTY;
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  s.text = () => Buffer.concat(chunks).toString('utf8');
  return s;
}

describe('safeText', () => {
  it('escapes C0/C1 controls, DEL and bidi marks visibly; keeps tab, newline and ordinary Unicode', () => {
    expect(safeText(HOSTILE)).toBe('a\\x1b]0;pwned\\x07b\\x1b[2Jc\\x0dd\\x00e\\u007ff\\u009b31mg\\u202eh');
    expect(safeText('Epoch 1/2:\tloss 0.5\n  Fix: ünïcode ✓ 数据 ×')).toBe(
      'Epoch 1/2:\tloss 0.5\n  Fix: ünïcode ✓ 数据 ×',
    );
  });

  it('a JSON line stays valid JSON with the same value', () => {
    const value = { name: HOSTILE, classes: ['\x1b[2J', '\r', '\u2066x\u2069'] };
    const line = safeText(JSON.stringify(value));
    expect(line).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(JSON.parse(line)).toEqual(value);
  });
});

describe('terminalIo', () => {
  it('escapes every line on stdout and stderr; the progress bar keeps its own redraw codes only', () => {
    const out = stream(true);
    const err = stream(false);
    const io = terminalIo(out, err);
    io.out(`class ${HOSTILE}`);
    io.err(`DW404 no column ${HOSTILE}`);
    io.status(`Epoch 1 [==>   ] ${HOSTILE}`);
    expect(io.isTty).toBe(true);
    const text = out.text();
    expect(text.startsWith('class a\\x1b]0;pwned\\x07b')).toBe(true);
    // The only raw ESC and CR on stdout are the status line's own "\r ESC[2K" prefix.
    expect(text.match(/\x1b/g)).toHaveLength(1);
    expect(text).toContain('\n\r\x1b[2KEpoch 1 [==>   ] a\\x1b]0;');
    expect(err.text()).not.toMatch(/[\x1b\x07\r]/);
  });

  it('draws no status line off a terminal', () => {
    const out = stream(false);
    const io = terminalIo(out, stream(false));
    io.status('Epoch 1');
    expect(io.isTty).toBe(false);
    expect(out.text()).toBe('');
  });
});
