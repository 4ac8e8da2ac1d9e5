/** files.* and dataset.* — folder listings inside the allowed roots, pickers, previews. */
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileKindOf, type FileEntry, type FolderListing } from '../../../shared/api/files.js';
import type { DatasetConfig } from '../../../shared/training/config.js';
import { DeepwireError } from '../../../shared/errors.js';
import { resolveDatasetPaths } from '../project-files.js';
import { cacheDirResolver } from './folder-settings.js';
import type { PathPolicy } from './paths.js';
import type { Emit, HandlersOf, StudioDeps } from './types.js';

type FileHandlers = HandlersOf<'files' | 'dataset'>;

/** Enough for any folder a person browses; more are cut off and flagged. */
export const MAX_LISTING = 1000;

export async function listFolder(paths: PathPolicy, path: string, where = 'request.path'): Promise<FolderListing> {
  const real = await paths.folder(path, where);
  let dirents;
  try {
    dirents = await fs.readdir(real, { withFileTypes: true });
  } catch (e) {
    throw new DeepwireError(
      'DW401',
      `cannot list this folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      real,
    );
  }
  const visible = dirents.filter((d) => !d.name.startsWith('.'));
  const entries: FileEntry[] = [];
  for (const d of visible.slice(0, MAX_LISTING)) {
    const full = join(real, d.name);
    // Follow symlinks for the kind; a broken link is listed as a plain file.
    const stat = await fs.stat(full).catch(() => null);
    if (stat?.isDirectory()) entries.push({ name: d.name, path: full, kind: 'dir' });
    else entries.push({ name: d.name, path: full, kind: fileKindOf(d.name), size: stat?.size ?? 0 });
  }
  entries.sort((a, b) => Number(b.kind === 'dir') - Number(a.kind === 'dir') || a.name.localeCompare(b.name));
  return {
    path: real,
    parent: paths.isRoot(real) ? null : dirname(real),
    entries,
    truncated: visible.length > MAX_LISTING,
  };
}

/**
 * Check every path a dataset config names (relative ones against the project's
 * folder, when the project has a file); returns the config with real paths.
 */
export async function checkDatasetPaths(
  paths: PathPolicy,
  dataset: DatasetConfig,
  root: string,
  projectPath?: string,
): Promise<DatasetConfig> {
  const config = projectPath ? resolveDatasetPaths(dataset, projectPath) : dataset;
  switch (config.source) {
    case 'image-folder':
      return { ...config, path: await paths.folder(config.path, `${root}.path`) };
    case 'csv':
    case 'csv-series':
    case 'csv-tokens':
      return { ...config, path: await paths.readable(config.path, `${root}.path`) };
    case 'idx':
      return {
        ...config,
        images: await paths.readable(config.images, `${root}.images`),
        labels: await paths.readable(config.labels, `${root}.labels`),
      };
    default:
      return config; // built-in: no path
  }
}

export function fileHandlers(deps: StudioDeps, emit: Emit): FileHandlers {
  const { paths, datasets, settings } = deps;
  // Previews write the dataset cache: only into a folder the policy allows (else the default, with a warning).
  const cacheDir = cacheDirResolver(settings, paths, (message) =>
    emit('app.log', { level: 'warn', message, time: new Date().toISOString() }),
  );
  return {
    'files.list': async ({ path }) => ({ roots: paths.roots(), listing: path ? await listFolder(paths, path) : null }),
    'files.pick': async ({ kind }) => {
      if (!deps.dialogs)
        throw new DeepwireError('DW608', 'choosing a dataset needs the studio file browser here', 'request.kind');
      const picked = await deps.dialogs.pick(kind);
      if (!picked) return null;
      if (kind === 'folder') paths.allowFolder(picked);
      else paths.allowFile(picked);
      return { path: picked };
    },
    'dataset.browse': async ({ path }) => ({
      builtins: await datasets.builtins(),
      roots: paths.roots(),
      listing: path ? await listFolder(paths, path) : null,
    }),
    'dataset.preview': async ({ dataset, count, kind, projectPath }) => {
      const checked = await checkDatasetPaths(paths, dataset, 'request.dataset', projectPath);
      return datasets.preview(checked, count, kind, await cacheDir());
    },
  };
}
