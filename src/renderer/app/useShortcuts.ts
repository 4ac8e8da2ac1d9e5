/** Binds the registry's shortcuts to the window: one listener, one place. */
import { useEffect } from 'react';
import { useEditor } from './EditorContext.js';

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  );
}

export function useShortcuts(): void {
  const { ctx, registry } = useEditor();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if (
        ctx.ui.getState().screen !== 'editor' &&
        !['open', 'newProject'].includes(registry.forKey(e, false)?.name ?? '')
      )
        return;
      // Dialogs own their keys (Escape, Enter…); only save/open reach through.
      const inDialog = e.target instanceof HTMLElement && e.target.closest('[role="dialog"]') !== null;
      const action = registry.forKey(e, inTextField(e.target) || inDialog);
      if (!action || !registry.isEnabled(action.name, ctx)) return;
      e.preventDefault();
      void registry.execute(action, ctx, undefined, 'shortcut');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ctx, registry]);
}
