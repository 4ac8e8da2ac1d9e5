/**
 * The contracts of a CycleGAN document (Zhu et al. 2017): four models in four
 * groups — G = generator_ab (A → B), F = generator_ba (B → A), and the
 * discriminators of each domain — that meet only through the two domains'
 * sample shapes. Checked live like the GAN contracts; every diagnostic names
 * the node and the fix (DW126–DW128 in the error catalogue).
 */
import { CYCLE_GROUPS, type GraphDoc, type GraphNode, type Group } from '../graph/types.js';
import { formatShape, sameShape } from '../layers/specs/util.js';
import type { Shape } from '../layers/types.js';
import { graphError, nodeError, nodeLabel } from './diagnostics.js';
import { indexGraph, type GraphIndex } from './graph-index.js';
import { connectedNodes, groupCrossings, sinksOf, sourcesOf, subgraph } from './split.js';
import type { Diagnostic } from './types.js';

export type CycleGroup = (typeof CYCLE_GROUPS)[number];

const CYCLE_SET: ReadonlySet<Group> = new Set(CYCLE_GROUPS);
export const isCycleGroup = (g: Group | undefined): g is CycleGroup => g !== undefined && CYCLE_SET.has(g);

/** A document is a CycleGAN when any node sits in one of the four CycleGAN groups. */
export const isCycleGraph = (graph: GraphDoc): boolean => graph.nodes.some((n) => isCycleGroup(n.group));

/** Which domain each model reads and writes. */
export const CYCLE_ROLES: Record<CycleGroup, { label: string; reads: 'A' | 'B'; writes?: 'A' | 'B' }> = {
  generator_ab: { label: 'generator G (A → B)', reads: 'A', writes: 'B' },
  generator_ba: { label: 'generator F (B → A)', reads: 'B', writes: 'A' },
  discriminator_a: { label: 'discriminator D_A', reads: 'A' },
  discriminator_b: { label: 'discriminator D_B', reads: 'B' },
};

interface Model {
  index: GraphIndex;
  input?: GraphNode;
  output?: GraphNode;
}

export interface CycleCheckInput {
  graph: GraphDoc;
  index: GraphIndex;
  shapeOf(id: string): Shape | undefined;
  /** Both domains' sample shape (batch first), when the dataset is known. */
  sample?: Shape;
  diagnostics: Diagnostic[];
}

function checkModel(c: CycleCheckInput, group: CycleGroup): Model {
  const index = indexGraph(subgraph(c.graph, group));
  const { label } = CYCLE_ROLES[group];
  if (index.nodes.length === 0) {
    const message = `The CycleGAN has no ${label}: add its layers, starting from an Input, to the ${group} group.`;
    c.diagnostics.push(graphError('DW126', message));
    return { index };
  }
  const sources = sourcesOf(index);
  for (const n of sources.filter((s) => s.kind !== 'Input')) {
    const message = `is in the ${label}, which starts from an Input of its domain, not from ${n.kind}`;
    c.diagnostics.push(nodeError('DW126', n, message));
  }
  const inputs = sources.filter((s) => s.kind === 'Input');
  if (inputs.length === 0)
    c.diagnostics.push(graphError('DW126', `The ${label} has no connected Input layer to start from.`));
  for (const extra of inputs.slice(1)) {
    c.diagnostics.push(nodeError('DW126', extra, `is a second Input of the ${label}; it takes one image`));
  }
  const outputs = sinksOf(index).filter((n) => c.shapeOf(n.id));
  for (const extra of outputs.slice(1)) {
    c.diagnostics.push(
      nodeError('DW117', extra, `is a second output of the ${label} besides ${nodeLabel(outputs[0])}`),
    );
  }
  return { index, input: inputs[0], output: outputs[0] };
}

function expectShape(
  c: CycleCheckInput,
  code: 'DW127' | 'DW128',
  node: GraphNode | undefined,
  want: Shape | undefined,
  what: string,
): void {
  const got = node && c.shapeOf(node.id);
  if (node && got && want && !sameShape(got, want)) {
    c.diagnostics.push(
      nodeError(code, node, `${what} ${formatShape(got)}, but domain images are ${formatShape(want)}`),
    );
  }
}

/** A discriminator scores an image (one number) or its patches (a map with one channel: PatchGAN). */
function checkScore(c: CycleCheckInput, group: CycleGroup, out: GraphNode | undefined): void {
  const shape = out && c.shapeOf(out.id);
  if (!out || !shape) return;
  const patch = shape.length === 4 && shape[3] === 1;
  const single = shape.length === 2 && shape[1] === 1;
  if (!patch && !single) {
    const msg = `outputs ${formatShape(shape)}; the ${CYCLE_ROLES[group].label} must give one score per image (None, 1) or per patch (None, h, w, 1)`;
    c.diagnostics.push(nodeError('DW128', out, msg));
  }
}

export function checkCycleGan(c: CycleCheckInput): void {
  for (const node of connectedNodes(c.index)) {
    if (!isCycleGroup(node.group)) {
      const where = node.group ? `is in the ${node.group} group` : 'belongs to no model';
      c.diagnostics.push(
        nodeError('DW126', node, `${where}: in a CycleGAN, set its group to one of ${CYCLE_GROUPS.join(', ')}`),
      );
    }
  }
  c.diagnostics.push(...groupCrossings(c.graph, c.index));
  const models = Object.fromEntries(CYCLE_GROUPS.map((g) => [g, checkModel(c, g)])) as Record<CycleGroup, Model>;
  // The domains: the dataset's samples, else what each domain's discriminator takes.
  const inputShape = (m: Model) => (m.input ? c.shapeOf(m.input.id) : undefined);
  const domain = {
    A: c.sample ?? inputShape(models.discriminator_a),
    B: c.sample ?? inputShape(models.discriminator_b),
  };
  if (c.sample) {
    expectShape(c, 'DW128', models.discriminator_a.input, domain.A, 'takes');
    expectShape(c, 'DW128', models.discriminator_b.input, domain.B, 'takes');
  }
  for (const g of ['generator_ab', 'generator_ba'] as const) {
    const role = CYCLE_ROLES[g];
    expectShape(c, 'DW127', models[g].input, domain[role.reads], `reads domain ${role.reads} but takes`);
    expectShape(
      c,
      'DW127',
      models[g].output,
      domain[role.writes!],
      `must make domain ${role.writes} images but outputs`,
    );
  }
  checkScore(c, 'discriminator_a', models.discriminator_a.output);
  checkScore(c, 'discriminator_b', models.discriminator_b.output);
}
