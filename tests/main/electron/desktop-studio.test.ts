/**
 * The studio as the desktop app builds it (transport 'electron', exact-path
 * allow-list), with the native dialogs replaced by a script of what the user
 * picks — Electron's dialogs cannot open here; everything behind them is real.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../../../src/main/services/studio/studio.js';
import { desktopStudio } from '../services/studio/desktop-studio.js';

let dir: string;
let picks: (string | null)[];
let studio: Studio;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-desktop-'));
  ({ studio, picks } = desktopStudio(dir));
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('the desktop studio', () => {
  it('reports native dialogs', async () => {
    expect(await studio.call('app.info', {})).toMatchObject({ transport: 'electron', nativeDialogs: true });
  });

  it('saves only where the user picked, and reopens what it saved', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const target = join(dir, 'picked');
    expect(await code(studio.call('project.save', { project, path: join(dir, 'unpicked.deepwire') }))).toBe('DW605');
    picks.push(null);
    expect(await studio.call('project.save', { project })).toBeNull(); // the user cancelled
    picks.push(target);
    expect((await studio.call('project.save', { project }))?.path).toBe(`${target}.deepwire`);
    // Once saved, the same path may be saved again and reopened without a dialog.
    expect(await code(studio.call('project.save', { project, path: `${target}.deepwire` }))).toBe('ok');
    expect((await studio.call('project.open', { path: `${target}.deepwire` }))?.path).toBe(`${target}.deepwire`);
    expect(await code(studio.call('project.open', { path: join(dir, 'other.deepwire') }))).toBe('DW605');
  });

  it('opens through the dialog, and permits the data the project names', async () => {
    mkdirSync(join(dir, 'proj', 'data'), { recursive: true });
    writeFileSync(
      join(dir, 'proj', 'data', 'rows.csv'),
      ['a,b,label', ...Array.from({ length: 30 }, (_, i) => `${i},${i % 3},${i % 2 ? 'x' : 'y'}`)].join('\n'),
    );
    const { project } = await studio.call('project.new', { kind: 'classifier' });
    const withData = { ...project, dataset: { source: 'csv' as const, path: 'data/rows.csv', labelColumn: 'label' } };
    picks.push(join(dir, 'proj', 'p.deepwire'));
    await studio.call('project.saveAs', { project: withData });

    const fresh = join(dir, 'proj', 'p.deepwire');
    picks.push(fresh);
    const opened = await studio.call('project.open', {});
    expect(opened?.path).toBe(fresh);
    const preview = await studio.call('dataset.preview', {
      dataset: opened!.project.dataset!,
      projectPath: fresh,
      count: 3,
    });
    expect(preview.classes?.sort()).toEqual(['x', 'y']);
    // Other files next to it stay out of reach.
    writeFileSync(join(dir, 'proj', 'data', 'secret.csv'), 'a,label\n1,x\n');
    expect(
      await code(
        studio.call('dataset.preview', {
          dataset: { source: 'csv', path: join(dir, 'proj', 'data', 'secret.csv'), labelColumn: 'label' },
        }),
      ),
    ).toBe('DW605');
  });

  it('lets a picked folder be read as a dataset, and exports only into picked folders', async () => {
    mkdirSync(join(dir, 'images'));
    picks.push(join(dir, 'images'));
    expect(await studio.call('files.pick', { kind: 'folder' })).toEqual({ path: join(dir, 'images') });
    expect((await studio.call('files.list', { path: join(dir, 'images') })).listing?.path).toBe(join(dir, 'images'));
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    expect(await code(studio.call('export.run', { project, format: 'history', destination: join(dir, 'out') }))).toBe(
      'DW605',
    );
    picks.push(join(dir, 'out'));
    const r = await studio.call('export.run', { project, format: 'history' });
    expect(r?.files.every((f) => f.startsWith(join(dir, 'out')))).toBe(true);
  });
});
