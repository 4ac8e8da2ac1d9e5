/**
 * The user's settings as a JSON file shared by the desktop app and the web
 * studio (so both see the same recent files). Validated by the contract's
 * schema on the way in and out, written atomically, one write at a time.
 */
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  MAX_RECENT_FILES,
  defaultSettings,
  settingsPatchSchema,
  settingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../shared/api/settings.js';
import { DeepwireError } from '../../shared/errors.js';
import { writeFileAtomic } from '../files/atomic-write.js';

export interface SettingsStore {
  readonly file: string;
  get(): Promise<Settings>;
  /** Apply a validated patch (DW601 naming the field otherwise). */
  set(patch: SettingsPatch): Promise<Settings>;
  /** Defaults again; recent files (history) and the desktop-chosen Python are kept. */
  reset(): Promise<Settings>;
  /** The desktop's Python for PyTorch, as its native dialog picked it (null = the default search). */
  setPythonPath(path: string | null): Promise<Settings>;
  /** Move a file to the top of the recent list. */
  addRecent(path: string, name: string): Promise<Settings>;
  removeRecent(path: string): Promise<Settings>;
  clearRecent(): Promise<Settings>;
}

/** Deepwire's config folder: `DEEPWIRE_CONFIG_DIR`, else the platform's usual place. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DEEPWIRE_CONFIG_DIR) return env.DEEPWIRE_CONFIG_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Deepwire');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Deepwire');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'deepwire');
}

/** Where datasets are cached when the setting is empty: `DEEPWIRE_CACHE_DIR`, else the platform's cache folder. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.DEEPWIRE_CACHE_DIR) return env.DEEPWIRE_CACHE_DIR;
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Deepwire', 'Cache', 'datasets');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'Deepwire', 'datasets');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'deepwire', 'datasets');
}

/**
 * Read settings leniently: a damaged or hand-edited file never stops the app;
 * fields that fail the schema fall back to their defaults one by one.
 */
export async function readSettingsFile(file: string): Promise<Settings> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return defaultSettings(); // missing or not JSON
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return defaultSettings();
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const field = (settingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key];
    if (field?.safeParse(value).success) kept[key] = value;
  }
  return settingsSchema.parse(kept);
}

export function createSettingsStore(file = join(defaultConfigDir(), 'settings.json')): SettingsStore {
  let current: Promise<Settings> | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  const load = () => (current ??= readSettingsFile(file));

  /** Updates run one after another so two quick changes never lose one. */
  const update = (change: (s: Settings) => Settings): Promise<Settings> => {
    const next = chain.then(async () => {
      const updated = settingsSchema.parse(change(await load()));
      await fs.mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify(updated, null, 2) + '\n', { errorCode: 'DW609', mode: 0o600 });
      current = Promise.resolve(updated);
      return updated;
    });
    chain = next.catch(() => {});
    return next;
  };

  return {
    file,
    get: () => chain.then(load),
    async set(patch) {
      const parsed = settingsPatchSchema.safeParse(patch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new DeepwireError(
          'DW601',
          `settings: ${issue?.message ?? 'invalid value'}`,
          ['settings', ...(issue?.path ?? [])].join('.'),
        );
      }
      return update((s) => ({ ...s, ...parsed.data }));
    },
    reset: () => update((s) => ({ ...defaultSettings(), recentFiles: s.recentFiles, pythonPath: s.pythonPath })),
    setPythonPath: (pythonPath) => update((s) => ({ ...s, pythonPath })),
    addRecent: (path, name) =>
      update((s) => ({
        ...s,
        recentFiles: [
          { path, name, openedAt: new Date().toISOString() },
          ...s.recentFiles.filter((r) => r.path !== path),
        ].slice(0, MAX_RECENT_FILES),
      })),
    removeRecent: (path) => update((s) => ({ ...s, recentFiles: s.recentFiles.filter((r) => r.path !== path) })),
    clearRecent: () => update((s) => ({ ...s, recentFiles: [] })),
  };
}
