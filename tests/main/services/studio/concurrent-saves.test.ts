/**
 * Issue #17 (lost updates) in the studio: saves merge with what a training
 * run wrote meanwhile, refuse a model changed on both sides (DW209), and
 * saves to one path are answered in order.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebStudio } from '../../../../src/main/server/web-studio.js';
import { readProjectFile, writeProjectFile } from '../../../../src/main/services/project-files.js';
import { runSidePath, saveRunIntoProject } from '../../../../src/main/services/project-update.js';
import type { Studio } from '../../../../src/main/services/studio/studio.js';
import type { ProjectDoc } from '../../../../src/shared/api/project.js';
import { DeepwireError } from '../../../../src/shared/errors.js';
import type { GraphDoc } from '../../../../src/shared/graph/types.js';
import {
  encodeWeights,
  graphRevision,
  newProject,
  type Project,
  type RunRecord,
} from '../../../../src/shared/project/index.js';
import { regressor } from '../../engine/helpers/graph.js';

let dir: string;
let root: string;
let path: string;
let studio: Studio;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'deepwire-saves-'));
  root = join(dir, 'work');
  mkdirSync(root);
  path = join(root, 'reg.deepwire');
  await writeProjectFile(
    path,
    newProject('regressor', 'reg', {
      graph: regressor(3),
      dataset: { source: 'csv', path: 'data.csv', labelColumn: 'y', normalize: false, validationSplit: 0.1, seed: 42 },
    }),
  );
  studio = createWebStudio({ roots: [root], configDir: join(dir, 'config'), checkResponses: true });
});
afterEach(async () => {
  await studio.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Weights shaped for regressor(3)'s two Dense layers. */
function weightsFor(graph: GraphDoc, seed: number) {
  const [d0, d1] = graph.nodes.filter((n) => n.kind === 'Dense').map((n) => n.name);
  const t = (name: string, shape: number[]) => ({
    name,
    shape,
    values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => seed + i / 100),
  });
  return encodeWeights(
    [t(`${d0}/kernel`, [3, 16]), t(`${d0}/bias`, [16]), t(`${d1}/kernel`, [16, 1]), t(`${d1}/bias`, [1])],
    graph,
  );
}

function runOf(project: Project, id: string): RunRecord {
  return {
    id,
    startedAt: new Date().toISOString(),
    status: 'completed',
    backend: 'cpu',
    config: { dataset: project.dataset!, training: project.training },
    epochsCompleted: 1,
    history: { loss: [0.5] },
    metrics: { testLoss: 0.5 },
  };
}

const renameFirstDense = (graph: GraphDoc, name: string): GraphDoc => {
  const first = graph.nodes.find((n) => n.kind === 'Dense')!;
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === first.id ? { ...n, name } : n)) };
};

async function open(): Promise<ProjectDoc> {
  const opened = await studio.call('project.open', { path });
  return opened!.project;
}

async function failure(p: Promise<unknown>): Promise<DeepwireError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(DeepwireError);
  return e as DeepwireError;
}

describe('studio saves while a run trains', () => {
  it('an edit saved during a run survives the run saving; the run record is added, its weights go to a side project', async () => {
    const doc = await open();
    const trained = (await readProjectFile(path)).project; // what the run read when it started
    await studio.call('project.save', { project: { ...doc, graph: renameFirstDense(doc.graph, 'hidden') }, path });

    const record = runOf(trained, 'run-aaaaaaaa-1');
    const saved = await saveRunIntoProject(path, { trained, record, weights: weightsFor(trained.graph, 1) });
    expect(saved.problem?.code).toBe('DW210');
    expect(saved.weightsPath).toBe(runSidePath(path, record.id));

    const { project } = await readProjectFile(path);
    expect(project.graph.nodes.map((n) => n.name)).toContain('hidden');
    expect(project.runs.map((r) => r.id)).toEqual([record.id]);
    expect(project.weights).toBeUndefined(); // never weights for a graph they were not trained for
    const side = (await readProjectFile(saved.weightsPath!)).project;
    expect(side.weights?.graphRevision).toBe(graphRevision(trained.graph));
    expect(side.graph).toEqual(trained.graph);
    expect(side.runs.map((r) => r.id)).toEqual([record.id]);
  });

  it('a run that saved after the document was opened keeps its record and weights when the document is saved', async () => {
    const doc = await open();
    const trained = (await readProjectFile(path)).project;
    const weights = weightsFor(trained.graph, 2);
    const run = await saveRunIntoProject(path, { trained, record: runOf(trained, 'run-bbbbbbbb-1'), weights });
    expect(run).toMatchObject({ weightsPath: path, problem: null });

    // The page never heard of the run: it saves a new name and a moved block.
    const moved = {
      ...doc.graph,
      nodes: doc.graph.nodes.map((n, i) => (i === 0 ? { ...n, position: { x: 500, y: 70 } } : n)),
    };
    await studio.call('project.save', { project: { ...doc, name: 'renamed', graph: moved }, path });
    const { project } = await readProjectFile(path);
    expect(project.name).toBe('renamed');
    expect(project.graph.nodes[0].position).toEqual({ x: 500, y: 70 });
    expect(project.runs.map((r) => r.id)).toEqual(['run-bbbbbbbb-1']);
    expect(project.weights?.data).toBe(weights.data);

    // The same document saved again (its own earlier save is not a change "elsewhere").
    await studio.call('project.save', {
      project: { ...doc, name: 'renamed', graph: renameFirstDense(moved, 'again') },
      path,
    });
    expect((await readProjectFile(path)).project.runs).toHaveLength(1);
  });

  it('a model changed both in the file and in the document is refused with DW209; the file is unchanged', async () => {
    const doc = await open();
    const other = (await readProjectFile(path)).project;
    await writeProjectFile(path, { ...other, graph: renameFirstDense(other.graph, 'theirs') });
    const before = readFileSync(path, 'utf8');

    const mine = await failure(
      studio.call('project.save', { project: { ...doc, graph: renameFirstDense(doc.graph, 'mine') }, path }),
    );
    expect(mine.code).toBe('DW209');
    expect(mine.message).toContain(path);
    // Saving the unchanged document would silently revert their change: refused too.
    expect((await failure(studio.call('project.save', { project: doc, path }))).code).toBe('DW209');
    expect(readFileSync(path, 'utf8')).toBe(before);
    // Save As is the way out: it writes where the user chose.
    const copy = join(root, 'mine.deepwire');
    await studio.call('project.saveAs', {
      project: { ...doc, graph: renameFirstDense(doc.graph, 'mine') },
      path: copy,
    });
    expect((await readProjectFile(copy)).project.graph.nodes.map((n) => n.name)).toContain('mine');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('20 concurrent saves to one path are answered in order and the file holds the last', async () => {
    const doc = await open();
    const acks: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        studio
          .call('project.save', {
            project: { ...doc, name: `v${i}`, graph: renameFirstDense(doc.graph, `dense_v${i}`) },
            path,
          })
          .then(() => acks.push(i)),
      ),
    );
    expect(acks).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const { project } = await readProjectFile(path);
    expect(project.name).toBe('v19');
    expect(project.graph.nodes.map((n) => n.name)).toContain('dense_v19');
  });
});
