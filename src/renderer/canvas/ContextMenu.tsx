/** Right-click menus on layers, connections and the empty canvas, built from the registered actions. */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ACTIONS } from '../actions/index.js';
import { displayShortcut } from '../actions/registry.js';
import type { AnyAction } from '../actions/types.js';
import { useEditor, useExecute } from '../app/EditorContext.js';

export interface MenuRequest {
  x: number;
  y: number;
  target: 'node' | 'edge' | 'pane';
}

const ITEMS: Record<MenuRequest['target'], AnyAction[]> = {
  node: [ACTIONS.copy, ACTIONS.cut, ACTIONS.duplicate, ACTIONS.deleteSelection],
  edge: [ACTIONS.deleteSelection],
  pane: [ACTIONS.paste, ACTIONS.selectAll, ACTIONS.autoLayout, ACTIONS.fitView, ACTIONS.makeGanConditional],
};

/** GAN-only entries are left out of other projects' menus rather than shown disabled. */
const GAN_ONLY = new Set<string>([ACTIONS.makeGanConditional.name]);

export function ContextMenu({ request, onClose }: { request: MenuRequest; onClose(): void }) {
  const { ctx, registry } = useEditor();
  const run = useExecute();
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const away = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [onClose]);

  const onKey = (e: KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') onClose();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    }
  };

  return (
    <div
      ref={menu}
      className="context-menu"
      role="menu"
      aria-label="Canvas menu"
      style={{ left: request.x, top: request.y }}
      onKeyDown={onKey}
    >
      {ITEMS[request.target]
        .filter((a) => !GAN_ONLY.has(a.name) || ctx.graph.getState().projectKind === 'gan')
        .map((a) => (
          <button
            key={a.name}
            type="button"
            role="menuitem"
            disabled={!registry.isEnabled(a.name, ctx)}
            onClick={() => {
              onClose();
              run(a, undefined);
            }}
          >
            <span>{a.label}</span>
            {a.shortcut && <span className="muted small">{displayShortcut(a.shortcut)}</span>}
          </button>
        ))}
    </div>
  );
}
