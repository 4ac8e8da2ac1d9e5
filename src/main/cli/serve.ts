/**
 * `deepwire serve [--port N] [--host 127.0.0.1] [--root DIR]… [--no-open]`:
 * the studio in a browser. Loopback by default; the printed URL carries the
 * token, and anything without it is refused.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';
import { startStudioServer, type StudioServer } from '../server/server.js';
import { APP_ROOT, WEB_ROOT, appVersion, createWebStudio } from '../server/web-studio.js';
import { ensureStudioPage } from './builds.js';
import type { CliIo } from './io.js';

export const HELP = `Usage: deepwire serve [options] [project.deepwire…]

Serve the studio in a browser, on this machine only unless told otherwise.
Project files named here open in the first page.

Options:
  --port N        port to listen on (default: a free port)
  --host ADDR     address to bind (default 127.0.0.1); anything else is reachable from the network
  --root DIR      a folder the studio may open and save in (repeatable; default: the current folder)
  --web DIR       the built renderer (default: out/web, built here first when missing or stale)
  --no-open       do not open a browser
  -h, --help      this text`;

export interface ServeOptions {
  port: number;
  host: string;
  roots: string[];
  webRoot: string;
  open: boolean;
  /** Project files to open in the first page. */
  files: string[];
}

export function parseServeArgs(args: string[]): ServeOptions | 'help' {
  const o: ServeOptions = { port: 0, host: '127.0.0.1', roots: [], webRoot: WEB_ROOT, open: true, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--')) throw new DeepwireError('DW801', `${arg} needs a value`, arg);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--no-open') o.open = false;
    else if (arg === '--port') {
      const raw = value();
      o.port = Number(raw);
      if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535)
        throw new DeepwireError('DW801', `--port must be 0-65535, not '${raw}'`, '--port');
    } else if (arg === '--host') o.host = value();
    else if (arg === '--root') o.roots.push(resolve(value()));
    else if (arg === '--web') o.webRoot = resolve(value());
    else if (!arg.startsWith('-')) o.files.push(resolve(arg));
    else throw new DeepwireError('DW801', `unknown option '${arg}' for serve`, arg);
  }
  for (const root of o.roots)
    if (!existsSync(root)) throw new DeepwireError('DW801', `--root ${root} does not exist`, '--root');
  for (const file of o.files) if (!existsSync(file)) throw new DeepwireError('DW205', `no such project file`, file);
  return o;
}

/** Start the server and print how to reach it (tests call this and close it). */
export async function startServe(options: ServeOptions, io: CliIo): Promise<StudioServer> {
  const studio = createWebStudio({ roots: options.roots, open: options.files });
  let server: StudioServer;
  try {
    server = await startStudioServer({
      studio,
      webRoot: options.webRoot,
      host: options.host,
      port: options.port,
      version: appVersion(),
    });
  } catch (e) {
    await studio.dispose();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE')
      throw new DeepwireError(
        'DW801',
        `port ${options.port} is in use: pick another with --port, or 0 for any`,
        '--port',
      );
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      throw new DeepwireError('DW801', `cannot bind to ${options.host}`, '--host');
    throw e;
  }
  const close = server.close;
  server.close = async () => {
    await close();
    await studio.dispose();
  };
  if (!existsSync(join(options.webRoot, 'index.html'))) {
    io.err(
      `note: the studio page is not built (${options.webRoot}); run \`npm run build:web\` — the server answers with a page saying so.`,
    );
  }
  if (server.exposed) {
    io.err(
      `warning: listening on ${options.host}, reachable from other machines. The token is the only protection and the ` +
        'connection is not encrypted; prefer the default 127.0.0.1 with an SSH tunnel.',
    );
  }
  io.out('Deepwire studio is running at:');
  io.out(`  ${server.url}`);
  io.out(`Folders it may open and save in: ${(options.roots.length ? options.roots : [process.cwd()]).join(', ')}`);
  io.out('Press Ctrl+C to stop.');
  return server;
}

export function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {}); // no browser here: the URL is printed
    child.unref();
  } catch {
    // the URL is printed; opening is a convenience
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const options = parseServeArgs(args);
  if (options === 'help') {
    io.out(HELP);
    return 0;
  }
  // A fresh clone (or a pull) has no current page yet: build it, as `npm run build:web` would.
  if (options.webRoot === WEB_ROOT) await ensureStudioPage(APP_ROOT, WEB_ROOT, io);
  const server = await startServe(options, io);
  if (options.open) openBrowser(server.url);
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  io.out('Stopping the studio…');
  await server.close();
  return 0;
}
