/** The layer palette: grouped by category, searchable; drag a layer onto the canvas or click to add it. */
import { useCallback, type DragEvent } from 'react';
import { LAYER_SPECS, type LayerKind } from '../../shared/layers/index.js';
import { ACTIONS } from '../actions/index.js';
import { useGraph, useExecute, useUi, useEditor } from '../app/EditorContext.js';
import { LAYER_MIME } from '../canvas/useLayerDrop.js';
import { filterPalette } from './filterPalette.js';

export function Palette() {
  const { ctx } = useEditor();
  const run = useExecute();
  const query = useUi((s) => s.paletteQuery);
  const projectKind = useGraph((s) => s.projectKind);
  const groups = filterPalette(query);

  const onDragStart = useCallback((e: DragEvent, kind: LayerKind) => {
    e.dataTransfer.setData(LAYER_MIME, kind);
    e.dataTransfer.effectAllowed = 'copy';
  }, []);

  const onClick = (kind: LayerKind) => {
    const group = projectKind === 'gan' ? (kind === 'Noise' ? 'generator' : undefined) : undefined;
    run(ACTIONS.addNode, { kind, ...(group ? { group } : {}) });
  };

  return (
    <nav className="palette" aria-label="Layers palette">
      <input
        type="search"
        className="palette-search"
        placeholder="Search layers…"
        aria-label="Search layers"
        value={query}
        onChange={(e) => ctx.ui.getState().setPaletteQuery(e.target.value)}
      />
      {groups.length === 0 && <p className="muted">No layer matches “{query}”.</p>}
      {groups.map((g) => (
        <section key={g.category} className="palette-group" aria-labelledby={`palette-${g.category}`}>
          <h3 id={`palette-${g.category}`}>{g.category}</h3>
          <ul>
            {g.kinds.map((kind) => (
              <li key={kind}>
                <button
                  type="button"
                  className={`palette-item cat-${g.category.toLowerCase()}`}
                  draggable
                  onDragStart={(e) => onDragStart(e, kind)}
                  onClick={() => onClick(kind)}
                  title={`${LAYER_SPECS[kind].doc}\n\nDrag onto the canvas, or click to add.`}
                >
                  {LAYER_SPECS[kind].label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
