/**
 * The editor's autosave timer (every `autosaveSeconds` from the settings,
 * re-read when the settings dialog closes; 0 = off) and the window's drop
 * target for `.deepwire` files.
 */
import { useEffect, useState } from 'react';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useUi } from '../app/EditorContext.js';
import { autosave } from './autosave.js';

export function useRecovery(): void {
  const { ctx, registry } = useEditor();
  const settingsOpen = useUi((s) => s.settingsDialog);
  const [seconds, setSeconds] = useState<number>(0);

  useEffect(() => {
    if (settingsOpen || !ctx.client) return;
    let live = true;
    ctx.client
      .call('settings.get', {})
      .then((s) => live && setSeconds(s.autosaveSeconds))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ctx, settingsOpen]);

  useEffect(() => {
    if (seconds <= 0) return;
    const timer = window.setInterval(() => void autosave(ctx), seconds * 1000);
    return () => window.clearInterval(timer);
  }, [ctx, seconds]);

  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      void file.text().then((text) => registry.execute(ACTIONS.openDroppedFile, ctx, { name: file.name, text }));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [ctx, registry]);
}
