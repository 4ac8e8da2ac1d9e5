/** project.* — new, open, save, save as, examples, recent files. */
import { promises as fs } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import type { ProjectDoc } from '../../../shared/api/project.js';
import { DeepwireError } from '../../../shared/errors.js';
import { parseProject } from '../../../shared/project/index.js';
import type { DatasetConfig } from '../../../shared/training/config.js';
import { resolveDatasetPaths } from '../project-files.js';
import type { FileWatch } from './file-watch.js';
import { canonicalSync } from './paths.js';
import type { StudioDeps, StudioHandlers } from './types.js';

type ProjectHandlers = Pick<
  StudioHandlers,
  'project.new' | 'project.open' | 'project.openText' | 'project.importModel' | 'project.save' | 'project.saveAs' | 'project.listExamples' | 'project.openExample' | 'project.recent'
>;

export const PROJECT_EXTENSION = '.deepwire';

/** A file name for the Save dialog from the project name. */
export function suggestedFileName(project: ProjectDoc): string {
  const stem = project.name.replace(/[^\p{L}\p{N} _.-]+/gu, '-').trim() || 'untitled';
  return stem.endsWith(PROJECT_EXTENSION) ? stem : stem + PROJECT_EXTENSION;
}

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(PROJECT_EXTENSION) ? path : path + PROJECT_EXTENSION;
}

function needDialogs(deps: StudioDeps, what: string): NonNullable<StudioDeps['dialogs']> {
  if (!deps.dialogs) throw new DeepwireError('DW608', `${what} needs a path in the web studio`, 'request.path');
  return deps.dialogs;
}

async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

export function projectHandlers(deps: StudioDeps, watch: FileWatch): ProjectHandlers {
  const { projects, paths, settings } = deps;

  /** The example id of a path inside the examples folder, else null. */
  const examplesReal = canonicalSync(deps.examplesDir);
  const exampleOf = (real: string): string | null => {
    const rel = relative(examplesReal, real);
    return rel && !rel.startsWith('..') && !rel.includes(sep) ? basename(rel, PROJECT_EXTENSION) : null;
  };

  const openAt = async (path: string) => {
    const real = await paths.readable(path, 'request.path');
    const { project, migratedFrom, warnings } = await projects.read(real);
    const example = exampleOf(real);
    // An example opens as an untitled copy: saving must never overwrite it.
    if (example) return { project, path: null, migratedFrom, example, warnings };
    paths.allowFile(real);
    if (deps.transport === 'electron' && project.dataset) allowDataset(project.dataset, real);
    await settings.addRecent(real, project.name);
    await watch.track(real);
    return { project, path: real, migratedFrom, example: null, warnings };
  };

  /**
   * Desktop: the data a project names is the user's choice as much as the
   * project file is, so opening the project permits reading it. (The web
   * studio keeps to its --root folders.)
   */
  const allowDataset = (dataset: DatasetConfig, projectPath: string) => {
    const d = resolveDatasetPaths(dataset, projectPath);
    if (d.source === 'image-folder') paths.allowFolder(d.path);
    else if (d.source === 'csv' || d.source === 'csv-series') paths.allowFile(d.path);
    else if (d.source === 'idx') [d.images, d.labels].forEach((f) => paths.allowFile(f));
  };

  const saveTo = async (path: string, project: ProjectDoc) => {
    const real = await paths.writable(withExtension(path), 'request.path');
    await projects.write(real, project);
    await watch.track(real);
    paths.allowFile(real);
    await settings.addRecent(real, project.name);
    return { path: real, savedAt: new Date().toISOString() };
  };

  const saveAs = async (project: ProjectDoc, path: string | undefined, suggestedName?: string) => {
    if (path) return saveTo(path, project);
    const picked = await needDialogs(deps, 'Save As').saveProject(suggestedName ?? suggestedFileName(project));
    if (!picked) return null;
    paths.allowFile(withExtension(picked));
    return saveTo(picked, project);
  };

  return {
    'project.new': async ({ kind, template }) => ({
      project: await projects.create(kind, template),
      path: null,
      migratedFrom: null,
      example: template ?? null,
      warnings: [],
    }),
    'project.open': async ({ path }) => {
      if (path) return openAt(path);
      const picked = await needDialogs(deps, 'Open').openProject();
      if (!picked) return null;
      paths.allowFile(picked);
      return openAt(picked);
    },
    'project.openText': ({ text, name }) => {
      // A dropped file: same checks and migration as a file on disk, but no path (saving asks where).
      const parsed = parseProject(text, name);
      return Promise.resolve({ project: parsed.project, path: null, migratedFrom: parsed.migratedFrom ?? null, example: null, warnings: parsed.warnings });
    },
    'project.importModel': async ({ path }) => {
      const real = await paths.readable(path, 'request.path');
      // A model.json's weight shards sit beside it: the web studio must be allowed that folder too.
      const isFolder = await fs.stat(real).then((s) => s.isDirectory(), () => false);
      if (!isFolder && deps.transport !== 'electron') await paths.readable(dirname(real), 'request.path');
      // Loaded on first use: importing compiles the model with TF.js.
      const { importModel } = await import('../import-model.js');
      const imported = await importModel(real);
      const warnings = imported.warnings.map((message) => ({ code: 'DW303' as const, message }));
      return { project: imported.project, path: null, migratedFrom: null, example: null, warnings };
    },
    'project.save': ({ project, path }) => saveAs(project, path),
    'project.saveAs': ({ project, path, suggestedName }) => saveAs(project, path, suggestedName),
    'project.listExamples': async () => ({ examples: await projects.listExamples() }),
    'project.openExample': async ({ id }) => ({
      project: await projects.readExample(id),
      path: null,
      migratedFrom: null,
      example: id,
      warnings: [],
    }),
    'project.recent': async (request) => {
      if (request.action === 'remove') await settings.removeRecent(request.path);
      if (request.action === 'clear') await settings.clearRecent();
      const { recentFiles } = await settings.get();
      const recent = await Promise.all(recentFiles.map(async (r) => ({ ...r, name: r.name || basename(r.path), exists: await exists(r.path) })));
      return { recent };
    },
  };
}
