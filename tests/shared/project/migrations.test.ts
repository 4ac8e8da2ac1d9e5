import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import {
  CURRENT_VERSION,
  MIGRATIONS,
  migrate,
  parseProject,
  serializeProject,
} from '../../../src/shared/project/index.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';

const v0Text = readFileSync(join(import.meta.dirname, 'fixtures', 'v0-draft.deepwire'), 'utf8');

describe('migrations', () => {
  it('there is one step per older version, in order', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(CURRENT_VERSION).keys()]);
  });

  it('a v0 draft opens as v1 and says it was migrated', () => {
    const { project, migratedFrom } = parseProject(v0Text, 'draft.deepwire');
    expect(migratedFrom).toBe(0);
    expect(project.version).toBe(CURRENT_VERSION);
    expect(project).toMatchObject({
      kind: 'classifier',
      name: 'Prototype CNN',
      createdAt: '2026-03-02T09:15:00Z',
      modifiedAt: '2026-03-04T17:40:12Z',
      app: { name: 'Deepwire', version: '0.0.0-prototype' },
      dataset: { source: 'fashion-mnist', validationSplit: 0.1 },
      training: { optimizer: { name: 'sgd', learningRate: 0.05 }, batchSize: 32, epochs: 2 },
      runs: [],
    });
    expect(project.graph.nodes.map((n) => [n.id, n.name, n.kind, n.position.y])).toEqual([
      ['l1', 'input_1', 'Input', 0],
      ['l2', 'conv2d', 'Conv2D', 120],
      ['l3', 'flatten', 'Flatten', 240],
      ['l4', 'dense', 'Dense', 360],
    ]);
    expect(project.graph.edges.map((e) => `${e.id}:${e.source}->${e.target}:${e.targetPort}`)).toEqual([
      'e1:l1->l2:0',
      'e2:l2->l3:0',
      'last:l3->l4:0',
    ]);
    // The migrated model is the same model: 8·(9+1) + 26·26·8·10 + 10.
    expect(inferShapes(project.graph, { projectKind: 'classifier' }).totals.total).toBe(80 + 54_090);
  });

  it('the migrated project saves as a v1 file that opens without migration', () => {
    const text = serializeProject(parseProject(v0Text).project);
    const again = parseProject(text);
    expect(again.migratedFrom).toBeUndefined();
    expect(serializeProject(again.project)).toBe(text);
  });

  it('migration is pure: the input document is not changed', () => {
    const doc = JSON.parse(v0Text);
    const before = JSON.stringify(doc);
    migrate(doc, 0);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('a damaged v0 file is reported in its own terms (v0 path, version note)', () => {
    const doc = JSON.parse(v0Text);
    doc.model.layers[1].x = 'left';
    try {
      parseProject(JSON.stringify(doc));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DeepwireError);
      expect((e as DeepwireError).code).toBe('DW203');
      expect((e as DeepwireError).where).toBe('model.layers[1].x');
      expect((e as DeepwireError).detail).toContain('format version 0');
    }
  });

  it('a v0 file whose values break v1 rules is reported at the v1 path, saying it was migrated', () => {
    const doc = JSON.parse(v0Text);
    doc.model.layers[3].config.units = 0;
    try {
      parseProject(JSON.stringify(doc));
      expect.unreachable();
    } catch (e) {
      expect((e as DeepwireError).where).toBe('graph.nodes[3].params.units');
      expect((e as DeepwireError).detail).toContain('after migrating from format version 0');
    }
  });
});
