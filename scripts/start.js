#!/usr/bin/env node
// `npm start`: build what changed, then open the desktop app on the source CNN
// example. Where Electron's binary is not installed (its download is blocked
// or was skipped), say so and start the web studio instead, printing its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');

/**
 * The Electron executable, or why there is none. Never `require('electron')`:
 * that starts a download when the binary is missing, which hangs offline.
 */
export function electronBinary(base = root, env = process.env) {
  const pkg = join(base, 'node_modules', 'electron');
  if (!existsSync(join(pkg, 'package.json'))) return { path: null, reason: 'the electron package is not installed' };
  const pathFile = join(pkg, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const p = join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron');
    return existsSync(p) ? { path: p, reason: null } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${name || 'electron'}` };
  }
  if (!name) return { path: null, reason: "Electron's binary was never downloaded (node_modules/electron/path.txt is missing)" };
  const p = join(pkg, 'dist', name);
  return existsSync(p) ? { path: p, reason: null } : { path: null, reason: `Electron's binary is missing (${p})` };
}

/** Newest modification time of the files under the given folders. */
function newest(paths) {
  let t = 0;
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

/** Rebuild when any source is newer than the output's marker file. */
function isStale(marker, sources) {
  const m = join(root, marker);
  return !existsSync(m) || newest(sources.map((s) => join(root, s))) > statSync(m).mtimeMs;
}

function run(label, cmd, args) {
  console.log(`› ${label}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`${label} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
}

const rendererSources = ['src/renderer', 'src/shared', 'vite.web.config.ts', 'package.json'];

function startDesktop(electron) {
  if (isStale('out/main/index.js', ['src', 'electron.vite.config.ts', 'package.json'])) {
    run('building the desktop app (electron-vite build)', 'npx', ['electron-vite', 'build']);
  }
  // Chromium will not start as root with its OS sandbox (containers); say so rather than fail.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.log('Running as root: starting Electron with --no-sandbox (run as a normal user to keep the OS sandbox).');
  const args = [...(asRoot ? ['--no-sandbox'] : []), '.', ...(existsSync(EXAMPLE) ? [EXAMPLE] : [])];
  const child = spawn(electron, args, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startWeb(reason) {
  console.log(`Electron cannot start here: ${reason}.`);
  console.log('Starting the web studio instead (the same app in your browser, on this machine only).\n');
  if (isStale('out/web/index.html', rendererSources)) run('building the studio page (npm run build:web)', 'npm', ['run', '--silent', 'build:web']);
  const args = [join(root, 'bin', 'deepwire.js'), 'serve', ...process.argv.slice(2), ...(existsSync(EXAMPLE) ? [EXAMPLE] : [])];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { path, reason } = electronBinary();
  if (path && !process.env.DEEPWIRE_WEB) startDesktop(path);
  else startWeb(reason ?? 'DEEPWIRE_WEB is set');
}
