// `deepwire serve` on a fresh clone builds the studio page first (issue #17):
// the freshness rule, the build's failures as DW816, and a real serve from a
// copy of the checkout that has no out/ folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_SOURCES, ensureStudioPage, isStale } from '../../../src/main/cli/builds.js';
import { memoryIo } from '../../../src/main/cli/io.js';
import { APP_ROOT } from '../../../src/main/server/web-studio.js';
import { DeepwireError } from '../../../src/shared/errors.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-serve-build-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a file and sets its modification time to `at` (ms). */
function fileAt(path: string, at: number, text = 'x'): string {
  writeFileSync(path, text);
  utimesSync(path, at / 1000, at / 1000);
  return path;
}

/** The DeepwireError a promise rejects with. */
async function rejection(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('what serve builds, and when', () => {
  it('an output is stale when missing or older than any source file', () => {
    const src = join(dir, 'stale-src');
    mkdirSync(join(src, 'nested'), { recursive: true });
    const t = Date.now() - 60_000;
    fileAt(join(src, 'a.ts'), t);
    const deep = fileAt(join(src, 'nested', 'b.ts'), t);
    const out = fileAt(join(dir, 'stale-out.html'), t + 1000);
    expect(isStale(join(dir, 'no-such-output'), [src])).toBe(true);
    expect(isStale(out, [src, join(dir, 'no-such-source')])).toBe(false);
    utimesSync(deep, (t + 2000) / 1000, (t + 2000) / 1000);
    expect(isStale(out, [src])).toBe(true);
  });

  it('a page newer than the renderer sources is served as it is, without a build', async () => {
    const web = join(dir, 'fresh-web');
    mkdirSync(web);
    fileAt(join(web, 'index.html'), Date.now() + 86_400_000, '<!doctype html>');
    const io = memoryIo();
    expect(await ensureStudioPage(APP_ROOT, web, io)).toBe('fresh');
    expect(io.stderr).toEqual([]);
  });

  it('DW816 names the missing build tool when vite is not installed', async () => {
    const app = join(dir, 'no-vite');
    mkdirSync(app);
    writeFileSync(join(app, 'vite.web.config.ts'), 'export default {};\n');
    const e = await rejection(ensureStudioPage(app, join(app, 'out', 'web'), memoryIo()));
    expect(e.code).toBe('DW816');
    expect(e.message).toContain('vite is not installed');
    expect(e.message).toContain('npm run build:web');
  });

  it("DW816 carries the end of vite's output when the build fails", async () => {
    const app = join(dir, 'broken-config');
    mkdirSync(app);
    symlinkSync(join(APP_ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
    writeFileSync(join(app, 'vite.web.config.ts'), "throw new Error('config exploded on purpose');\n");
    const io = memoryIo();
    const e = await rejection(ensureStudioPage(app, join(app, 'out', 'web'), io));
    expect(e.code).toBe('DW816');
    expect(e.message).toContain('config exploded on purpose');
    expect(io.stderr[0]).toMatch(/^Building the studio page/);
  }, 30_000);
});

describe('deepwire serve on a fresh clone', () => {
  let child: ChildProcess | undefined;
  afterAll(() => void child?.kill('SIGTERM'));

  it('builds the page, then answers GET / with it', async () => {
    // A checkout without out/: the sources, the bin and the installed packages.
    const clone = join(dir, 'clone');
    mkdirSync(clone);
    const tsconfigs = readdirSync(APP_ROOT).filter((f) => /^tsconfig.*\.json$/.test(f));
    for (const entry of ['bin', 'src', 'resources', 'package.json', 'vite.web.config.ts', ...tsconfigs]) {
      cpSync(join(APP_ROOT, entry), join(clone, entry), { recursive: true });
    }
    symlinkSync(join(APP_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    expect(WEB_SOURCES.every((s) => !s.startsWith('out'))).toBe(true);

    const proc = spawn(process.execPath, [join(clone, 'bin', 'deepwire.js'), 'serve', '--no-open', '--root', dir], {
      cwd: dir,
      env: { ...process.env, DEEPWIRE_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    let output = '';
    proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in 45 s:\n${output}`)), 45_000);
      proc.stdout.on('data', () => {
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      proc.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    expect(output).toMatch(/Building the studio page into .*clone.out.web/);
    expect(output).toMatch(/Built the studio page in \d+\.\d s\./);
    expect(output).not.toContain('not built');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toMatch(/<script[^>]+src="[^"]+\.js"/);
  }, 60_000);
});
