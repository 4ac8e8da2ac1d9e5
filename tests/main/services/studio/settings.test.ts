import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore, defaultConfigDir, readSettingsFile } from '../../../../src/main/services/settings.js';
import { DeepwireError } from '../../../../src/shared/errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings', () => {
  it('starts from the defaults and writes only valid, complete JSON', async () => {
    const store = createSettingsStore(join(dir, 'settings.json'));
    expect(await store.get()).toMatchObject({
      backend: 'auto',
      theme: 'system',
      datasetCacheDir: null,
      autosaveSeconds: 5,
    });
    await store.set({ backend: 'wasm', datasetCacheDir: join(dir, 'cache') });
    const onDisk = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ backend: 'wasm', theme: 'system', recentFiles: [] });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // A second store (the other transport) reads the same values.
    expect((await createSettingsStore(join(dir, 'settings.json')).get()).backend).toBe('wasm');
  });

  it('refuses invalid values with DW601 naming the field, leaving the file alone', async () => {
    const store = createSettingsStore(join(dir, 'settings.json'));
    await store.set({ theme: 'dark' });
    const bad = await store.set({ theme: 'sepia' } as never).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DeepwireError);
    expect(bad).toMatchObject({ code: 'DW601', where: 'settings.theme' });
    expect((await store.get()).theme).toBe('dark');
  });

  it('keeps the good fields of a damaged or hand-edited file', async () => {
    const file = join(dir, 'settings.json');
    writeFileSync(file, JSON.stringify({ theme: 'light', backend: 'quantum', autosaveSeconds: 'often', extra: 1 }));
    expect(await readSettingsFile(file)).toMatchObject({ theme: 'light', backend: 'auto', autosaveSeconds: 5 });
    writeFileSync(file, '{ truncated');
    expect((await readSettingsFile(file)).theme).toBe('system');
  });

  it('applies quick successive changes in order without losing one', async () => {
    const store = createSettingsStore(join(dir, 'settings.json'));
    await Promise.all([
      store.set({ theme: 'dark' }),
      store.set({ autosaveSeconds: 9 }),
      store.addRecent('/a.deepwire', 'a'),
    ]);
    const s = await createSettingsStore(join(dir, 'settings.json')).get();
    expect(s).toMatchObject({ theme: 'dark', autosaveSeconds: 9 });
    expect(s.recentFiles.map((r) => r.path)).toEqual(['/a.deepwire']);
  });

  it('keeps recent files newest first, unique, bounded, and through a reset', async () => {
    const store = createSettingsStore(join(dir, 'settings.json'));
    for (let i = 0; i < 15; i++) await store.addRecent(`/p${i}.deepwire`, `p${i}`);
    await store.addRecent('/p3.deepwire', 'p3');
    let s = await store.get();
    expect(s.recentFiles[0].path).toBe('/p3.deepwire');
    expect(s.recentFiles.length).toBe(12);
    expect(new Set(s.recentFiles.map((r) => r.path)).size).toBe(12);
    await store.set({ theme: 'dark' });
    s = await store.reset();
    expect(s.theme).toBe('system');
    expect(s.recentFiles.length).toBe(12);
    s = await store.removeRecent('/p3.deepwire');
    expect(s.recentFiles.some((r) => r.path === '/p3.deepwire')).toBe(false);
    expect((await store.clearRecent()).recentFiles).toEqual([]);
  });

  it('finds the config folder per platform, or where DEEPWIRE_CONFIG_DIR says', () => {
    expect(defaultConfigDir({ DEEPWIRE_CONFIG_DIR: '/x' }, 'linux')).toBe('/x');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(join('/cfg', 'deepwire'));
    expect(defaultConfigDir({ APPDATA: 'C:\\Users\\r\\AppData\\Roaming' }, 'win32')).toContain('Deepwire');
  });
});
