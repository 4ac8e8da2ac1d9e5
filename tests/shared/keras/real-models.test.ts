/**
 * The real-model corpus through `deepwire summary`'s reader: every file loads and its total equals the one
 * its own manifest or repository gives; files listed as failing give exactly their listed error.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DeepwireError } from '../../../src/shared/errors.js';
import { inferShapes } from '../../../src/shared/shape/infer.js';
import { readModelDocument } from '../../../src/shared/summary/document.js';
import { summaryKindOf } from '../../../src/shared/keras/read/kind.js';
import { CORPUS, KNOWN_FAILING, modelPath, REFUSED_ON_IMPORT } from './real-models-corpus.js';

/** As `deepwire summary` checks a Keras file: as the kind of project import would make of it. */
function summarize(slug: string) {
  const file = modelPath(slug);
  const doc = readModelDocument(readFileSync(file, 'utf8'), file);
  const projectKind = summaryKindOf(doc.graph);
  return { doc, report: inferShapes(doc.graph, projectKind ? { projectKind } : {}) };
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
        if (!failing.code.startsWith('DW3')) {
          // Reads, but shape inference stops at a layer kind's rule (summary reports it, exit 1).
          const { report } = summarize(model.slug);
          expect(report.diagnostics.map((d) => d.code)).toContain(failing.code);
          expect(report.totals.total, `${model.slug} counts right now: remove it from KNOWN_FAILING`).not.toBe(
            model.total,
          );
          return;
        }
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
        const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
        const refused = REFUSED_ON_IMPORT[model.slug];
        expect(errors).toEqual(refused ? expect.arrayContaining([refused.code]) : []);
        expect(report.totals.total).toBe(model.total);
      });
    }
  }
});
