/** runs.* — the History panel: table rows, curve overlays, diffs, restore and delete (over run-history.ts). */
import { normalizeProject } from '../../../shared/project/index.js';
import { diffRuns, overlayCurves, runRow } from '../../../shared/runs/index.js';
import type { RunRecord } from '../../../shared/project/index.js';
import { deleteRunsFromFile, historyRuns, restoreFromHistory, runById } from '../run-history.js';
import type { FileWatch } from './file-watch.js';
import { withEnvelope } from './project-port.js';
import type { HandlersOf, StudioDeps } from './types.js';

type RunsHandlers = HandlersOf<'runs'>;

export function runsHandlers(deps: StudioDeps, watch: FileWatch): RunsHandlers {
  const { paths } = deps;
  /** The document's file, as the path policy allows it (the page only names files it opened or saved). */
  const file = async (projectPath: string | undefined, write = false) =>
    projectPath === undefined
      ? null
      : write
        ? paths.writable(projectPath, 'request.projectPath')
        : paths.readable(projectPath, 'request.projectPath');
  const history = async (runs: RunRecord[], projectPath: string | undefined) =>
    historyRuns(runs, await file(projectPath));

  return {
    'runs.list': async ({ runs, projectPath }) => ({
      rows: (await history(runs, projectPath)).map(({ run, index }) => runRow(run, index)),
    }),
    'runs.curves': async ({ runs, projectPath, ids, scale, metric, points }) => {
      const all = await history(runs, projectPath);
      const chosen = ids.map((id, i) => runById(all, id, `request.ids[${i}]`));
      return overlayCurves(chosen, scale, metric, points);
    },
    'runs.diff': async ({ runs, projectPath, a, b }) => {
      const all = await history(runs, projectPath);
      const ra = runById(all, a, 'request.a');
      const rb = runById(all, b, 'request.b');
      return { diff: diffRuns(ra.run, rb.run), indexA: ra.index, indexB: rb.index };
    },
    'runs.restore': async ({ project, run, projectPath }) => {
      const doc = normalizeProject(withEnvelope(project));
      const path = await file(projectPath, true);
      const target = runById(await historyRuns(doc.runs, path), run, 'request.run');
      const r = await restoreFromHistory(doc, target, path, true);
      return {
        index: target.index,
        graph: r.project.graph,
        graphChanged: r.graphChanged,
        weightsState: r.weights,
        weights: r.weights === 'restored' ? (r.project.weights ?? null) : null,
        displacedPath: r.displacedPath,
      };
    },
    'runs.delete': async ({ ids, projectPath }) => {
      const path = await file(projectPath, true);
      if (!path) return { deleted: [] };
      const deleted = await deleteRunsFromFile(path, ids);
      // Our own write: the page must not be told another program changed its file.
      await watch.track(path);
      return { deleted };
    },
  };
}
