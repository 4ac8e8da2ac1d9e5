/** The kind of project an imported model becomes, told from its graph alone. */
import type { GraphDoc } from '../../graph/types.js';
import type { ProjectKind } from '../../training/config.js';

/** Classifier unless the graph says otherwise: GAN groups, or one linear unit out (a regressor). */
export function projectKindOf(graph: GraphDoc): ProjectKind {
  if (graph.nodes.some((n) => n.group !== undefined)) return 'gan';
  const sources = new Set(graph.edges.map((e) => e.source));
  const outputs = graph.nodes.filter((n) => !sources.has(n.id));
  const last = outputs.length === 1 ? outputs[0] : undefined;
  if (last?.kind === 'Dense' && last.params.units === 1 && last.params.activation === 'linear') return 'regressor';
  return 'classifier';
}

/**
 * The kind `deepwire summary` checks a Keras/TF.js file as, so that it reports what `deepwire import` would
 * refuse (a classifier with several outputs, DW117); none for half a GAN, which is checked as written.
 */
export function summaryKindOf(graph: GraphDoc): ProjectKind | undefined {
  const kind = projectKindOf(graph);
  return kind === 'gan' ? undefined : kind;
}
