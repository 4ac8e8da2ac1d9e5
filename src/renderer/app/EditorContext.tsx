/** The editor in React: one context, and hooks that read each store through a selector. */
import { createContext, useCallback, useContext } from 'react';
import { useStore } from 'zustand';
import type { Action } from '../actions/types.js';
import type { GraphState } from '../stores/graphStore.js';
import type { ProjectState } from '../stores/projectStore.js';
import type { TrainingState } from '../stores/trainingStore.js';
import type { UiState } from '../stores/uiStore.js';
import type { Editor } from './editor.js';

export const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const ed = useContext(EditorContext);
  if (!ed) throw new Error('useEditor outside <EditorContext.Provider>');
  return ed;
}

export const useGraph = <T,>(selector: (s: GraphState) => T): T => useStore(useEditor().ctx.graph, selector);
export const useUi = <T,>(selector: (s: UiState) => T): T => useStore(useEditor().ctx.ui, selector);
export const useTraining = <T,>(selector: (s: TrainingState) => T): T => useStore(useEditor().ctx.training, selector);
export const useProject = <T,>(selector: (s: ProjectState) => T): T => useStore(useEditor().ctx.project, selector);

/** A stable function that runs a registered action through the registry's one `execute`. */
export function useExecute(): <P, R>(action: Action<P, R>, payload: P) => void {
  const ed = useEditor();
  return useCallback((action, payload) => void ed.registry.execute(action, ed.ctx, payload, 'ui'), [ed]);
}
