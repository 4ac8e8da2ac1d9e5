/**
 * Issue #17 end to end: the real `deepwire serve` process, sent bad frames
 * over raw sockets, stays up, writes one numbered line per bad client to
 * stderr, and answers a good client afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../../src/main/server/web-studio.js';
import { studioClient } from './helpers.js';
import { encodeFrame, helloClient, rawClient } from './raw-ws.js';

let dir: string;
let child: ChildProcess;
let stderr = '';
let port = 0;
let token = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-serve-survives-'));
  child = spawn(
    process.execPath,
    [join(APP_ROOT, 'bin', 'deepwire.js'), 'serve', '--no-open', '--root', dir, '--web', join(dir, 'web')],
    {
      cwd: dir,
      env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deepwire serve did not start: ${stdout}${stderr}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        port = Number(m[1]);
        token = m[2];
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`deepwire serve exited (${code}): ${stderr}`)));
  });
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('deepwire serve with bad clients', () => {
  it('stays up, logs one numbered line per bad client to stderr, and keeps serving', async () => {
    const bad = [
      encodeFrame({ opcode: 0x1, payload: 'hi', mask: false }),
      encodeFrame({ opcode: 0x1, payload: Buffer.from([0xff]) }),
      encodeFrame({ opcode: 0x1, length: 2n ** 40n }),
    ];
    const ports: number[] = [];
    for (const frame of bad) {
      const c = await helloClient(port, token);
      ports.push(c.localPort);
      c.write(frame);
      await c.waitFor(() => c.closeCode() !== null);
      c.socket.end();
      await c.ended();
    }
    const refused = await rawClient(port, { origin: 'http://evil.example', token });
    ports.push(refused.localPort);
    await refused.waitFor(() => refused.closeCode() !== null);
    refused.socket.end();
    await refused.ended();

    const client = studioClient(port, token);
    try {
      expect(await client.call('app.info', {})).toMatchObject({ name: 'Deepwire', transport: 'web' });
    } finally {
      client.close();
    }
    expect(child.exitCode).toBeNull();
    const lines = stderr.split('\n').filter((l) => /^DW6\d\d /.test(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(new RegExp(`^DW610 .*127\\.0\\.0\\.1:${ports[0]}\\); closed it with code 1002$`));
    expect(lines[1]).toMatch(/^DW610 .*invalid UTF-8.*code 1007$/);
    expect(lines[2]).toMatch(/^DW611 .*64 MiB.*code 1009$/);
    expect(lines[3]).toMatch(/^DW603 .*evil\.example.*code 4603$/);
  });
});
