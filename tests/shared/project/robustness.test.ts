/**
 * Issue #17: hostile or damaged project files give numbered errors, never a
 * stack overflow, and no key is silently dropped (docs/project-format.md:
 * unknown fields are refused, DW203 naming them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { MAX_JSON_DEPTH } from '../../../src/shared/json-depth.js';
import { parseProject } from '../../../src/shared/project/index.js';
import { RESOURCES } from '../../../scripts/make-examples.js';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const cnnText = readFileSync(join(RESOURCES, 'examples', 'mnist-cnn.deepwire'), 'utf8');
const ganText = readFileSync(join(RESOURCES, 'examples', 'mlp-gan.deepwire'), 'utf8');
const DEEP = 100_000;
const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

function failure(text: string): DeepwireError {
  let thrown: unknown;
  try {
    parseProject(text, 'x.deepwire');
  } catch (e) {
    thrown = e;
  }
  expect(thrown, 'parseProject should refuse the file').toBeInstanceOf(DeepwireError);
  return thrown as DeepwireError;
}

/** The example with `change` applied; `"@DEEP@"` in the result is replaced by `deep`. */
function edited(change: (doc: Doc) => void, deep = '', base = cnnText): string {
  const doc = JSON.parse(base) as Doc;
  change(doc);
  return JSON.stringify(doc).replace('"@DEEP@"', deep);
}

describe('deeply nested JSON → DW212, never a RangeError', () => {
  const cases: [string, (d: Doc) => void][] = [
    ['description', (d) => (d.description = '@DEEP@')],
    ['an unknown key', (d) => (d.notes = '@DEEP@')],
    ['a layer param', (d) => (d.graph.nodes[4].params.units = '@DEEP@')],
    ['the dataset', (d) => (d.dataset.limit = '@DEEP@')],
    ['a run history', (d) => (d.runs = [{ history: { loss: '@DEEP@' } }])],
  ];
  for (const [what, change] of cases) {
    for (const [shape, deep] of [
      ['arrays', deepArray(DEEP)],
      ['objects', deepObject(DEEP)],
    ] as const) {
      it(`${shape} 100,000 levels deep in ${what}`, () => {
        const e = failure(edited(change, deep));
        expect(e.code).toBe('DW212');
        expect(e.detail).toContain(`${MAX_JSON_DEPTH}`);
        expect(e.where).toBeTruthy();
      });
    }
  }

  it('the whole file one deep array → DW212; a deep unterminated file → DW202', () => {
    expect(failure(deepArray(DEEP)).code).toBe('DW212');
    expect(failure('{"format":' + '['.repeat(DEEP)).code).toBe('DW202');
  });

  it('names where the nesting goes too deep', () => {
    const e = failure(edited((d) => (d.description = '@DEEP@'), deepArray(DEEP)));
    expect(e.where).toMatch(/^description(\[0\])+$/);
  });

  it('nesting within the limit still opens (the examples are far below it)', () => {
    expect(() => parseProject(cnnText)).not.toThrow();
    const e = failure(edited((d) => (d.description = '@DEEP@'), deepArray(MAX_JSON_DEPTH - 2)));
    expect(e.code).toBe('DW203');
  });
});

describe('misspelled keys anywhere → DW203 naming the path and the key', () => {
  const cases: [string, (d: Doc) => void, string][] = [
    ['training', (d) => (d.training.epochz = 3), 'training.epochz'],
    ['training.optimizer', (d) => (d.training.optimizer.lerningRate = 0.1), 'training.optimizer.lerningRate'],
    ['training.schedule', (d) => (d.training.schedule = { kind: 'step', evry: 2 }), 'training.schedule.evry'],
    [
      'training.earlyStopping',
      (d) => (d.training.earlyStopping = { patience: 2, monitr: 'val_loss' }),
      'training.earlyStopping.monitr',
    ],
    ['dataset', (d) => (d.dataset.limt = 100), 'dataset.limt'],
    [
      'dataset (csv)',
      (d) => (d.dataset = { source: 'csv', path: 'a.csv', labelColumn: 'y', normalise: true }),
      'dataset.normalise',
    ],
    ['an edge', (d) => (d.graph.edges[0].targetHandel = 'in-0'), 'graph.edges[0].targetHandel'],
    ['a node', (d) => (d.graph.nodes[1].colour = 'red'), 'graph.nodes[1].colour'],
    ['a node position', (d) => (d.graph.nodes[1].position.z = 3), 'graph.nodes[1].position.z'],
    ['the graph', (d) => (d.graph.groups = []), 'graph.groups'],
    [
      'a run',
      (d) =>
        (d.runs = [
          {
            id: 'r1',
            startedAt: '2026-01-01T00:00:00Z',
            status: 'completed',
            backend: 'cpu',
            config: { dataset: { source: 'mnist' }, training: { epochz: 2 } },
          },
        ]),
      'runs[0].config.training.epochz',
    ],
  ];
  for (const [what, change, where] of cases) {
    it(`in ${what}`, () => {
      const e = failure(edited(change));
      expect(e.code).toBe('DW203');
      expect(e.where).toBe(where);
      expect(e.detail).toContain(`"${where.split('.').at(-1)}"`);
    });
  }

  it('in the gan settings', () => {
    const e = failure(edited((d) => (d.gan.discriminatorStep = 2), '', ganText));
    expect([e.code, e.where]).toEqual(['DW203', 'gan.discriminatorStep']);
  });

  it('a misspelled dataset "source" names the unknown key', () => {
    const e = failure(
      edited((d) => {
        d.dataset = { sorce: 'mnist' };
      }),
    );
    expect(e.code).toBe('DW203');
    expect(e.where).toBe('dataset.source');
    expect(e.detail).toContain('"sorce"');
  });
});

describe('size limit', () => {
  it('a graph of more than 50,000 layers → DW203 at graph.nodes', () => {
    const e = failure(edited((d) => (d.graph.nodes = Array.from({ length: 50_001 }, () => d.graph.nodes[0]))));
    expect([e.code, e.where]).toEqual(['DW203', 'graph.nodes']);
  });
});

describe('layer kinds that are Object.prototype names → DW112', () => {
  for (const kind of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
    it(kind, () => {
      const text = edited((d) => (d.graph.nodes[1].kind = '@KIND@')).replace('"@KIND@"', JSON.stringify(kind));
      const e = failure(text);
      expect(e.code).toBe('DW112');
      expect(e.where).toBe('graph.nodes[1].kind');
      expect(e.detail).toContain(kind);
    });
  }

  it('a param named __proto__ is refused as unknown and pollutes nothing', () => {
    const text = edited((d) => (d.graph.nodes[4].params = '@P@')).replace(
      '"@P@"',
      '{"units":10,"__proto__":{"polluted":true}}',
    );
    const e = failure(text);
    expect([e.code, e.where]).toEqual(['DW203', 'graph.nodes[4].params.__proto__']);
    expect(({} as Doc).polluted).toBeUndefined();
  });
});
