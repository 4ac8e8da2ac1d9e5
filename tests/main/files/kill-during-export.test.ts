/**
 * A process killed (SIGKILL) while exporting a large project (Keras: .npy
 * weights of 2.8 MB, JSON, scripts) over and over into one folder: every file
 * in the destination is always complete (byte for byte what an export
 * writes), the folder appears whole or not at all, and the next export
 * removes the staging folders the killed ones left. One child runs the whole
 * export (TF.js and all); the others write the same files through the same
 * writer without loading TF.js, so ten kills stay within seconds.
 */
import { promises as fs, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport } from '../../../src/main/services/exports.js';
import { bigProject } from './fixtures/big-project.js';
import { startChild } from './fixtures/child.js';

let dir: string;
let reference: string;
let expected: Map<string, Buffer>;

async function filesUnder(folder: string): Promise<Map<string, Buffer>> {
  const found = new Map<string, Buffer>();
  for (const d of await fs.readdir(folder, { recursive: true, withFileTypes: true })) {
    if (d.isFile())
      found.set(relative(folder, join(d.parentPath, d.name)), await fs.readFile(join(d.parentPath, d.name)));
  }
  return found;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'dw-kill-export-'));
  reference = join(dir, 'reference');
  await runExport(bigProject(1), { format: 'keras', outDir: reference, options: { version: 'test' } });
  expected = await filesUnder(reference);
  await fs.mkdir(join(dir, 'work'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/**
 * When to kill: `delayMs` after export #`nth` began, or `delayMs` after a staging folder appears;
 * `full`: the child runs the whole export, not only its writing.
 */
type Moment = ({ nth: number } | { onStage: true }) & { delayMs: number; full?: boolean };

function killDuringExports(dest: string, moment: Moment): Promise<{ exported: number }> {
  return new Promise((resolve, reject) => {
    const child = startChild('export-loop.ts', moment.full ? [dest, 'keras'] : [dest, '--files', reference]);
    let timer: NodeJS.Timeout | undefined;
    const killSoon = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), moment.delayMs));
    const watcher =
      'onStage' in moment
        ? watch(join(dest, '..'), (_event, name) => {
            if (name?.endsWith('.dwstage')) killSoon();
          })
        : undefined;
    let out = '';
    let err = '';
    let exported = 0;
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      for (const m of out.matchAll(/(exporting|exported) (\d+)\n/g)) {
        if (m[1] === 'exported') exported = Math.max(exported, Number(m[2]));
        else if (!('onStage' in moment) && Number(m[2]) >= moment.nth) killSoon();
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      watcher?.close();
      if (signal !== 'SIGKILL') reject(new Error(`export loop ended by itself (${code}): ${err}`));
      else resolve({ exported });
    });
  });
}

describe('kill during export', () => {
  it('leaves only complete files, a whole folder or none, and the next export clears the staging folders', async () => {
    const work = join(dir, 'work');
    const dest = join(work, 'out');
    const log: string[] = [];
    let leftStages = 0;

    const killOnce = async (moment: Moment) => {
      const { exported } = await killDuringExports(dest, moment);
      const present = await filesUnder(dest).catch(() => null);
      if (present) {
        // The folder appears whole (one rename); later exports only replace complete files.
        expect([...present.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [name, bytes] of present)
          expect(bytes.equals(expected.get(name)!), `${name} is complete`).toBe(true);
      } else {
        expect(exported).toBe(0);
      }
      const stages = (await fs.readdir(work)).filter((n) => n.endsWith('.dwstage'));
      leftStages += stages.length;
      const when =
        'onStage' in moment
          ? `${moment.delayMs} ms after staging began`
          : `${moment.delayMs} ms into export #${moment.nth}`;
      log.push(
        `${moment.full ? 'full export, ' : ''}${when}${stages.length ? ' (mid-write)' : ''}${present ? '' : ' (no folder yet)'}`,
      );
    };

    // The first export creates the folder; later ones move files into it one by one.
    await killOnce({ onStage: true, delayMs: 0 });
    await killOnce({ nth: 2, delayMs: Math.floor(Math.random() * 300), full: true });
    for (let i = 0; i < 4; i++)
      await killOnce({ nth: 1 + Math.floor(Math.random() * 3), delayMs: Math.floor(Math.random() * 30) });
    for (let i = 0; i < 4; i++) await killOnce({ onStage: true, delayMs: Math.floor(Math.random() * 10) });
    console.log(`kill-during-export: ${log.join(', ')}`);
    expect(leftStages).toBeGreaterThan(0); // at least one kill landed mid-write

    await runExport(bigProject(1), { format: 'keras', outDir: dest, options: { version: 'test' } });
    expect(await fs.readdir(work)).toEqual(['out']);
    const after = await filesUnder(dest);
    expect([...after.keys()].sort()).toEqual([...expected.keys()].sort());
  }, 120_000); // ~15 s on an idle machine; child start-up dominates under load
});
