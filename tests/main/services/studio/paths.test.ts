import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPathPolicy } from '../../../../src/main/services/studio/paths.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-paths-'));
  mkdirSync(join(dir, 'root', 'sub'), { recursive: true });
  mkdirSync(join(dir, 'examples'));
  writeFileSync(join(dir, 'root', 'a.deepwire'), '{}');
  writeFileSync(join(dir, 'examples', 'cnn.deepwire'), '{}');
  writeFileSync(join(dir, 'secret.deepwire'), '{}');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => 'ok',
    (e: { code?: string }) => e.code ?? 'thrown',
  );
}

describe('the path policy', () => {
  it('allows reading and writing inside a writable root, nothing outside', async () => {
    const policy = createPathPolicy({ roots: [{ path: join(dir, 'root'), writable: true }] });
    expect(await code(policy.readable(join(dir, 'root', 'a.deepwire'), 'request.path'))).toBe('ok');
    expect(await code(policy.writable(join(dir, 'root', 'sub', 'new.deepwire'), 'request.path'))).toBe('ok');
    expect(await code(policy.readable(join(dir, 'secret.deepwire'), 'request.path'))).toBe('DW605');
    expect(await code(policy.readable(join(dir, 'root', '..', 'secret.deepwire'), 'request.path'))).toBe('DW605');
    expect(await code(policy.readable('relative/a.deepwire', 'request.path'))).toBe('DW605');
    expect(await code(policy.readable(join(dir, 'root', 'a\0.deepwire'), 'request.path'))).toBe('DW605');
  });

  it('does not let a symlink inside a root lead outside it', async () => {
    symlinkSync(join(dir, 'secret.deepwire'), join(dir, 'root', 'link.deepwire'));
    symlinkSync(dir, join(dir, 'root', 'up'));
    const policy = createPathPolicy({ roots: [{ path: join(dir, 'root'), writable: true }] });
    expect(await code(policy.readable(join(dir, 'root', 'link.deepwire'), 'request.path'))).toBe('DW605');
    expect(await code(policy.writable(join(dir, 'root', 'up', 'evil.deepwire'), 'request.path'))).toBe('DW605');
    expect(await code(policy.folder(join(dir, 'root', 'up'), 'request.path'))).toBe('DW605');
  });

  it('keeps read-only roots read-only', async () => {
    const policy = createPathPolicy({ roots: [{ path: join(dir, 'examples'), writable: false }] });
    expect(await code(policy.readable(join(dir, 'examples', 'cnn.deepwire'), 'w'))).toBe('ok');
    expect(await code(policy.writable(join(dir, 'examples', 'cnn.deepwire'), 'w'))).toBe('DW605');
  });

  it('allows exactly the files the user picked (desktop), including new ones', async () => {
    const policy = createPathPolicy();
    expect(await code(policy.readable(join(dir, 'secret.deepwire'), 'w'))).toBe('DW605');
    policy.allowFile(join(dir, 'secret.deepwire'));
    policy.allowFile(join(dir, 'root', 'sub', 'not-yet.deepwire'));
    expect(await code(policy.readable(join(dir, 'secret.deepwire'), 'w'))).toBe('ok');
    expect(await code(policy.writable(join(dir, 'root', 'sub', 'not-yet.deepwire'), 'w'))).toBe('ok');
    expect(await code(policy.writable(join(dir, 'root', 'sub', 'other.deepwire'), 'w'))).toBe('DW605');
    // A picked file is not a picked folder.
    expect(await code(policy.folder(join(dir, 'root'), 'w'))).toBe('DW605');
    policy.allowFolder(join(dir, 'root'));
    expect(await code(policy.folder(join(dir, 'root', 'sub'), 'w'))).toBe('ok');
    expect(policy.isRoot(policy.roots()[0])).toBe(true);
  });

  it('names the request field in the refusal', async () => {
    const policy = createPathPolicy();
    const e = await policy.readable(join(dir, 'secret.deepwire'), 'request.dataset.path').catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DW605', where: 'request.dataset.path' });
  });
});
