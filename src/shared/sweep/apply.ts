/** A trial's project: the base project with the trial's values put into its graph and training settings. */
import type { GraphDoc } from '../graph/types.js';
import type { TrainingConfig } from '../training/config.js';
import type { TrialParams } from './config.js';
import type { ResolvedParam } from './params.js';

export interface TrialSettings {
  graph: GraphDoc;
  training: TrainingConfig;
}

/** The graph and training settings of one trial; `base` is not changed. */
export function applyTrial(
  base: TrialSettings,
  params: readonly ResolvedParam[],
  values: TrialParams,
  budgetEpochs: number,
): TrialSettings {
  const training: TrainingConfig = {
    ...base.training,
    optimizer: { ...base.training.optimizer },
    epochs: budgetEpochs,
  };
  const layerValues = new Map<string, Record<string, unknown>>();
  const removed = new Set<string>();
  for (const p of params) {
    const v = values[p.path];
    if (v === undefined) continue;
    const t = p.target;
    if (t.kind === 'training') {
      if (t.setting === 'learningRate') training.optimizer.learningRate = v as number;
      else if (t.setting === 'optimizer') training.optimizer.name = v as TrainingConfig['optimizer']['name'];
      else training[t.setting] = v as number;
    } else if (t.kind === 'structure') {
      if (v === false) t.nodeIds.forEach((id) => removed.add(id));
    } else for (const id of t.nodeIds) layerValues.set(id, { ...layerValues.get(id), [t.param]: v });
  }
  const nodes = base.graph.nodes.map((n) => {
    const change = layerValues.get(n.id);
    return change ? ({ ...n, params: { ...n.params, ...change } } as typeof n) : n;
  });
  return { graph: withoutLayers({ ...base.graph, nodes }, removed), training };
}

/** The graph without `removed` layers, each one's input wired to the ports it fed. */
function withoutLayers(graph: GraphDoc, removed: ReadonlySet<string>): GraphDoc {
  let { nodes, edges } = graph;
  for (const id of removed) {
    const source = edges.find((e) => e.target === id)!.source;
    edges = edges.filter((e) => e.target !== id).map((e) => (e.source === id ? { ...e, source } : e));
    nodes = nodes.filter((n) => n.id !== id);
  }
  return { nodes, edges };
}
