/**
 * Run history on disk, shared by `deepwire runs` and the studio's History
 * panel: the runs of a document together with those its file gained (CLI
 * runs, sweeps), restoring a past run with the weights stored for it, and
 * removing runs from a file under its lock.
 */
import { promises as fs } from 'node:fs';
import { DeepwireError } from '../../shared/errors.js';
import type { Project, RunRecord, WeightsBlob } from '../../shared/project/index.js';
import { restoreRun, type NumberedRun, type Restored } from '../../shared/runs/index.js';
import { readProjectFile, writeProjectFile } from './project-files.js';
import { displacedWeightsPath, mergeRuns, runSidePath, updateProjectFile } from './project-update.js';

const exists = (path: string) =>
  fs.access(path).then(
    () => true,
    () => false,
  );

/**
 * The runs of the files read last, by path, while the file stays the same (an atomic save replaces it: new inode,
 * time and size): the History panel asks again on every tick and sort, and a 200-run file takes a while to parse.
 */
const fileRuns = new Map<string, { stamp: string; runs: readonly RunRecord[] }>();
const FILES_REMEMBERED = 8;

async function runsOnDisk(path: string): Promise<readonly RunRecord[]> {
  const s = await fs.stat(path).catch(() => null);
  if (!s) return [];
  const stamp = `${s.ino}:${s.mtimeMs}:${s.size}`;
  const known = fileRuns.get(path);
  if (known?.stamp === stamp) return known.runs;
  const { runs } = (await readProjectFile(path)).project;
  fileRuns.delete(path);
  fileRuns.set(path, { stamp, runs });
  if (fileRuns.size > FILES_REMEMBERED) fileRuns.delete(fileRuns.keys().next().value as string);
  return runs;
}

/** The document's runs plus those only its file holds (by id), oldest first, numbered from 1. */
export async function historyRuns(runs: readonly RunRecord[], path: string | null): Promise<NumberedRun[]> {
  const onDisk = path ? await runsOnDisk(path) : [];
  return mergeRuns(runs, onDisk).map((run, i) => ({ run, index: i + 1 }));
}

/** The run with this exact id; DW625 when the history has none (deleted meanwhile, or another project's). */
export function runById(history: readonly NumberedRun[], id: string, where: string): NumberedRun {
  const found = history.find((r) => r.run.id === id);
  if (!found) {
    const has = `${history.length} run${history.length === 1 ? '' : 's'}`;
    throw new DeepwireError('DW625', `run ${id.slice(0, 12)} is not in this project's history (it has ${has})`, where);
  }
  return found;
}

/** Weights stored for `runId` in its side project (DW210), if that file exists and reads. */
export async function sideWeights(path: string, runId: string): Promise<WeightsBlob[]> {
  const side = runSidePath(path, runId);
  if (!(await exists(side))) return [];
  const { project } = await readProjectFile(side);
  return project.weights ? [project.weights] : [];
}

export interface RestoredRun extends Restored {
  /** Where the weights that no longer fit were saved, beside the file; null when none were or there is no file. */
  displacedPath: string | null;
}

/**
 * `run`'s graph and fitting weights for `project` (saved at `path`, if it is); weights it displaces are kept
 * beside the file. `onlyReplaced`: only when other weights replace them (the studio's document keeps its
 * weights when none are stored for the run: they fit again after Undo).
 */
export async function restoreFromHistory(
  project: Project,
  { run, index }: NumberedRun,
  path: string | null,
  onlyReplaced = false,
): Promise<RestoredRun> {
  const restored = restoreRun(project, run, path ? await sideWeights(path, run.id) : []);
  let displacedPath: string | null = null;
  if (restored.displaced && path && (!onlyReplaced || restored.weights === 'restored')) {
    displacedPath = displacedWeightsPath(path, restored.displaced);
    await writeProjectFile(displacedPath, {
      ...project,
      name: `${project.name} (weights before restoring run ${index})`,
    });
  }
  return { ...restored, displacedPath };
}

/** Removes the runs with these ids from the file (under its lock); returns the ids it held. */
export async function deleteRunsFromFile(path: string, ids: readonly string[]): Promise<string[]> {
  if (!(await exists(path))) return [];
  const gone = new Set(ids);
  let deleted: string[] = [];
  await updateProjectFile(path, (current) => {
    if (!current) return Promise.reject(new DeepwireError('DW205', `${path} does not exist`, path));
    deleted = current.runs.filter((r) => gone.has(r.id)).map((r) => r.id);
    return { ...current, runs: current.runs.filter((r) => !gone.has(r.id)) };
  });
  return deleted;
}
