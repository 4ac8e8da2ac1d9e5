/**
 * `deepwire runs <project> [--json] [--compare A B] [--delete RUN] [--restore RUN]`:
 * the project's run history as a table, a diff of two runs, and deleting or
 * restoring a run. Runs are named by their number in the table or a prefix
 * of their id. Changes go through updateProjectFile (under the project's
 * lock, merged with the file as it is on disk).
 */
import { resolve } from 'node:path';
import { DeepwireError } from '../../shared/errors.js';
import { diffRuns, findRun, formatRunDiff, formatRunTable, runTable } from '../../shared/runs/index.js';
import { readProjectFile } from '../services/project-files.js';
import { updateProjectFile } from '../services/project-update.js';
import { restoreFromHistory } from '../services/run-history.js';
import { type CliIo, parseCommand, projectArg } from './io.js';

export const HELP = `Usage: deepwire runs <project.deepwire> [options]

Lists the project's training runs: date, backend and device, dataset and its
size, settings, graph revision, duration, samples/s, final metrics, outcome.
A run is named by its number in the list (1 = oldest) or the start of its id.

Options:
  --compare A B   what changed between runs A and B (settings, layers and their
                  params, connections) and their final metrics side by side
  --delete RUN    remove a run's record from the project
  --restore RUN   put back the graph RUN trained, with weights that fit it when
                  stored (the project's own, or the run's side project); weights
                  that no longer fit are saved beside the project first
  --json          print one JSON object instead of text
  -h, --help      show this help

Exit status: 0 done, 1 nothing to restore, 2 usage error, unreadable project or unknown run.`;

type Action =
  | { kind: 'list' }
  | { kind: 'compare'; a: string; b: string }
  | { kind: 'delete'; run: string }
  | { kind: 'restore'; run: string };

interface Options {
  project: string;
  action: Action;
  json: boolean;
}

function parseArgs(args: string[]): Options | 'help' {
  let project: string | undefined;
  let action: Action = { kind: 'list' };
  let json = false;
  const setAction = (a: Action) => {
    if (action.kind !== 'list')
      throw new DeepwireError(
        'DW801',
        `give one of --compare, --delete, --restore (got --${action.kind} and --${a.kind})`,
      );
    action = a;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (what: string) => {
      const v = args[++i];
      if (v === undefined || v.startsWith('--'))
        throw new DeepwireError('DW801', `${arg} needs ${what} (a run number or the start of a run id)`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--json') json = true;
    else if (arg === '--compare') setAction({ kind: 'compare', a: value('two runs'), b: value('a second run') });
    else if (arg === '--delete') setAction({ kind: 'delete', run: value('a run') });
    else if (arg === '--restore') setAction({ kind: 'restore', run: value('a run') });
    else project = projectArg('runs', project, arg);
  }
  if (project === undefined) throw new DeepwireError('DW801', 'runs needs a project: deepwire runs <project.deepwire>');
  return { project, action, json };
}

async function restore(path: string, ref: string, io: CliIo, json: boolean): Promise<void> {
  let message = '';
  let result: Record<string, unknown> = {};
  await updateProjectFile(path, async (current) => {
    if (!current) throw new DeepwireError('DW205', `${path} does not exist`, path);
    const { run, index } = findRun(current.runs, ref);
    const r = await restoreFromHistory(current, { run, index }, path);
    const displacedPath = r.displacedPath;
    const graph = r.graphChanged ? `the graph of run ${index} was restored` : `run ${index} trained the current graph`;
    const weights = {
      kept: 'its weights are the stored ones',
      restored: 'its weights were restored',
      none: 'no weights for it are stored: train again',
    }[r.weights];
    message = `${graph}; ${weights}${displacedPath ? `; the weights it replaced were saved in ${displacedPath}` : ''}`;
    result = {
      event: 'restored',
      run: run.id,
      index,
      graphChanged: r.graphChanged,
      weights: r.weights,
      displaced: displacedPath,
    };
    return r.project;
  });
  io.out(json ? JSON.stringify(result) : `${path}: ${message}`);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const opts = parseCommand(args, parseArgs, HELP, io);
  if (typeof opts === 'number') return opts;
  const path = resolve(opts.project);
  const { action, json } = opts;
  try {
    if (action.kind === 'restore') {
      await restore(path, action.run, io, json);
      return 0;
    }
    if (action.kind === 'delete') {
      let removed = '';
      await updateProjectFile(path, (current) => {
        if (!current) throw new DeepwireError('DW205', `${path} does not exist`, path);
        const { run } = findRun(current.runs, action.run);
        removed = run.id;
        return { ...current, runs: current.runs.filter((r) => r.id !== run.id) };
      });
      io.out(json ? JSON.stringify({ event: 'deleted', run: removed }) : `Deleted run ${removed} from ${path}`);
      return 0;
    }
    const { project } = await readProjectFile(path);
    if (action.kind === 'compare') {
      const a = findRun(project.runs, action.a);
      const b = findRun(project.runs, action.b);
      const diff = diffRuns(a.run, b.run);
      if (json) io.out(JSON.stringify(diff));
      else for (const line of formatRunDiff(diff, String(a.index), String(b.index))) io.out(line);
      return 0;
    }
    const rows = runTable(project);
    if (json) io.out(JSON.stringify({ project: path, runs: rows }));
    else io.out(formatRunTable(rows));
    return 0;
  } catch (e) {
    if (e instanceof DeepwireError) {
      if (json) io.out(JSON.stringify({ event: 'error', code: e.code, message: e.detail, where: e.where ?? null }));
      io.err(e.message);
      return e.code === 'DW221' ? 1 : 2;
    }
    throw e;
  }
}
