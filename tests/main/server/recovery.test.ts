/**
 * Hot exit: a page autosaves its dirty document; the server is killed
 * (SIGKILL, no shutdown code runs); the next studio offers it back.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebStudio } from '../../../src/main/server/web-studio.js';
import { studioClient } from './helpers.js';

let dir: string;
let root: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-recovery-'));
  root = join(dir, 'work');
  mkdirSync(root);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `deepwire serve` in its own process; resolves with its port and token. */
function serve() {
  const child = spawn(
    process.execPath,
    [join(process.cwd(), 'bin', 'deepwire.js'), 'serve', '--no-open', '--root', root, '--web', join(dir, 'web')],
    {
      env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const ready = new Promise<{ port: number; token: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), token: m[2] });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, ready };
}

describe('the recovery area', () => {
  it('gives back the documents of a killed studio, and only those', async () => {
    const { child, ready } = serve();
    const { port, token } = await ready;
    const client = studioClient(port, token);
    const { project } = await client.call('project.openExample', { id: 'mnist-cnn' });
    const edited = { ...project, name: 'Unsaved work' };
    await client.call('recovery.save', { docId: 'doc-1', project: edited, path: join(root, 'work.deepwire') });
    await client.call('recovery.save', { docId: 'doc-2', project: { ...project, name: 'Saved later' } });
    await client.call('recovery.discard', { docId: 'doc-2' });
    // Its own documents are live, not leftovers.
    expect((await client.call('recovery.list', {})).documents).toEqual([]);
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    client.close();

    const next = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
    try {
      const { documents } = await next.call('recovery.list', {});
      expect(documents).toEqual([
        expect.objectContaining({ docId: 'doc-1', name: 'Unsaved work', path: join(root, 'work.deepwire') }),
      ]);
      const restored = await next.call('recovery.restore', { docId: 'doc-1' });
      expect(restored.project.name).toBe('Unsaved work');
      expect(restored.project.graph).toEqual(project.graph);
      expect(restored.path).toBe(join(root, 'work.deepwire'));
      await next.call('recovery.discard', { docId: 'doc-1' });
      expect((await next.call('recovery.list', {})).documents).toEqual([]);
      expect(await next.call('recovery.restore', { docId: 'doc-1' }).catch((e: unknown) => e)).toMatchObject({
        code: 'DW205',
      });
    } finally {
      await next.dispose();
    }
  });

  it('does not hand back a path the page may not write, and refuses odd document ids', async () => {
    const first = createWebStudio({ roots: [root], configDir: join(dir, 'config2') });
    const { project } = await first.call('project.openExample', { id: 'mnist-cnn' });
    await first.call('recovery.save', { docId: 'x', project, path: '/etc/deepwire.deepwire' });
    await first.dispose();
    const second = createWebStudio({ roots: [root], configDir: join(dir, 'config2') });
    try {
      expect((await second.call('recovery.restore', { docId: 'x' })).path).toBeNull();
      for (const docId of ['../settings', '', 'a/b', 'x'.repeat(65)]) {
        expect(await second.call('recovery.save', { docId, project }).catch((e: unknown) => e)).toMatchObject({
          code: 'DW601',
          where: 'request.docId',
        });
      }
    } finally {
      await second.dispose();
    }
  });
});
