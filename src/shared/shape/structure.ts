/** Document-level problems found before any shape is computed: dangling edges, duplicate names, cycles. */
import type { GraphNode } from '../graph/types.js';
import { nodeError, nodeLabel } from './diagnostics.js';
import type { GraphIndex } from './graph-index.js';
import type { Diagnostic } from './types.js';

export function checkDangling(index: GraphIndex, diagnostics: Diagnostic[]): void {
  for (const e of index.dangling) {
    const from = index.byId.get(e.source);
    const to = index.byId.get(e.target);
    const missing = [!from && `source '${e.source}'`, !to && `target '${e.target}'`].filter(Boolean).join(' and ');
    const end = from ?? to;
    const message = `connection ${e.id} refers to a missing ${missing}`;
    diagnostics.push(
      end
        ? { ...nodeError('DW113', end, `has a ${message}`), edgeId: e.id }
        : { code: 'DW113', severity: 'error', edgeId: e.id, message: `The ${message}` },
    );
  }
}

/**
 * Names become Keras/TF.js layer and weight names, and weight file paths in
 * exports: TF.js accepts `[A-Za-z0-9][-A-Za-z0-9._/]*`, and '.'/'..'/empty
 * segments would turn a '/'-scoped name into a path that leaves its folder.
 */
const LAYER_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function layerNameProblem(name: string): string | null {
  if (!LAYER_NAME.test(name)) return 'may use only letters, digits and - . _ / (starting with a letter or digit)';
  if (name.split('/').some((part) => part === '' || part === '.' || part === '..'))
    return "may not have empty, '.' or '..' parts between '/'";
  return null;
}

/** Every node after the first with a given name gets DW114; a name TF.js would refuse gets DW122. */
export function checkNames(index: GraphIndex, diagnostics: Diagnostic[]): void {
  const firstByName = new Map<string, GraphNode>();
  for (const node of index.nodes) {
    const problem = layerNameProblem(node.name);
    if (problem)
      diagnostics.push(
        nodeError('DW122', node, `has the name ${JSON.stringify(node.name.slice(0, 80))}, which ${problem}`),
      );
    const first = firstByName.get(node.name);
    if (!first) firstByName.set(node.name, node);
    else diagnostics.push(nodeError('DW114', node, `has the same name as ${nodeLabel(first)}`));
  }
}

export function checkCycles(index: GraphIndex, cycles: string[][], diagnostics: Diagnostic[]): void {
  for (const members of cycles) {
    const [first, ...rest] = members.map((id) => index.byId.get(id)!);
    const others = rest.length ? ` together with ${rest.map((n) => n.name).join(', ')}` : ' (it feeds itself)';
    diagnostics.push(nodeError('DW101', first, `is on a cycle${others}`));
  }
}
