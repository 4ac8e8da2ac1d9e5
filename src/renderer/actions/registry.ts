/** The one registry of actions and the one place keyboard shortcuts are matched. */
import type { Action, ActionContext, AnyAction } from './types.js';

export interface KeyLike {
  key: string;
  /** The physical key: Shift+1 types "!" but is still `Digit1` (only digits match by position). */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

interface Chord {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

export function parseShortcut(shortcut: string): Chord {
  const parts = shortcut.split('+');
  const key = (parts.pop() ?? '').toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { mod: mods.has('mod'), shift: mods.has('shift'), alt: mods.has('alt'), key };
}

export function matchesShortcut(shortcut: string, e: KeyLike): boolean {
  const c = parseShortcut(shortcut);
  const mod = e.ctrlKey || e.metaKey;
  const physical = /^Digit(\d)$/.exec(e.code ?? '')?.[1];
  return (
    c.mod === mod &&
    c.shift === e.shiftKey &&
    c.alt === e.altKey &&
    (c.key === e.key.toLowerCase() || c.key === physical)
  );
}

/** `Mod+Shift+Z` -> `Ctrl+Shift+Z` (or `⌘⇧Z` on macOS) for buttons and menus. */
export function displayShortcut(shortcut: string, mac = false): string {
  if (!mac) return shortcut.replace(/Mod/g, 'Ctrl');
  return shortcut
    .replace(/Mod\+/g, '⌘')
    .replace(/Shift\+/g, '⇧')
    .replace(/Alt\+/g, '⌥');
}

export class ActionRegistry {
  private readonly byName = new Map<string, AnyAction>();

  constructor(actions: readonly AnyAction[]) {
    for (const a of actions) {
      if (this.byName.has(a.name)) throw new Error(`action '${a.name}' registered twice`);
      this.byName.set(a.name, a);
    }
  }

  get(name: string): AnyAction | undefined {
    return this.byName.get(name);
  }

  all(): AnyAction[] {
    return [...this.byName.values()];
  }

  isEnabled(name: string, ctx: ActionContext): boolean {
    const a = this.byName.get(name);
    return a !== undefined && (a.enabled?.(ctx) ?? true);
  }

  /** Runs an action by its object (typed payload) or its name. */
  run<P, R>(action: Action<P, R>, ctx: ActionContext, payload: P): R | undefined {
    if (action.enabled && !action.enabled(ctx)) return undefined;
    return action.perform(ctx, payload);
  }

  /** The action bound to a key event, if any; `inField` tells whether focus is in a text field. */
  forKey(e: KeyLike, inField: boolean): AnyAction | undefined {
    for (const a of this.byName.values()) {
      const keys = [...(a.shortcut ? [a.shortcut] : []), ...(a.extraShortcuts ?? [])];
      if (keys.some((k) => matchesShortcut(k, e)) && (!inField || a.inFields === true)) return a;
    }
    return undefined;
  }

  /** Handles a key event: runs the bound action and says whether it did. */
  handleKey(e: KeyLike, ctx: ActionContext, inField: boolean): boolean {
    const a = this.forKey(e, inField);
    if (!a || (a.enabled && !a.enabled(ctx))) return false;
    void a.perform(ctx, undefined);
    return true;
  }
}
