import { describe, expect, it } from 'vitest';
import { filterPalette } from '../../src/renderer/palette/filterPalette.js';
import { CATEGORIES, LAYER_KINDS } from '../../src/shared/layers/index.js';

describe('palette', () => {
  it('lists every layer kind once, grouped in category order', () => {
    const groups = filterPalette('');
    expect(groups.map((g) => g.category)).toEqual([...CATEGORIES]);
    expect(groups.flatMap((g) => g.kinds).sort()).toEqual([...LAYER_KINDS].sort());
  });

  it('search matches names first, then docs, and is case-insensitive', () => {
    const dense = filterPalette('DENSE');
    expect(dense.find((g) => g.category === 'Dense')?.kinds[0]).toBe('Dense');
    expect(filterPalette('pool').flatMap((g) => g.kinds)).toEqual(
      expect.arrayContaining(['MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']),
    );
    expect(filterPalette('lstm').flatMap((g) => g.kinds)).toContain('LSTM');
    expect(filterPalette('no-such-layer-xyz')).toEqual([]);
  });
});
