/** Palette contents: the catalog's kinds by category, filtered by a search query. */
import { CATEGORIES, LAYER_SPECS, type Category, type LayerKind } from '../../shared/layers/index.js';
import { LAYER_KINDS } from '../../shared/layers/params.js';

export interface PaletteGroup {
  category: Category;
  kinds: LayerKind[];
}

/** Every word of the query must appear in the kind, its label, category or doc (case-insensitive). */
export function filterPalette(query: string): PaletteGroup[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (kind: LayerKind) => {
    const s = LAYER_SPECS[kind];
    const hay = `${kind} ${s.label} ${s.category} ${s.doc}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  };
  // Name matches first: "dense" should list Dense before layers whose docs mention it.
  const nameHit = (kind: LayerKind) =>
    words.every((w) => `${kind} ${LAYER_SPECS[kind].label}`.toLowerCase().includes(w));
  return CATEGORIES.map((category) => ({
    category,
    kinds: LAYER_KINDS.filter((k) => LAYER_SPECS[k].category === category && matches(k)).sort(
      (a, b) => Number(nameHit(b)) - Number(nameHit(a)),
    ),
  })).filter((g) => g.kinds.length > 0);
}
