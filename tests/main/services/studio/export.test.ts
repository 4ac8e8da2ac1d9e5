import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import type { EventPayload } from '../../../../src/shared/api/contract.js';

let dir: string;
let root: string;
let studio: Studio;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-export-'));
  root = join(dir, 'work');
  mkdirSync(root);
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
});
afterAll(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('export.run', () => {
  it('writes a TF.js model of an untrained project into a folder, and says the weights are untrained', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const out = join(root, 'tfjs-out');
    const progress: EventPayload<'export.progress'>[] = [];
    const off = studio.onEvent((event, payload) => {
      if (event === 'export.progress') progress.push(payload as EventPayload<'export.progress'>);
    });
    const r = await studio.call('export.run', { project, format: 'tfjs', destination: out });
    off();
    // The engine worker's progress reaches the pages: from the start to done, in order, naming the export.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.every((p) => p.format === 'tfjs' && p.destination === out)).toBe(true);
    expect(progress.map((p) => p.fraction)).toEqual([...progress.map((p) => p.fraction)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ fraction: 1, message: 'done' });
    expect(r?.format).toBe('tfjs');
    expect(r?.files).toContain(join(out, 'model.json'));
    expect(r?.trained).toBe(false);
    expect(r?.warnings.join(' ')).toMatch(/untrained|initial/i);
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as {
      modelTopology: unknown;
      weightsManifest: unknown[];
    };
    expect(model.weightsManifest.length).toBeGreaterThan(0);
    expect(r?.bytes).toBeGreaterThan(693_962 * 4);
  });

  it('writes the training history, even of a project without runs', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    const r = await studio.call('export.run', { project, format: 'history', destination: join(root, 'hist') });
    expect(r?.files.some((f) => f.endsWith('history.csv'))).toBe(true);
    expect(existsSync(join(root, 'hist', 'history.json'))).toBe(true);
  });

  it('refuses destinations outside the served folders, and asks for one in the web studio', async () => {
    const { project } = await studio.call('project.openExample', { id: 'mnist-cnn' });
    expect(
      await studio
        .call('export.run', { project, format: 'history', destination: join(dir, 'escape') })
        .catch((e: unknown) => e),
    ).toMatchObject({
      code: 'DW605',
      where: 'request.destination',
    });
    expect(existsSync(join(dir, 'escape'))).toBe(false);
    expect(await studio.call('export.run', { project, format: 'history' }).catch((e: unknown) => e)).toMatchObject({
      code: 'DW608',
    });
  });
});
