/** project.* — new, open, save, save as, examples, recent files. */
import { promises as fs } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { ProjectDoc } from '../../../shared/api/project.js';
import { DeepwireError, type Problem } from '../../../shared/errors.js';
import { normalizeProject, parseProject, type Project } from '../../../shared/project/index.js';
import type { DatasetConfig } from '../../../shared/training/config.js';
import { withFileLock } from '../../files/project-lock.js';
import { resolveDatasetPaths, writeProjectFile } from '../project-files.js';
import { displacedWeightsPath, mergeStudioSave, saveBaseOf, type SaveBase } from '../project-update.js';
import type { FileWatch } from './file-watch.js';
import { withEnvelope } from './project-port.js';
import { createSaveQueue } from './save-queue.js';
import { canonicalSync } from './paths.js';
import type { HandlersOf, StudioDeps } from './types.js';

type ProjectHandlers = HandlersOf<'project'>;

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

/** How a save treats a file already at its path: merge into it (Save), or replace it (Save As, the user's choice). */
type SaveMode = 'merge' | 'replace';

async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

export function projectHandlers(deps: StudioDeps, watch: FileWatch): ProjectHandlers {
  const { projects, paths, settings } = deps;
  /** Saves to one path run one at a time, in arrival order, and are acknowledged in that order. */
  const queue = createSaveQueue();
  /**
   * What each document was loaded from, by path and the `modifiedAt` it
   * carries (the page keeps that of the file it opened), updated by its saves:
   * a later save tells its own earlier changes from changes made elsewhere.
   */
  const bases = new Map<string, SaveBase>();
  const baseKey = (path: string, modifiedAt: unknown) => `${path}\n${String(modifiedAt)}`;
  const rememberBase = (path: string, modifiedAt: unknown, project: Pick<Project, 'graph' | 'weights'>) => {
    if (typeof modifiedAt !== 'string') return;
    const key = baseKey(path, modifiedAt);
    bases.delete(key);
    bases.set(key, saveBaseOf(project));
    if (bases.size > 256) bases.delete(bases.keys().next().value as string);
  };

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
    rememberBase(real, project.modifiedAt, project as Project);
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
    else if (d.source === 'csv' || d.source === 'csv-series' || d.source === 'csv-tokens') paths.allowFile(d.path);
    else if (d.source === 'idx') [d.images, d.labels].forEach((f) => paths.allowFile(f));
  };

  /**
   * Under the file's lock: a document loaded from this file (it carries the
   * file's `modifiedAt`) is merged into what the file holds now, so run
   * records and weights a training run stored meanwhile are kept, and a model
   * changed on both sides is refused (DW209). Anything else replaces the file.
   */
  const writeMerged = async (real: string, doc: ProjectDoc, mode: SaveMode) =>
    withFileLock(real, async () => {
      const loadedAt = doc.modifiedAt;
      if (mode === 'replace' || typeof loadedAt !== 'string' || !(await exists(real))) {
        const stamped = await projects.write(real, doc);
        rememberBase(real, stamped, doc as Project);
        return stamped;
      }
      const mine = normalizeProject(withEnvelope(doc));
      const disk = normalizeProject((await projects.read(real)).project);
      const base = bases.get(baseKey(real, loadedAt)) ?? (disk.modifiedAt === loadedAt ? saveBaseOf(disk) : null);
      const { project, displaced } = mergeStudioSave(mine, disk, base, real);
      // Weights a run stored that this document's own run replaces stay beside the file, with their graph.
      if (displaced) await writeProjectFile(displacedWeightsPath(real, displaced), { ...disk, weights: displaced });
      const stamped = await projects.write(real, project);
      // Saves still in flight from this document carry `loadedAt`; the page's next ones carry `stamped`.
      rememberBase(real, loadedAt, project);
      rememberBase(real, stamped, project);
      return stamped;
    });

  const saveTo = async (path: string, project: ProjectDoc, mode: SaveMode) => {
    const real = await paths.writable(withExtension(path), 'request.path');
    // The page keeps `savedAt` as its document's `modifiedAt`: the base its next save (also after a restart) merges from.
    const savedAt = await writeMerged(real, project, mode);
    await watch.track(real);
    paths.allowFile(real);
    await settings.addRecent(real, project.name);
    return { path: real, savedAt };
  };

  const saveAs = async (project: ProjectDoc, path: string | undefined, mode: SaveMode, suggestedName?: string) => {
    if (path) return queue.run(resolve(withExtension(path)), () => saveTo(path, project, mode));
    const picked = await needDialogs(deps, 'Save As').saveProject(suggestedName ?? suggestedFileName(project));
    if (!picked) return null;
    paths.allowFile(withExtension(picked));
    return queue.run(resolve(withExtension(picked)), () => saveTo(picked, project, mode));
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
      return Promise.resolve({
        project: parsed.project,
        path: null,
        migratedFrom: parsed.migratedFrom ?? null,
        example: null,
        warnings: parsed.warnings,
      });
    },
    'project.importModel': async ({ path }) => {
      const real = await paths.readable(path, 'request.path');
      // A model.json's weight shards sit beside it: the web studio must be allowed that folder too.
      const isFolder = await fs.stat(real).then(
        (s) => s.isDirectory(),
        () => false,
      );
      if (!isFolder && deps.transport !== 'electron') await paths.readable(dirname(real), 'request.path');
      // The engine's jobs lane reads the model and compiles it with TF.js (the check that it builds).
      const imported = await deps.engine.request('model.import', { path: real });
      const warnings: Problem[] = imported.warnings.map((message) => ({ code: 'DW303' as const, message }));
      // The designer explains an unset dataset the way the CLI does: which sample shape to choose.
      if (imported.unsetDataset) warnings.push({ code: 'DW313', message: imported.unsetDataset });
      return { project: imported.project, path: null, migratedFrom: null, example: null, warnings };
    },
    'project.save': ({ project, path }) => saveAs(project, path, 'merge'),
    'project.saveAs': ({ project, path, suggestedName }) => saveAs(project, path, 'replace', suggestedName),
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
      const recent = await Promise.all(
        recentFiles.map(async (r) => ({ ...r, name: r.name || basename(r.path), exists: await exists(r.path) })),
      );
      return { recent };
    },
  };
}
