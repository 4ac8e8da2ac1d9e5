/**
 * Settings that name a folder Deepwire writes into (the dataset cache) obey
 * the path policy like any other write: `settings.set` keeps only folders the
 * policy lets the studio write — inside a served root, or, on the desktop,
 * picked through the native dialog (asked for when the folder was not) —
 * refusing others with DW616. A settings file edited by hand to name another
 * folder is never written into: the default cache is used, with a warning
 * (DW617).
 */
import type { SettingsPatch } from '../../../shared/api/settings.js';
import { DeepwireError, isDeepwireError } from '../../../shared/errors.js';
import { defaultCacheDir, type SettingsStore } from '../settings.js';
import type { PathPolicy } from './paths.js';
import type { DialogPort } from './ports.js';

const WHERE = 'request.datasetCacheDir';

/**
 * The patch with its folder checked and made real. When the desktop user
 * cancels the dialog, the rest of the patch still applies, without the folder.
 */
export async function checkFolderSettings(
  paths: PathPolicy,
  dialogs: DialogPort | undefined,
  patch: SettingsPatch,
): Promise<SettingsPatch> {
  const dir = patch.datasetCacheDir;
  if (typeof dir !== 'string') return patch;
  try {
    return { ...patch, datasetCacheDir: await paths.writable(dir, WHERE) };
  } catch (e) {
    if (!isDeepwireError(e) || e.code !== 'DW605') throw e;
  }
  if (!dialogs) {
    throw new DeepwireError('DW616', `the dataset cache ${dir} is not inside a folder this studio may write`, WHERE);
  }
  const picked = await dialogs.pick('folder');
  if (!picked) {
    const { datasetCacheDir: _cancelled, ...rest } = patch;
    return rest;
  }
  paths.allowFolder(picked, true);
  try {
    return { ...patch, datasetCacheDir: await paths.writable(picked, WHERE) };
  } catch {
    throw new DeepwireError('DW616', `the dataset cache cannot be kept in ${picked}: Deepwire may not write it`, WHERE);
  }
}

/**
 * The folder dataset caches are written to, decided at each use: the setting
 * when the policy allows writing it, else the default (warning once per value).
 */
export function cacheDirResolver(
  settings: SettingsStore,
  paths: PathPolicy,
  warn: (message: string) => void,
): () => Promise<string> {
  let warned: string | null = null;
  return async () => {
    const dir = (await settings.get()).datasetCacheDir;
    if (!dir) return defaultCacheDir();
    try {
      return await paths.writable(dir, 'settings.datasetCacheDir');
    } catch {
      const fallback = defaultCacheDir();
      if (warned !== dir) {
        warned = dir;
        warn(`DW617: the dataset cache ${dir} in the settings is a folder Deepwire may not write: using ${fallback}`);
      }
      return fallback;
    }
  };
}
