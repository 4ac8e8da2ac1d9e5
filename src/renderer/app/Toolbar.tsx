/** The toolbar: the registered actions as buttons, with their shortcuts in the tooltip. */
import { useCallback, useSyncExternalStore } from 'react';
import { ACTIONS } from '../actions/index.js';
import { displayShortcut } from '../actions/registry.js';
import type { AnyAction } from '../actions/types.js';
import { selectIsDirty } from '../stores/graphSelectors.js';
import { useEditor, useGraph, useProject, useExecute, useUi } from './EditorContext.js';

const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

function ActionButton({ action, text }: { action: AnyAction; text?: string }) {
  const { ctx, registry } = useEditor();
  const run = useExecute();
  // Re-render when anything that can flip `enabled` changes (graph selection/history, clipboard).
  const subscribe = useCallback(
    (cb: () => void) => {
      const a = ctx.graph.subscribe(cb);
      const b = ctx.ui.subscribe(cb);
      return () => {
        a();
        b();
      };
    },
    [ctx],
  );
  const enabled = useSyncExternalStore(subscribe, () => registry.isEnabled(action.name, ctx));
  const shortcut = action.shortcut ? ` (${displayShortcut(action.shortcut, mac)})` : '';
  return (
    <button
      type="button"
      disabled={!enabled}
      title={`${action.label}${shortcut}`}
      aria-keyshortcuts={action.shortcut?.replace('Mod', mac ? 'Meta' : 'Control')}
      onClick={() => run(action, undefined)}
    >
      {text ?? action.label}
    </button>
  );
}

export function Toolbar() {
  const { ctx } = useEditor();
  const name = useProject((s) => s.name);
  const projectDirty = useProject((s) => s.revision !== s.savedRevision);
  const graphDirty = useGraph(selectIsDirty);
  const theme = useUi((s) => s.theme);
  const dirty = projectDirty || graphDirty;
  return (
    <header className="toolbar" role="toolbar" aria-label="Editor toolbar">
      <button
        type="button"
        className="brand"
        title="Back to the start screen"
        onClick={() => ctx.ui.getState().setScreen('start')}
      >
        Deepwire
      </button>
      <span className="doc-title" aria-label="Document">
        {name}
        {dirty && (
          <span className="dirty" aria-label="unsaved changes" title="Unsaved changes">
            {' '}
            ●
          </span>
        )}
      </span>
      <div className="tool-group" role="group" aria-label="File">
        <ActionButton action={ACTIONS.openProject} text="Open" />
        <ActionButton action={ACTIONS.save} />
        <ActionButton action={ACTIONS.saveAs} text="Save as" />
        <ActionButton action={ACTIONS.exportModel} text="Export" />
      </div>
      <div className="tool-group" role="group" aria-label="Edit">
        <ActionButton action={ACTIONS.undo} />
        <ActionButton action={ACTIONS.redo} />
        <ActionButton action={ACTIONS.copy} />
        <ActionButton action={ACTIONS.paste} />
        <ActionButton action={ACTIONS.duplicate} />
        <ActionButton action={ACTIONS.deleteSelection} />
      </div>
      <div className="tool-group" role="group" aria-label="View">
        <ActionButton action={ACTIONS.autoLayout} />
        <ActionButton action={ACTIONS.fitView} />
        <ActionButton action={ACTIONS.toggleTheme} text={theme === 'dark' ? 'Light theme' : 'Dark theme'} />
        <ActionButton action={ACTIONS.openSettings} text="Settings" />
      </div>
    </header>
  );
}
