/**
 * User commands as registered action objects (the Excalidraw pattern): the
 * toolbar, menus, keyboard shortcuts and tests all run the same objects.
 */
import { ACTION_META, type ActionId, type ActionMeta } from '../../shared/api/actions.js';
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

/** An action as its module declares it: its id names its label and keys in the shared list. */
export interface ActionSpec<P = void, R = unknown> {
  /** Stable id from the shared list (`src/shared/api/actions.ts`), e.g. `undo`. */
  readonly name: ActionId;
  /** Whether running it records an undo step: `execute` makes its commits one step, or none. */
  readonly undoable: boolean;
  /** Fires even while typing in a field (save and open do; undo leaves text undo alone). */
  readonly inFields?: boolean;
  enabled?(ctx: ActionContext): boolean;
  perform(ctx: ActionContext, payload: P): R;
}

export type Action<P = void, R = unknown> = ActionSpec<P, R> & ActionMeta;

// Actions are stored type-erased in the registry; each module keeps its payload type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = Action<any, unknown>;

export function defineAction<P = void, R = unknown>(spec: ActionSpec<P, R>): Action<P, R> {
  const meta: ActionMeta = ACTION_META[spec.name];
  return { ...meta, ...spec };
}
