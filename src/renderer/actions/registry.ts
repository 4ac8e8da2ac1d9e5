/** The one registry of actions and the one place keyboard shortcuts are matched. */
import type { ActionId, ActionSource } from '../../shared/api/actions.js';
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

type Executed<R> = R extends Promise<infer T> ? Promise<T | undefined> : R | undefined;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class ActionRegistry {
  private readonly byName = new Map<ActionId, AnyAction>();

  constructor(actions: readonly AnyAction[]) {
    for (const a of actions) {
      if (this.byName.has(a.name)) throw new Error(`action '${a.name}' registered twice`);
      this.byName.set(a.name, a);
    }
  }

  get(name: ActionId): AnyAction | undefined {
    return this.byName.get(name);
  }

  all(): AnyAction[] {
    return [...this.byName.values()];
  }

  isEnabled(name: ActionId, ctx: ActionContext): boolean {
    const a = this.byName.get(name);
    return a !== undefined && (a.enabled?.(ctx) ?? true);
  }

  /**
   * The one way a user command runs, whatever started it: skipped when
   * disabled (the native menu cannot grey items out, so it gets a notice);
   * its graph edits become one undo step when the action is undoable and
   * none when it is not; a thrown or rejected error becomes an error notice
   * and the result `undefined`.
   */
  execute<P, R>(action: Action<P, R>, ctx: ActionContext, payload: P, source: ActionSource = 'ui'): Executed<R> {
    const fail = (e: unknown): undefined => {
      ctx.ui.getState().notify('error', errorText(e));
      return undefined;
    };
    if (action.enabled && !action.enabled(ctx)) {
      if (source === 'menu') ctx.ui.getState().notify('info', `${action.label} is not available right now.`);
      return undefined as Executed<R>;
    }
    try {
      const result = ctx.graph.getState().transaction(action.undoable, () => action.perform(ctx, payload));
      return (result instanceof Promise ? result.catch(fail) : result) as Executed<R>;
    } catch (e) {
      return fail(e) as Executed<R>;
    }
  }

  /** The action bound to a key event, if any; `inField` tells whether focus is in a text field. */
  forKey(e: KeyLike, inField: boolean): AnyAction | undefined {
    for (const a of this.byName.values()) {
      const keys = [...(a.shortcut ? [a.shortcut] : []), ...(a.extraShortcuts ?? [])];
      if (keys.some((k) => matchesShortcut(k, e)) && (!inField || a.inFields === true)) return a;
    }
    return undefined;
  }
}
