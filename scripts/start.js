#!/usr/bin/env node
// `npm start`: build what changed, then open the desktop app on the source CNN
// example. Where Electron's binary is missing (its download was blocked or
// skipped during `npm ci`), run Electron's own installer first; only when
// that fails, say why and start the web studio instead, printing its URL.
//
// DEEPWIRE_WEB=1                  the web studio, without trying Electron
// DEEPWIRE_NO_BUILD=1             start what is built, build nothing
// DEEPWIRE_ELECTRON_TIMEOUT_S=N   how long the installer may download (default 300)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronBinary, installElectron } from './electron-install.js';

export { electronBinary };

const root = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');

/** The TypeScript shared with the CLI (freshness rule, error catalogue), through tsx as bin/deepwire.js loads it. */
async function shared() {
  const { register } = await import('tsx/esm/api');
  register();
  const builds = await import('../src/main/cli/builds.ts');
  const { formatProblem } = await import('../src/shared/errors.ts');
  return { ...builds, formatProblem };
}

async function startDesktop(electron) {
  const { DESKTOP_OUTPUT, DESKTOP_SOURCES, isStale, formatProblem } = await shared();
  const stale = isStale(
    join(root, DESKTOP_OUTPUT),
    DESKTOP_SOURCES.map((s) => join(root, s)),
  );
  if (stale && process.env.DEEPWIRE_NO_BUILD !== '1') {
    console.log('› building the desktop app (electron-vite build)');
    const shell = process.platform === 'win32';
    const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit', shell });
    if (r.status !== 0) {
      const message = `electron-vite build exited with ${r.status ?? r.signal}`;
      console.error(formatProblem({ code: 'DW819', message }));
      process.exit(r.status || 1);
    }
  }
  // Chromium will not start as root with its OS sandbox (containers); say so rather than fail.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    console.log('Running as root: starting Electron with --no-sandbox (run as a normal user to keep the OS sandbox).');
  }
  const args = [...(asRoot ? ['--no-sandbox'] : []), '.', ...(existsSync(EXAMPLE) ? [EXAMPLE] : [])];
  const child = spawn(electron, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `deepwire serve` on the example; it builds the studio page itself when that is missing or stale. */
function startWeb() {
  console.log('Starting the web studio instead (the same app in your browser, on this machine only).\n');
  const example = existsSync(EXAMPLE) ? [EXAMPLE] : [];
  const args = [join(root, 'bin', 'deepwire.js'), 'serve', ...process.argv.slice(2), ...example];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Electron's binary, installing it first where that can help; else why not. */
async function findOrInstallElectron(env = process.env) {
  const found = electronBinary(root, env);
  if (found.path || !existsSync(join(root, 'node_modules', 'electron', 'install.js'))) return found;
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    return { path: null, reason: `${found.reason}, and ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  }
  const installed = await installElectron(root, { env });
  if (!installed.ok) return { path: null, reason: installed.reason, code: 'DW817' };
  const after = electronBinary(root, env);
  if (after.path) return after;
  return { path: null, reason: `Electron's installer finished, but ${after.reason}`, code: 'DW817' };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.env.DEEPWIRE_WEB) {
    console.log('DEEPWIRE_WEB is set: not starting Electron.');
    startWeb();
  } else {
    const { path, reason, code } = await findOrInstallElectron();
    if (path) await startDesktop(path);
    else {
      if (code) console.log((await shared()).formatProblem({ code, message: reason }));
      else console.log(`Electron cannot start here: ${reason}.`);
      startWeb();
    }
  }
}
