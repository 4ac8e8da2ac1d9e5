import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAYER_DOCS_PATH, renderLayerDocs } from '../../../scripts/gen-layer-docs.js';

describe('docs/layers.md', () => {
  it('is up to date with the catalog (regenerate: node --import tsx scripts/gen-layer-docs.ts)', () => {
    expect(readFileSync(LAYER_DOCS_PATH, 'utf8')).toBe(renderLayerDocs());
  });
});
