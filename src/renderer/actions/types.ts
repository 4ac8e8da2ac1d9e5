/**
 * User commands as registered action objects (the Excalidraw pattern): the
 * toolbar, menus, keyboard shortcuts and tests all run the same objects.
 */
import type { XY } from '../../shared/graph/types.js';
import type { GraphStore } from '../stores/graphStore.js';
import type { ProjectStore } from '../stores/projectStore.js';
import type { TrainingStore } from '../stores/trainingStore.js';
import type { UiStore } from '../stores/uiStore.js';
import type { StudioClient } from '../api/index.js';

export type { StudioClient };

/** What the canvas lends to actions once it is mounted. */
export interface ViewPort {
  fitView(): void;
  /** The flow coordinates of the visible centre: where click-to-add places a layer. */
  center(): XY;
  /** A node's measured box on the canvas, when it has been drawn. */
  sizeOf?(id: string): { width: number; height: number } | undefined;
}

export interface ActionContext {
  graph: GraphStore;
  ui: UiStore;
  training: TrainingStore;
  project: ProjectStore;
  /** The studio contract client; null until connected (and in unit tests of pure editing). */
  client: StudioClient | null;
  view: ViewPort | null;
}

export interface Action<P = void, R = unknown> {
  /** Stable id, e.g. `undo`. */
  readonly name: string;
  /** Shown on buttons and in menus. */
  readonly label: string;
  /** Display form and binding, e.g. `Mod+Shift+Z` (Mod = Ctrl, or Cmd on macOS). */
  readonly shortcut?: string;
  /** Further bindings of the same action (Backspace for Delete, Mod+Y for redo). */
  readonly extraShortcuts?: readonly string[];
  /** Whether running it records an undo step. */
  readonly undoable: boolean;
  /** Fires even while typing in a field (save and open do; undo leaves text undo alone). */
  readonly inFields?: boolean;
  enabled?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext, payload: P): R;
}

// Actions are stored type-erased in the registry; each module keeps its payload type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = Action<any, unknown>;

export function defineAction<P = void, R = unknown>(action: Action<P, R>): Action<P, R> {
  return action;
}
