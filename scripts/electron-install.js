// Electron's binary for `npm start`: where it is, and installing it with
// Electron's own installer (node_modules/electron/install.js, which honours
// ELECTRON_MIRROR, electron_config_cache…) when `npm ci` could not.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Seconds the installer may take before `npm start` gives up on it. */
export const INSTALL_TIMEOUT_S = 300;

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
    if (existsSync(p)) return { path: p, reason: null };
    return { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${name || 'electron'}` };
  }
  if (!name) {
    return { path: null, reason: "Electron's binary was never downloaded (node_modules/electron/path.txt is missing)" };
  }
  const p = join(pkg, 'dist', name);
  return existsSync(p) ? { path: p, reason: null } : { path: null, reason: `Electron's binary is missing (${p})` };
}

/** Bytes in the files under a folder (the installer's download in progress). */
function bytesUnder(dir) {
  let n = 0;
  try {
    for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (e.isFile()) n += statSync(join(e.parentPath ?? e.path, e.name), { throwIfNoEntry: false })?.size ?? 0;
    }
  } catch {
    // the installer moved or removed its file between the listing and the stat
  }
  return n;
}

/** The line of the installer's output that says why it failed (its stack's message, not the frames). */
export function lastErrorLine(output) {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('at '));
  return lines.at(-1) ?? null;
}

/**
 * Runs Electron's installer as a child, with a time limit, printing how many
 * bytes have arrived every few seconds (its own progress bar only draws on a
 * terminal, after 30 s). Resolves to { ok, reason }; never throws. The
 * download goes to a temp folder of ours (TMPDIR), so its size is the progress.
 */
export function installElectron(base = root, { env = process.env, timeoutS, log = console.log, everyS = 5 } = {}) {
  const installer = join(base, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return Promise.resolve({ ok: false, reason: 'the electron package is not installed' });
  const version = JSON.parse(readFileSync(join(base, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const limitS = timeoutS ?? (Number(env.DEEPWIRE_ELECTRON_TIMEOUT_S) || INSTALL_TIMEOUT_S);
  const from = env.ELECTRON_MIRROR || env.npm_config_electron_mirror || 'GitHub';
  const downloads = mkdtempSync(join(tmpdir(), 'deepwire-electron-'));
  log(`Electron ${version}'s binary is not installed: downloading it with Electron's installer from ${from}`);
  log(`(up to ${limitS} s; Ctrl+C stops, and ELECTRON_MIRROR picks another source)…`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installer], {
      cwd: join(base, 'node_modules', 'electron'),
      env: { ...env, TMPDIR: downloads, TMP: downloads, TEMP: downloads },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-16_384)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, limitS * 1000);
    const progress = setInterval(() => {
      const mb = (bytesUnder(downloads) / 1e6).toFixed(1);
      log(`  downloading Electron: ${mb} MB after ${Math.round((Date.now() - started) / 1000)} s`);
    }, everyS * 1000);
    const finish = (result) => {
      clearTimeout(timer);
      clearInterval(progress);
      rmSync(downloads, { recursive: true, force: true });
      resolve(result);
    };
    child.on('error', (e) => finish({ ok: false, reason: `Electron's installer did not start (${e.message})` }));
    child.on('exit', (code, signal) => {
      if (code === 0) return finish({ ok: true, reason: null });
      if (timedOut) {
        const reason = `the download from ${from} took over ${limitS} s (DEEPWIRE_ELECTRON_TIMEOUT_S allows more)`;
        return finish({ ok: false, reason });
      }
      const why = lastErrorLine(stderr) ?? `it exited with ${code ?? signal}`;
      // fetch's own message hides its cause (DNS, refused, proxy): it is always the network.
      if (/fetch failed$/.test(why)) return finish({ ok: false, reason: `this machine cannot reach ${from} (${why})` });
      finish({ ok: false, reason: `Electron's installer could not download it from ${from}: ${why}` });
    });
  });
}
