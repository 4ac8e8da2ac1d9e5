// `npm start` (scripts/start.js) installs Electron's binary when it is missing,
// with Electron's own installer, and falls back to the web studio only when
// that fails (issue #17). Real processes throughout: the real installer
// against mirrors on 127.0.0.1, and a fake `electron` that records its argv.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, installElectron, lastErrorLine } from '../../scripts/electron-install.js';

const root = new URL('../../', import.meta.url).pathname;
const EXAMPLE = join(root, 'resources', 'examples', 'mnist-cnn.deepwire');
const electronPackage = join(root, 'node_modules', 'electron', 'package.json');
const version = (JSON.parse(readFileSync(electronPackage, 'utf8')) as { version: string }).version;
const zipName = `electron-v${version}-${process.platform}-${process.arch}.zip`;

let dir: string;
const servers: Server[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-start-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  rmSync(dir, { recursive: true, force: true });
});

/** The environment without anything that would steer Electron's installer elsewhere. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.entries(process.env).filter(([k]) => !/electron/i.test(k) && !/^DEEPWIRE_/.test(k));
  const temp = { electron_config_cache: join(dir, 'electron-cache'), DEEPWIRE_CONFIG_DIR: join(dir, 'config') };
  return { ...Object.fromEntries(env), ...temp, ...extra };
}

/** An HTTP server on 127.0.0.1 answering from a path -> body map (404 otherwise, or never with `hang`). */
async function mirror(files: Record<string, Buffer | string>, hang = false): Promise<string> {
  const server = createServer((req, res) => {
    if (hang) return; // a mirror that accepts and never answers
    const body = files[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A stored (uncompressed) zip whose entries keep their Unix modes, as Electron's release zips do. */
function zip(entries: { name: string; data: Buffer; mode: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += local.length + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A fake `electron`: records its working folder and argv, one per line, then exits 0. */
const FAKE_ELECTRON = '#!/bin/sh\nprintf "%s\\n" "$PWD" "$@" > "$FAKE_ELECTRON_LOG"\n';

/** A checkout with the electron package but no binary; the installer's own dependencies resolve to ours. */
function checkoutWithoutBinary(name: string): string {
  const modules = join(dir, name, 'node_modules');
  mkdirSync(join(modules, 'electron'), { recursive: true });
  for (const f of ['package.json', 'install.js', 'checksums.json']) {
    copyFileSync(join(root, 'node_modules', 'electron', f), join(modules, 'electron', f));
  }
  for (const scope of ['@electron', '@electron-internal']) {
    symlinkSync(join(root, 'node_modules', scope), join(modules, scope), 'dir');
  }
  return join(dir, name);
}

interface Started {
  output: string;
  code: number | null;
  kill(): void;
}

/** Runs scripts/start.js until `until` matches its output (or it exits); resolves with the output and exit code. */
function runStart(args: string[], env: NodeJS.ProcessEnv, until?: RegExp): Promise<Started> {
  const script = join(root, 'scripts', 'start.js');
  const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`start.js gave no answer in 40 s:\n${output}`));
    }, 40_000);
    const done = (code: number | null) => {
      clearTimeout(timer);
      resolve({ output, code, kill: () => child.kill('SIGTERM') });
    };
    const take = (c: Buffer) => {
      output += c.toString();
      if (until?.test(output)) done(null);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('exit', (code) => done(code));
  });
}

describe("Electron's installer, run by npm start", () => {
  it('keeps the message line of a failed stack, not its frames', () => {
    const stack = 'TypeError: fetch failed\n    at node:internal/deps/undici:1:1\n    at async download (x.js:2:3)\n';
    expect(lastErrorLine(stack)).toBe('TypeError: fetch failed');
    expect(lastErrorLine('')).toBeNull();
  });

  it('installs the binary from a reachable mirror, after which it is found', async () => {
    const base = checkoutWithoutBinary('mirror-ok');
    expect(electronBinary(base, {}).path).toBeNull();
    const archive = zip([
      { name: 'electron', data: Buffer.from(FAKE_ELECTRON), mode: 0o755 },
      { name: 'version', data: Buffer.from(version), mode: 0o644 },
    ]);
    const sha = createHash('sha256').update(archive).digest('hex');
    const sums = `${sha} *${zipName}\n`;
    const url = await mirror({ [`/v${version}/${zipName}`]: archive, [`/v${version}/SHASUMS256.txt`]: sums });
    const lines: string[] = [];
    const env = cleanEnv({ ELECTRON_MIRROR: url, electron_use_remote_checksums: '1' });
    const result = await installElectron(base, { env, log: (l) => lines.push(l) });
    expect(result).toEqual({ ok: true, reason: null });
    expect(lines.join('\n')).toContain(`downloading it with Electron's installer from ${url}`);
    const found = electronBinary(base, {});
    expect(found.path).toBe(join(base, 'node_modules', 'electron', 'dist', 'electron'));
    expect(statSync(found.path!).mode & 0o111).not.toBe(0);
  }, 30_000);

  it('reports why when the mirror has no such file', async () => {
    const base = checkoutWithoutBinary('mirror-404');
    const url = await mirror({});
    const result = await installElectron(base, { env: cleanEnv({ ELECTRON_MIRROR: url }), log: () => {} });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(new RegExp(`could not download it from ${url}: HTTPError: Response code 404`));
    expect(existsSync(join(base, 'node_modules', 'electron', 'path.txt'))).toBe(false);
  }, 30_000);

  it('gives up after its time limit when the download stalls', async () => {
    const base = checkoutWithoutBinary('mirror-stalls');
    const url = await mirror({}, true);
    const started = Date.now();
    const result = await installElectron(base, { env: cleanEnv({ ELECTRON_MIRROR: url }), timeoutS: 1, log: () => {} });
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('took over 1 s') });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

describe('npm start', () => {
  it('opens the desktop app on the example when Electron is there', async () => {
    const dist = join(dir, 'fake-dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron'), FAKE_ELECTRON);
    chmodSync(join(dist, 'electron'), 0o755);
    const log = join(dir, 'fake-electron.log');
    const env = cleanEnv({ ELECTRON_OVERRIDE_DIST_PATH: dist, FAKE_ELECTRON_LOG: log, DEEPWIRE_NO_BUILD: '1' });
    const { code, output } = await runStart([], env);
    expect(code, output).toBe(0);
    const [cwd, ...argv] = readFileSync(log, 'utf8').trim().split('\n');
    expect(cwd).toBe(root.replace(/\/$/, ''));
    const asRoot = process.getuid?.() === 0;
    expect(argv).toEqual([...(asRoot ? ['--no-sandbox'] : []), '.', EXAMPLE]);
    expect(output).not.toContain('web studio');
  });

  it('tries the installer, says why it failed, then serves the web studio', async () => {
    const web = join(dir, 'web');
    mkdirSync(web);
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>studio page</title>');
    const url = await mirror({});
    // An empty override folder: a machine whose real binary is installed still takes the missing-binary path.
    const env = cleanEnv({ ELECTRON_MIRROR: url, ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'empty-dist') });
    mkdirSync(join(dir, 'empty-dist'));
    const started = await runStart(['--no-open', '--web', web], env, /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+\n/);
    try {
      expect(started.output).toContain("downloading it with Electron's installer");
      expect(started.output).toMatch(/DW817 Electron could not be installed: .+/);
      expect(started.output).toContain('Starting the web studio instead');
      const studio = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(started.output)![1];
      const res = await fetch(studio);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('studio page');
    } finally {
      started.kill();
    }
  });
});
