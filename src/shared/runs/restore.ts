/**
 * Going back to a past run: its graph (when the record kept one) and the
 * weights that fit that graph, if any are stored (the project's own, or a
 * run's side project). Pure: the caller reads and writes the files.
 */
import { DeepwireError } from '../errors.js';
import { graphRevision } from '../project/revision.js';
import type { RunRecord } from '../project/runs-schema.js';
import type { Project } from '../project/schema.js';
import type { WeightsBlob } from '../project/weights-schema.js';

export interface Restored {
  project: Project;
  /** Whether the graph changed, and which weights the result holds. */
  graphChanged: boolean;
  weights: 'kept' | 'restored' | 'none';
  /** The project's weights that no longer fit (save them beside the file). */
  displaced: WeightsBlob | null;
}

/** The project with `run`'s graph and weights; `candidates` are other stored weights (side projects). DW221 when nothing is stored. */
export function restoreRun(project: Project, run: RunRecord, candidates: readonly WeightsBlob[] = []): Restored {
  const currentRev = graphRevision(project.graph);
  const runRev = run.graph ? graphRevision(run.graph) : run.graphRevision;
  if (!run.graph && runRev !== currentRev) {
    throw new DeepwireError(
      'DW221',
      `run ${run.id.slice(0, 8)} was recorded without its graph (an older record), and the project's graph has changed since; there is nothing to restore`,
      run.id,
    );
  }
  const graphChanged = runRev !== currentRev;
  const graph = graphChanged && run.graph ? run.graph : project.graph;
  const { weights: current, ...rest } = project;
  const fits = (w: WeightsBlob | undefined) => w !== undefined && w.graphRevision === runRev;
  // The stored weights may fit the run while the graph does not (edited after training, weights now stale).
  if (fits(current)) return { project: { ...project, graph }, graphChanged, weights: 'kept', displaced: null };
  const found = candidates.find((w) => fits(w));
  const restoredProject: Project = { ...rest, graph, ...(found ? { weights: found } : {}) };
  return { project: restoredProject, graphChanged, weights: found ? 'restored' : 'none', displaced: current ?? null };
}
