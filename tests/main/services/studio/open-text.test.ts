/** project.openText: a project dropped on the page, checked and migrated like a file, with no path. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, createWebStudio } from '../../../../src/main/server/web-studio.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import { DeepwireError } from '../../../../src/shared/errors.js';

let dir: string;
let studio: Studio;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-opentext-'));
  studio = createWebStudio({ roots: [dir], configDir: join(dir, 'config'), checkResponses: true });
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof DeepwireError ? e.code : String(e)),
  );

describe('project.openText', () => {
  it('opens a current file as an untitled document', async () => {
    const text = readFileSync(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), 'utf8');
    const opened = await studio.call('project.openText', { text, name: 'mnist-cnn.deepwire' });
    expect(opened).toMatchObject({ path: null, migratedFrom: null, example: null });
    expect(opened.project.name).toBe('MNIST CNN');
    // Nothing was remembered as a file: recent files stay empty.
    expect((await studio.call('project.recent', { action: 'list' })).recent).toEqual([]);
  });

  it('migrates an older format and says from which version', async () => {
    const text = readFileSync(
      join(process.cwd(), 'tests', 'shared', 'project', 'fixtures', 'v0-draft.deepwire'),
      'utf8',
    );
    expect((await studio.call('project.openText', { text, name: 'old.deepwire' })).migratedFrom).toBe(0);
  });

  it('refuses newer versions (DW204), broken JSON (DW202) and malformed requests (DW601)', async () => {
    const newer = {
      ...(JSON.parse(readFileSync(join(EXAMPLES_DIR, 'mnist-cnn.deepwire'), 'utf8')) as object),
      version: 99,
    };
    expect(await code(studio.call('project.openText', { text: JSON.stringify(newer), name: 'n.deepwire' }))).toBe(
      'DW204',
    );
    expect(await code(studio.call('project.openText', { text: '{ "format": ', name: 'b.deepwire' }))).toBe('DW202');
    const malformed = await studio.dispatch('project.openText', { text: '' });
    expect(malformed).toMatchObject({ ok: false, problem: { code: 'DW601' } });
  });
});
