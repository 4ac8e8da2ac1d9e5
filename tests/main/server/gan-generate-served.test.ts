/**
 * "Generate dataset" against a real `deepwire serve` process (issue #13): the
 * studio process generates with TF.js itself (not in the training worker), so
 * it must set up a TF.js backend first — a fresh server used to answer DW607
 * ("backend 'wasm' has not yet been initialized"). The page names the folder
 * relative to the served root.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseBackend } from '../../../src/main/engine/train/backend.js';
import { trainedDoc } from '../services/studio/trained-gan.js';
import { studioClient } from './helpers.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
let root: string;
let server: ChildProcess;
let url: URL;

beforeAll(async () => {
  await chooseBackend('wasm'); // for this process's trainedDoc(); the server is another process
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'deepwire-served-generate-')));
  root = join(dir, 'projects');
  mkdirSync(root);
  mkdirSync(join(dir, 'web')); // no page needed: the test speaks the contract
  server = spawn(
    process.execPath,
    [join(repo, 'bin', 'deepwire.js'), 'serve', '--port', '0', '--no-open', '--root', root, '--web', join(dir, 'web')],
    { cwd: repo, env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(dir, 'config') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deepwire serve printed no URL in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /https?:\/\/\S+token=\S+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(new URL(m[0]));
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.on('exit', (code) => reject(new Error(`deepwire serve exited with ${code}:\n${output}`)));
  });
}, 40_000);
afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('gan.generate on a served studio', () => {
  it('writes the samples into a folder named relative to the served root', async () => {
    const client = studioClient(Number(url.port), url.searchParams.get('token') ?? '');
    try {
      const r = await client.call('gan.generate', { project: trainedDoc(), count: 20, destination: 'generated/cgan' });
      const out = join(root, 'generated', 'cgan');
      expect(r).toMatchObject({ out, count: 20, classes: 10 });
      expect(readdirSync(out)).toHaveLength(10);
    } finally {
      client.close();
    }
  }, 40_000);
});
