/**
 * Fuzz (issue #17): seeded mutations of every example project, and of one
 * with stored weights, run through what `deepwire summary` does (read the
 * document, infer shapes, summarize, format). Every case must end in a valid
 * result or a numbered DeepwireError, never another exception, and quickly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../src/shared/errors.js';
import { encodeWeights, parseProject, serializeProject } from '../../src/shared/project/index.js';
import { inferShapes } from '../../src/shared/shape/infer.js';
import { readModelDocument } from '../../src/shared/summary/document.js';
import { formatSummary, summarizeGraph } from '../../src/shared/summary/index.js';
import { RESOURCES } from '../../scripts/make-examples.js';
import { mutateText, mutateValue, rng, tally, toText, type Json, type Rng } from './mutate.js';

const CASES = 2_500;
const SEED = 17;
/** A hang or a quadratic blow-up shows here; the slowest honest case takes well under a second. */
const CASE_LIMIT_MS = 5_000;

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const examplesDir = join(RESOURCES, 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.deepwire'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(examplesDir, f), 'utf8') }));

/** The small RNN example with a weights blob (one tensor per layer with parameters; cheap to re-read). */
function trainedProject(): { name: string; text: string } {
  const { project } = parseProject(readFileSync(join(examplesDir, 'simple-rnn.deepwire'), 'utf8'));
  const report = inferShapes(project.graph);
  const r = rng(5);
  const tensors = project.graph.nodes
    .map((n) => ({
      name: `${n.name}/kernel`,
      count: report.nodes[n.id].params.trainable + report.nodes[n.id].params.nonTrainable,
    }))
    .filter((t) => t.count > 0)
    .map((t) => ({
      name: t.name,
      shape: [t.count],
      values: Float32Array.from({ length: t.count }, () => r.next() - 0.5),
    }));
  return {
    name: 'simple-rnn+weights',
    text: serializeProject({ ...project, weights: encodeWeights(tensors, project.graph) }),
  };
}

/** Mutations only a project has: dangling and cyclic edges, duplicate ids, damaged weights. */
function mutateProject(doc: Doc, r: Rng): string | null {
  // Earlier generic mutations may have turned entries into numbers or null: mutate objects only.
  const objects = (xs: unknown): Doc[] =>
    Array.isArray(xs) ? xs.filter((x): x is Doc => typeof x === 'object' && x !== null && !Array.isArray(x)) : [];
  const nodes = objects(doc.graph?.nodes);
  const edges = objects(doc.graph?.edges);
  const push = (key: 'nodes' | 'edges', x: Doc) =>
    Array.isArray(doc.graph?.[key]) && (doc.graph[key] as unknown[]).push(x);
  switch (r.int(6)) {
    case 0:
      if (!edges.length) return null;
      r.pick(edges)[r.chance(0.5) ? 'source' : 'target'] = 'missing-node';
      return 'dangling-edge';
    case 1:
      if (nodes.length < 2) return null;
      push('edges', { id: 'back', source: nodes[nodes.length - 1].id, target: nodes[0].id, targetPort: r.int(3) });
      return 'cycle';
    case 2:
      if (!nodes.length) return null;
      push('nodes', { ...r.pick(nodes), ...(r.chance(0.5) ? {} : { name: 'copy' }) });
      return 'duplicate-node';
    case 3: {
      if (!nodes.length) return null;
      const n = r.pick(nodes);
      n.kind = r.pick(['Dense', 'Conv2D', 'LSTM', 'Add', 'Input', 'Noise', 'Reshape', 'toString', '__proto__']);
      return 'kind-swap';
    }
    case 4: {
      const w = doc.weights as Doc | undefined;
      if (!w) return null;
      const which = r.int(4);
      if (which === 0 && typeof w.data === 'string' && w.data.length) {
        const i = r.int(w.data.length);
        w.data = w.data.slice(0, i) + r.pick(['A', '/', '=', '!']) + w.data.slice(i + 1);
      } else if (which === 1) w.byteLength = r.pick([0, 4, w.byteLength + 4, 2 ** 40]);
      else if (which === 2 && Array.isArray(w.specs) && w.specs.length)
        (r.pick(w.specs) as Doc).shape = r.pick([[0], [1e9, 1e9], [3], [-1]]);
      else w.data = typeof w.data === 'string' ? w.data.slice(0, r.int(w.data.length + 1)) : w.data;
      return 'weights-corrupt';
    }
    default:
      return null;
  }
}

/** What `deepwire summary` does with a file, minus the printing. */
function summarize(text: string): void {
  const doc = readModelDocument(text, 'fuzz.deepwire');
  const report = inferShapes(doc.graph, {
    ...(doc.projectKind ? { projectKind: doc.projectKind } : {}),
    ...(doc.sampleShape ? { sampleShape: doc.sampleShape } : {}),
  });
  formatSummary(summarizeGraph(doc.graph, report, { name: doc.name }));
}

describe('fuzz: project files', () => {
  it(`${CASES} seeded mutations give a result or a numbered error, each within ${CASE_LIMIT_MS} ms`, () => {
    const bases = [...examples, trainedProject()];
    const r = rng(SEED);
    const outcomes = new Map<string, number>();
    const ops = new Map<string, number>();
    const failures: string[] = [];
    let slowest = 0;
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      const base = bases[i % bases.length];
      const doc = JSON.parse(base.text) as Doc;
      const applied: string[] = [];
      for (let k = 1 + r.int(3); k > 0; k--)
        applied.push((r.chance(0.25) && mutateProject(doc, r)) || mutateValue(doc as Json, r));
      let text = toText(doc as Json, r);
      if (r.chance(0.15)) {
        const damaged = mutateText(text, r);
        text = damaged.text;
        applied.push(damaged.op);
      }
      for (const op of applied) ops.set(op, (ops.get(op) ?? 0) + 1);

      const t0 = performance.now();
      let outcome = 'accepted';
      try {
        summarize(text);
      } catch (e) {
        outcome = e instanceof DeepwireError ? e.code : 'CRASH';
        if (!(e instanceof DeepwireError))
          failures.push(`case ${i} (${base.name}: ${applied.join(', ')}): ${(e as Error)?.stack ?? String(e)}`);
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      if (ms > CASE_LIMIT_MS) failures.push(`case ${i} (${base.name}: ${applied.join(', ')}) took ${ms.toFixed(0)} ms`);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `project fuzz: ${CASES} cases from ${bases.length} projects in ${seconds} s (slowest ${slowest.toFixed(0)} ms)`,
    );
    console.log(`  outcomes: ${tally(outcomes, CASES)}`);
    console.log(
      `  mutations: ${tally(
        ops,
        [...ops.values()].reduce((a, b) => a + b, 0),
      )}`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(outcomes.get('accepted') ?? 0).toBeGreaterThan(0);
  }, 120_000);
});
