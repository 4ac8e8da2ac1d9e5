/**
 * The real-model corpus through `deepwire summary`'s reader: every file loads and its total equals the one
 * its own manifest or repository gives; files listed as failing give exactly their listed error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { readModelDocument } from '../../../src/shared/summary/document.js';
import { CORPUS, KNOWN_FAILING, modelPath } from './real-models-corpus.js';

function summarize(slug: string) {
  const file = modelPath(slug);
  const doc = readModelDocument(readFileSync(file, 'utf8'), file);
  return { doc, report: inferShapes(doc.graph) };
}

describe('real-model corpus: summary', () => {
  it('has at least 40 files, each with a source and an expected total', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const m of CORPUS) {
      expect(m.repo).toMatch(/^[^/]+\/[^/]+$/);
      expect(m.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(m.total).toBeGreaterThan(0);
    }
    for (const slug of Object.keys(KNOWN_FAILING)) expect(CORPUS.map((m) => m.slug)).toContain(slug);
  });

  for (const model of CORPUS) {
    const failing = KNOWN_FAILING[model.slug];
    if (failing) {
      it(`${model.slug}: still fails (${failing.reason}); take it off the list once it reads`, () => {
        let caught: unknown;
        try {
          summarize(model.slug);
        } catch (e) {
          caught = e;
        }
        expect(caught, `${model.slug} reads now: remove it from KNOWN_FAILING`).toBeInstanceOf(DeepwireError);
        expect((caught as DeepwireError).code).toMatch(/^DW3\d\d$/);
      });
    } else {
      it(`${model.slug}: loads, is valid and totals ${model.total.toLocaleString('en-US')} (${model.covers})`, () => {
        const { report } = summarize(model.slug);
        expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(report.totals.total).toBe(model.total);
      });
    }
  }
});
