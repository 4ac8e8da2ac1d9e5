import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/main/cli/io.js';
import { main } from '../../../src/main/cli/main.js';
import { parseServeArgs, startServe, type ServeOptions } from '../../../src/main/cli/serve.js';
import { DeepwireError } from '../../../src/shared/errors.js';
import { get } from './helpers.js';

function options(args: string[]): ServeOptions {
  const o = parseServeArgs(args);
  if (o === 'help') throw new Error('unexpected --help');
  return o;
}

let dir: string;
const savedConfig = process.env.DEEPWIRE_CONFIG_DIR;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-serve-'));
  process.env.DEEPWIRE_CONFIG_DIR = join(dir, 'config');
});
afterAll(() => {
  if (savedConfig === undefined) delete process.env.DEEPWIRE_CONFIG_DIR;
  else process.env.DEEPWIRE_CONFIG_DIR = savedConfig;
  rmSync(dir, { recursive: true, force: true });
});

describe('deepwire serve', () => {
  it('parses its options, on loopback by default', () => {
    expect(parseServeArgs([])).toMatchObject({ host: '127.0.0.1', port: 0, open: true, roots: [], files: [] });
    expect(parseServeArgs(['--port', '8123', '--no-open', '--root', dir])).toMatchObject({
      port: 8123,
      open: false,
      roots: [dir],
    });
    expect(parseServeArgs(['--help'])).toBe('help');
    for (const bad of [
      ['--port', 'x'],
      ['--port', '70000'],
      ['--host'],
      ['--frobnicate'],
      ['--root', join(dir, 'missing')],
    ]) {
      expect(() => parseServeArgs(bad), bad.join(' ')).toThrow(DeepwireError);
    }
  });

  it('prints the URL with its token and the folders it serves', async () => {
    const io = memoryIo();
    const server = await startServe({ ...options(['--no-open', '--root', dir]), webRoot: join(dir, 'web') }, io);
    try {
      expect(io.stdout.join('\n')).toContain(`http://127.0.0.1:${server.port}/?token=${server.token}`);
      expect(io.stdout.join('\n')).toContain(dir);
      expect(io.stderr.join('\n')).toContain('npm run build:web');
      expect(io.stderr.join('\n')).not.toContain('warning');
      expect((await get(server.port, `/?token=${server.token}`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('warns when bound to an address other machines can reach', async () => {
    const io = memoryIo();
    const exposed = options(['--no-open', '--host', '0.0.0.0', '--root', dir]);
    const server = await startServe(exposed, io);
    try {
      expect(server.exposed).toBe(true);
      expect(io.stderr.join('\n')).toMatch(/warning: listening on 0\.0\.0\.0/);
      // Still token-protected, and the Origin must match the Host it was reached by.
      expect((await get(server.port, '/')).status).toBe(403);
      expect(
        (
          await get(server.port, `/?token=${server.token}`, {
            host: `gpu-box:${server.port}`,
            origin: 'http://evil.example',
          })
        ).status,
      ).toBe(403);
      expect((await get(server.port, `/?token=${server.token}`, { host: `gpu-box:${server.port}` })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('reports a busy port as a usage error (exit 2)', async () => {
    const io = memoryIo();
    const first = await startServe(options(['--no-open', '--root', dir]), memoryIo());
    try {
      expect(await main(['serve', '--no-open', '--root', dir, '--port', String(first.port)], io)).toBe(2);
      expect(io.stderr.join('\n')).toContain('DW801');
      expect(io.stderr.join('\n')).toContain('in use');
    } finally {
      await first.close();
    }
  });
});
