/**
 * Builds the web page and starts the real `deepwire serve` on a free port in
 * a fresh workspace and config folder; hands the printed URL (with its token)
 * to the tests through DEEPWIRE_E2E_URL. The returned function stops it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default async function globalSetup(): Promise<() => Promise<void>> {
  const chromium = process.env.DEEPWIRE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(
      `Chromium is not at ${chromium}: install it with \`apt-get install -y chromium\` (no browser is ever downloaded).`,
    );
  const build = spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:web failed');

  const work = mkdtempSync(join(tmpdir(), 'deepwire-e2e-'));
  const workspace = join(work, 'projects');
  mkdirSync(workspace);
  const server = spawn(
    process.execPath,
    [join(root, 'bin', 'deepwire.js'), 'serve', '--port', '0', '--no-open', '--root', workspace],
    {
      cwd: root,
      env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(work, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deepwire serve printed no URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /https?:\/\/\S+token=\S+/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', (c: Buffer) => {
      output += c.toString();
      process.stderr.write(c);
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`deepwire serve exited with ${code}:\n${output}`));
    });
  });
  process.env.DEEPWIRE_E2E_URL = url;
  process.env.DEEPWIRE_E2E_WORKSPACE = workspace;
  return async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((done) => server.once('exit', done));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
    if (server.exitCode === null) server.kill('SIGKILL');
  };
}
