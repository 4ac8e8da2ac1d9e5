import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import {
  CURRENT_VERSION,
  newProject,
  parseProject,
  projectProblems,
  serializeProject,
} from '../../../src/shared/project/index.js';
import { RESOURCES } from '../../../scripts/make-examples.js';

const cnnText = readFileSync(join(RESOURCES, 'examples', 'mnist-cnn.deepwire'), 'utf8');
const cnn = () => JSON.parse(cnnText) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function failure(text: string, source?: string): DeepwireError {
  try {
    parseProject(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(DeepwireError);
    return e as DeepwireError;
  }
  throw new Error('expected parseProject to fail');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const edit = (change: (doc: Record<string, any>) => void) => {
  const doc = cnn();
  change(doc);
  return JSON.stringify(doc, null, 2);
};

describe('parseProject: broken files give numbered errors that say where', () => {
  it('truncated JSON → DW202 at the end, with line:column', () => {
    const cut = cnnText.slice(0, 600);
    const e = failure(cut, 'mnist.deepwire');
    expect(e.code).toBe('DW202');
    const lines = cut.split('\n');
    expect(e.where).toBe(`mnist.deepwire:${lines.length}:${lines.at(-1)!.length + 1}`);
    expect(e.detail).toMatch(/end of the file/);
  });

  it('a syntax error in the middle → DW202 naming the line and column and what was expected', () => {
    const text = '{\n  "format": "deepwire-project",\n  "version": 1\n  "kind": "gan"\n}';
    const e = failure(text);
    expect(e.code).toBe('DW202');
    expect(e.where).toBe('4:3');
    expect(e.detail).toContain("expected ',' or '}'");
  });

  it('empty file → DW202', () => {
    expect(failure('  \n').code).toBe('DW202');
  });

  it('not a project → DW201 (other JSON, arrays, Keras JSON with a hint)', () => {
    expect(failure('[1, 2]').code).toBe('DW201');
    expect(failure('{"hello": 1}').code).toBe('DW201');
    const keras = failure('{"class_name": "Sequential", "config": {"layers": []}, "keras_version": "2.15.0"}');
    expect(keras.code).toBe('DW201');
    expect(keras.detail).toContain('import it instead');
    expect(failure(edit((d) => (d.format = 'other-app'))).code).toBe('DW201');
  });

  it('wrong type deep inside → DW203 with the JSON path, what was expected and the layer', () => {
    const e = failure(edit((d) => (d.graph.nodes[4].params.units = 'many')));
    expect(e.code).toBe('DW203');
    expect(e.where).toBe('graph.nodes[4].params.units');
    expect(e.detail).toMatch(/must be an integer between 1 and \d+/);
    expect(e.detail).toContain('"many"');
    expect(e.detail).toContain('layer "dense"');
  });

  it('out-of-range value, missing field, unknown field → DW203 at the path', () => {
    const range = failure(edit((d) => (d.graph.nodes[1].params.kernelSize = [3, 0])));
    expect([range.code, range.where]).toEqual(['DW203', 'graph.nodes[1].params.kernelSize']);
    expect(range.detail).toContain('must be 2 integers ≥ 1, got [3,0]');
    const missing = failure(edit((d) => delete d.training));
    expect([missing.code, missing.where]).toEqual(['DW203', 'training']);
    expect(missing.detail).toMatch(/missing/);
    const unknown = failure(edit((d) => (d.graph.nodes[4].params.unitz = 3)));
    expect([unknown.code, unknown.where]).toEqual(['DW203', 'graph.nodes[4].params.unitz']);
    const extra = failure(edit((d) => (d.colour = 'red')));
    expect([extra.code, extra.where]).toEqual(['DW203', 'colour']);
    const edge = failure(edit((d) => (d.graph.edges[2].targetPort = -1)));
    expect([edge.code, edge.where]).toEqual(['DW203', 'graph.edges[2].targetPort']);
  });

  it('unknown layer kind → DW112 naming the path of the kind', () => {
    const e = failure(edit((d) => (d.graph.nodes[3].kind = 'Flattenizer')));
    expect(e.code).toBe('DW112');
    expect(e.where).toBe('graph.nodes[3].kind');
    expect(e.detail).toContain('"Flattenizer"');
  });

  it('a newer format version → DW204, and the text is not touched', () => {
    const text = edit((d) => {
      d.version = CURRENT_VERSION + 1;
      d.app.version = '9.0.0';
      d.somethingNew = { of: 'the future' };
    });
    const e = failure(text);
    expect(e.code).toBe('DW204');
    expect(e.detail).toContain('9.0.0');
    expect(e.detail).toContain(`up to ${CURRENT_VERSION}`);
  });

  it('a bad version → DW203 at version', () => {
    expect(failure(edit((d) => (d.version = '1'))).where).toBe('version');
    expect(failure(edit((d) => delete d.version)).code).toBe('DW203');
  });

  it('a GAN without gan settings, or a classifier with them → DW203 at gan', () => {
    const gan = failure(edit((d) => (d.kind = 'gan')));
    expect([gan.code, gan.where]).toEqual(['DW203', 'gan']);
  });

  it('reports the count of further problems and lists all of them through projectProblems', () => {
    const doc = cnn();
    doc.graph.nodes[4].params.units = -1;
    doc.training.batchSize = 0;
    expect(failure(JSON.stringify(doc)).detail).toMatch(/and 1 more problem/);
    expect(projectProblems(doc).map((p) => p.where)).toEqual(['training.batchSize', 'graph.nodes[4].params.units']);
  });

  it('fuzz: random truncations and byte flips never crash, always a DW2xx/DW112', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 300; i++) {
      let text = cnnText;
      if (i % 2 === 0) text = text.slice(0, Math.floor(rand() * text.length));
      else {
        const at = Math.floor(rand() * text.length);
        text = text.slice(0, at) + String.fromCharCode(32 + Math.floor(rand() * 90)) + text.slice(at + 1);
      }
      try {
        parseProject(text);
      } catch (e) {
        expect(e).toBeInstanceOf(DeepwireError);
        expect((e as DeepwireError).code).toMatch(/^DW(20[1-4]|112)$/);
      }
    }
  });
});

describe('parseProject: good files', () => {
  it('accepts a BOM and returns the project with defaults filled', () => {
    const { project } = parseProject(`\uFEFF${cnnText}`);
    expect(project.name).toBe('MNIST CNN');
  });

  it('fills defaults left out by hand-written files', () => {
    const p = newProject('classifier', 'Hand', { now: new Date('2026-01-01T00:00:00Z') });
    const minimal = { ...p, training: {}, runs: undefined, description: undefined };
    const { project } = parseProject(JSON.stringify(minimal));
    expect(project.training.batchSize).toBe(64);
    expect(project.runs).toEqual([]);
    expect(project.description).toBe('');
  });

  it('serialize → parse → serialize is the identity, for every kind', () => {
    for (const kind of ['classifier', 'regressor', 'gan'] as const) {
      const text = serializeProject(newProject(kind, `A ${kind}`, { now: new Date('2026-05-01T12:00:00Z') }));
      expect(serializeProject(parseProject(text).project)).toBe(text);
    }
  });
});
