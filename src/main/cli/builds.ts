/**
 * What `npm start` and `deepwire serve` build from a source checkout, and
 * when: an output is stale when it is missing or older than any of its
 * sources. The one place that decides (scripts/start.js imports it too).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';
import type { CliIo } from './io.js';

/** The web studio's page (vite.web.config.ts) and what it is built from, relative to the app root. */
export const WEB_SOURCES = ['src/renderer', 'src/shared', 'vite.web.config.ts', 'package.json'];
/** The desktop app (electron-vite): its marker output and sources. */
export const DESKTOP_OUTPUT = 'out/main/index.js';
export const DESKTOP_SOURCES = ['src', 'electron.vite.config.ts', 'package.json'];

/** Newest modification time (ms) of the files under the given paths; 0 when none exist. */
export function newestMtime(paths: string[]): number {
  let t = 0;
  const walk = (p: string): void => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) return;
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else t = Math.max(t, s.mtimeMs);
  };
  paths.forEach(walk);
  return t;
}

/** True when `output` is missing or any file under `sources` is newer (absolute paths). */
export function isStale(output: string, sources: string[]): boolean {
  const made = statSync(output, { throwIfNoEntry: false });
  return !made || newestMtime(sources) > made.mtimeMs;
}

/** Runs a command, keeping the end of its output for an error message. */
function runQuiet(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env });
    let output = '';
    const keep = (chunk: Buffer): void => void (output = (output + chunk.toString()).slice(-8192));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (e) => resolve({ code: null, output: e.message }));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** A failed build's output without stack frames and native backtraces, which bury the message. */
export function buildErrorLines(output: string): string[] {
  const lines = output.split('\n').map((l) => l.trimEnd());
  const cut = lines.findIndex((l) => l.trim() === 'Stack backtrace:');
  return (cut < 0 ? lines : lines.slice(0, cut)).filter((l) => l.trim() && !/^\s+(at\s|\d+:\s)/.test(l));
}

/**
 * Builds the studio page into `webRoot` when it is missing or older than its
 * sources (a fresh clone, or after a pull), with one line before and after.
 * Throws DW816 when the build tools are missing or the build fails.
 */
export async function ensureStudioPage(appRoot: string, webRoot: string, io: CliIo): Promise<'fresh' | 'built'> {
  if (
    !isStale(
      join(webRoot, 'index.html'),
      WEB_SOURCES.map((s) => join(appRoot, s)),
    )
  )
    return 'fresh';
  const vite = join(appRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const config = join(appRoot, 'vite.web.config.ts');
  if (!existsSync(vite) || !existsSync(config)) {
    const missing = existsSync(config)
      ? `vite is not installed (${vite})`
      : `there are no sources to build it from (${config})`;
    throw new DeepwireError('DW816', `the studio page is not built in ${webRoot}, and ${missing}`, webRoot);
  }
  io.err(`Building the studio page into ${webRoot} (vite build, a few seconds)…`);
  const started = Date.now();
  const args = [vite, 'build', '--config', config, '--outDir', webRoot, '--emptyOutDir', '--logLevel', 'warn'];
  const { code, output } = await runQuiet(process.execPath, args, appRoot);
  if (code !== 0 || !existsSync(join(webRoot, 'index.html'))) {
    const tail = buildErrorLines(output).slice(-12).join('\n');
    throw new DeepwireError('DW816', `vite build exited with ${code ?? 'an error'}:\n${tail}`, config);
  }
  io.err(`Built the studio page in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 'built';
}
