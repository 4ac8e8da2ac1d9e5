/**
 * Saves that never drop work done elsewhere. Every read-modify-write of a
 * project file holds its lock (files/project-lock.ts), re-reads the file
 * under it, merges, and writes atomically:
 *
 * - a training run (CLI) appends its run record to the runs now on disk and
 *   stores its weights only if the graph on disk is still the one it trained;
 *   otherwise the weights go to a side project next to the file (DW210);
 * - a studio save keeps the run records the file gained since the document
 *   was loaded (runs are append-only, known by id), keeps weights a run
 *   stored meanwhile, and refuses (DW209) when the model changed in the file
 *   since then and differs from the document's.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DeepwireError, type Problem } from '../../shared/errors.js';
import {
  PROJECT_EXTENSION,
  graphRevision,
  type Project,
  type ProjectInput,
  type RunRecord,
  type WeightsBlob,
} from '../../shared/project/index.js';
import { compactRun } from '../../shared/runs/downsample.js';
import { withFileLock, type LockOptions } from '../files/project-lock.js';
import { readProjectFile, writeProjectFile } from './project-files.js';

const exists = (path: string) =>
  fs.access(path).then(
    () => true,
    () => false,
  );

/**
 * Re-reads `path` under its lock (null when there is no file yet), writes
 * what `change` makes of it, and returns the project as saved.
 */
export async function updateProjectFile(
  path: string,
  change: (current: Project | null) => Project | ProjectInput | Promise<Project | ProjectInput>,
  opts: LockOptions = {},
): Promise<Project> {
  return withFileLock(
    path,
    async () => {
      const current = (await exists(path)) ? (await readProjectFile(path)).project : null;
      return writeProjectFile(path, await change(current));
    },
    opts,
  );
}

/** `<folder>/<stem><suffix>.deepwire`, beside the project. */
function besideProject(path: string, suffix: string): string {
  return join(dirname(path), `${basename(path, PROJECT_EXTENSION)}${suffix}${PROJECT_EXTENSION}`);
}

/** Where a run's weights go when the project's graph changed while it trained. */
export const runSidePath = (path: string, runId: string): string => besideProject(path, `.run-${runId.slice(0, 8)}`);

/** Where a studio save puts weights it replaced that the document never had. */
export const displacedWeightsPath = (path: string, weights: WeightsBlob): string =>
  besideProject(path, `.weights-${weights.crc32}`);

/** Runs of `base` plus those of `other` it lacks (by id), oldest first. */
export function mergeRuns(base: readonly RunRecord[], other: readonly RunRecord[]): RunRecord[] {
  const ids = new Set(base.map((r) => r.id));
  const merged = [...base, ...other.filter((r) => !ids.has(r.id))];
  // Stable: runs with the same start keep their order.
  return merged
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].startedAt.localeCompare(b[0].startedAt) || a[1] - b[1])
    .map(([r]) => r);
}

export interface RunSave {
  /** The project as read when the run started (the graph it trained). */
  trained: Project;
  record: RunRecord;
  weights?: WeightsBlob | null;
}

export interface RunSaved {
  project: Project;
  /** Where the weights are: the project itself, a side project (see `problem`), or nowhere (none trained). */
  weightsPath: string | null;
  /** DW210 when the weights went to a side project. */
  problem: Problem | null;
}

/** Adds a finished run (record + weights) to the project file as it is now on disk. */
export async function saveRunIntoProject(path: string, save: RunSave, opts: LockOptions = {}): Promise<RunSaved> {
  const { trained, weights } = save;
  // Long per-batch curves are stored downsampled, so projects with many runs stay quick to open.
  const record = compactRun(save.record);
  let weightsPath: string | null = null;
  let problem: Problem | null = null;
  const project = await updateProjectFile(
    path,
    async (current) => {
      const now = current ?? trained;
      const runs = mergeRuns(now.runs, [record]);
      if (!weights) return { ...now, runs };
      if (graphRevision(now.graph) === weights.graphRevision) {
        weightsPath = path;
        return { ...now, runs, weights };
      }
      // The model changed while this run trained: its weights fit only the graph it trained.
      const side = runSidePath(path, record.id);
      await writeProjectFile(side, {
        ...trained,
        name: `${trained.name} (run ${record.id.slice(0, 8)})`,
        runs: mergeRuns(trained.runs, [record]),
        weights,
      });
      weightsPath = side;
      problem = {
        code: 'DW210',
        message: `the model in ${path} was changed while this run trained; the run record was added to it, and the weights were saved with the graph they fit in ${side}`,
        where: side,
      };
      return { ...now, runs };
    },
    opts,
  );
  return { project, weightsPath, problem };
}

/** What a studio document was loaded from: enough to tell whose side changed the model or the weights. */
export interface SaveBase {
  graphRevision: string;
  /** The stored weights' identity, null when there were none. */
  weights: string | null;
}

const weightsId = (w: WeightsBlob | undefined | null): string | null =>
  w ? `${w.graphRevision}/${w.crc32}/${w.byteLength}` : null;

export function saveBaseOf(project: Pick<Project, 'graph' | 'weights'>): SaveBase {
  return { graphRevision: graphRevision(project.graph), weights: weightsId(project.weights) };
}

export interface MergedSave {
  project: Project;
  /** Weights the file had that the saved project no longer holds (write them beside it). */
  displaced: WeightsBlob | null;
}

/**
 * The project to write when `doc`, loaded at `base` (null: unknown), is saved
 * over `disk`. The document wins except where the file gained something the
 * document never saw: run records (kept), weights a run stored (kept unless
 * the document trained its own: then displaced), a changed model (DW209).
 */
export function mergeStudioSave(doc: Project, disk: Project, base: SaveBase | null, path: string): MergedSave {
  const diskRev = graphRevision(disk.graph);
  if (diskRev !== graphRevision(doc.graph) && (base === null || diskRev !== base.graphRevision)) {
    throw new DeepwireError(
      'DW209',
      `the model in ${path} was changed by another window or program since this document was loaded, and differs from yours; nothing was saved`,
      path,
    );
  }
  const runs = mergeRuns(doc.runs, disk.runs);
  let weights = doc.weights;
  let displaced: WeightsBlob | null = null;
  if (base === null) weights = doc.weights ?? disk.weights;
  else {
    const diskChanged = weightsId(disk.weights) !== base.weights;
    const docChanged = weightsId(doc.weights) !== base.weights;
    if (diskChanged && !docChanged) weights = disk.weights;
    else if (diskChanged && disk.weights && weightsId(disk.weights) !== weightsId(doc.weights))
      displaced = disk.weights;
  }
  const { weights: _w, ...rest } = doc;
  return { project: { ...rest, runs, ...(weights ? { weights } : {}) }, displaced };
}
