/**
 * Issue #17: a bounded, seeded fuzz pass of well-formed, authenticated
 * contract calls that name hostile paths — `..` escapes, links inside the
 * served root that lead out (to a file and to a folder), absolute paths
 * elsewhere, NUL bytes, very long names — through every command that reads
 * or writes a path. Afterwards nothing outside the served root (and the
 * studio's own config folder) was created or changed, every call was
 * answered (a result or a numbered problem), and the server still serves.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/shared/random.js';
import { startTestStudio, studioClient, type TestStudio } from '../main/server/helpers.js';

const repo = join(import.meta.dirname, '../..');
const project = JSON.parse(readFileSync(join(repo, 'resources/examples/simple-rnn.deepwire'), 'utf8')) as Record<
  string,
  unknown
>;

let t: TestStudio;
let outside: string;

/** Every file and link under `dir` (not below `skip`), with a hash of what it holds. */
function snapshot(dir: string, skip: string[]): Map<string, string> {
  const seen = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (skip.includes(p)) continue;
      const s = lstatSync(p);
      if (s.isDirectory()) {
        seen.set(p, 'dir');
        walk(p);
      } else if (s.isSymbolicLink()) seen.set(p, 'link');
      else seen.set(p, createHash('sha1').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return seen;
}

beforeAll(async () => {
  t = await startTestStudio();
  outside = join(t.dir, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.deepwire'), 'do not overwrite');
  writeFileSync(join(outside, 'victim.txt'), 'do not overwrite');
  mkdirSync(join(t.root, 'sub'));
  writeFileSync(join(t.root, 'p.deepwire'), JSON.stringify(project));
  symlinkSync(join(outside, 'victim.deepwire'), join(t.root, 'link-file.deepwire'));
  symlinkSync(outside, join(t.root, 'link-dir'));
  symlinkSync(join(outside, 'missing'), join(t.root, 'dangling'));
});

afterAll(async () => {
  await t?.close();
});

describe('hostile paths through every path-taking command (seeded fuzz)', () => {
  it('writes nothing outside the served root and answers every call', async () => {
    const rnd = seededRandom(1717);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const bases = [
      t.root,
      join(t.root, 'sub'),
      join(t.root, 'link-dir'),
      join(t.root, 'dangling'),
      outside,
      t.dir,
      '/tmp',
      '/etc',
      '/proc/self',
      '',
    ];
    const tails = [
      'p.deepwire',
      'new.deepwire',
      'link-file.deepwire',
      'victim.deepwire',
      'victim.txt',
      '../victim.deepwire',
      '../outside/victim.txt',
      '../../x.deepwire',
      'a/../../../outside/y.deepwire',
      'link-dir/z.deepwire',
      'link-dir',
      'dangling/w.deepwire',
      '.',
      '..',
      '',
      '%2e%2e/%2e%2e/v.deepwire',
      'nul\u0000.deepwire',
      'x'.repeat(300) + '.deepwire',
      'out\\..\\..\\win.deepwire',
      'model.json',
      'environ',
    ];
    const paths = () => {
      const base = pick(bases);
      const tail = pick(tails);
      return base ? `${base}/${tail}` : tail;
    };
    const calls: Array<() => [string, unknown]> = [
      () => ['project.open', { path: paths() }],
      () => ['project.importModel', { path: paths() }],
      () => ['project.save', { project, path: paths() }],
      () => ['project.saveAs', { project, path: paths() }],
      () => ['files.list', { path: paths() }],
      () => ['dataset.browse', { path: paths() }],
      () => ['dataset.preview', { dataset: { source: 'csv', path: paths(), labelColumn: 'label' }, count: 2 }],
      () => ['export.run', { project, format: pick(['history', 'card', 'keras']), destination: paths() }],
      () => ['settings.set', { datasetCacheDir: paths() }],
      () => ['project.recent', { action: 'remove', path: paths() }],
      () => ['recovery.save', { docId: `d${Math.floor(rnd() * 4)}`, project, path: paths() }],
    ];
    const before = snapshot(t.dir, [t.root, join(t.dir, 'config')]);
    const client = studioClient(t.server.port, t.server.token);
    const outcomes = new Map<string, number>();
    try {
      const N = 600;
      for (let i = 0; i < N; i++) {
        const [command, request] = pick(calls)();
        const outcome = await (client.call as (c: string, r: unknown) => Promise<unknown>)(command, request).then(
          () => 'ok',
          (e: unknown) => (e as { code?: string }).code ?? `thrown: ${String(e)}`,
        );
        outcomes.set(`${command} ${outcome}`, (outcomes.get(`${command} ${outcome}`) ?? 0) + 1);
      }
      // Every refusal was a numbered problem; the server still answers.
      const unnumbered = [...outcomes.keys()].filter((k) => !/ (ok|DW\d{3})$/.test(k));
      expect(unnumbered).toEqual([]);
      expect((await client.call('app.info', {})).transport).toBe('web');
    } finally {
      client.close();
    }
    console.log(`ws-paths fuzz: ${[...outcomes].map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    const after = snapshot(t.dir, [t.root, join(t.dir, 'config')]);
    expect([...after].filter(([p, h]) => before.get(p) !== h)).toEqual([]);
    expect(readFileSync(join(outside, 'victim.deepwire'), 'utf8')).toBe('do not overwrite');
  }, 180_000);
});
