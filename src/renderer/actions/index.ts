/** Every registered action, in menu order, and the registry built from them. */
import * as edit from './editActions.js';
import * as gan from './ganActions.js';
import * as history from './historyActions.js';
import * as inside from './insideActions.js';
import * as project from './projectActions.js';
import * as recovery from './recoveryActions.js';
import * as runs from './runsActions.js';
import * as selection from './selectionActions.js';
import * as training from './trainingActions.js';
import * as view from './viewActions.js';
import type { ActionId } from '../../shared/api/actions.js';
import { ActionRegistry } from './registry.js';
import type { AnyAction } from './types.js';

export const ACTIONS = {
  ...project,
  ...history,
  ...selection,
  ...edit,
  ...gan,
  ...view,
  ...training,
  ...recovery,
  ...runs,
  ...inside,
};

// The compiler refuses an id of the shared list that no action implements.
type Implemented = (typeof ACTIONS)[keyof typeof ACTIONS] extends infer A
  ? A extends { name: infer N }
    ? N
    : never
  : never;
const everyIdImplemented: Exclude<ActionId, Implemented> extends never ? true : Exclude<ActionId, Implemented> = true;
void everyIdImplemented;

export function createActionRegistry(): ActionRegistry {
  const actions = Object.values(ACTIONS).filter(
    (a): a is AnyAction => typeof a === 'object' && a !== null && 'perform' in a,
  );
  return new ActionRegistry(actions);
}

export { ActionRegistry } from './registry.js';
export type { Action, ActionContext, ViewPort } from './types.js';
