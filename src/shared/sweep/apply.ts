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
  for (const p of params) {
    const v = values[p.path];
    if (v === undefined) continue;
    const t = p.target;
    if (t.kind === 'training') {
      if (t.setting === 'learningRate') training.optimizer.learningRate = v as number;
      else if (t.setting === 'optimizer') training.optimizer.name = v as TrainingConfig['optimizer']['name'];
      else training[t.setting] = v as number;
    } else for (const id of t.nodeIds) layerValues.set(id, { ...layerValues.get(id), [t.param]: v });
  }
  const nodes = base.graph.nodes.map((n) => {
    const change = layerValues.get(n.id);
    return change ? ({ ...n, params: { ...n.params, ...change } } as typeof n) : n;
  });
  return { graph: { ...base.graph, nodes }, training };
}
