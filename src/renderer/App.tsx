/** The studio: start screen, or the editor (toolbar, palette, canvas, side panel, status bar). */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Canvas } from './canvas/Canvas.js';
import { EditorContext, useEditor, useUi } from './app/EditorContext.js';
import type { Editor } from './app/editor.js';
import { SidePanel } from './app/SidePanel.js';
import { NoticeLine, StatusBar } from './app/StatusBar.js';
import { Toolbar } from './app/Toolbar.js';
import { useShortcuts } from './app/useShortcuts.js';
import { useStudioLink } from './app/useStudioLink.js';
import { Palette } from './palette/Palette.js';
import { useRecovery } from './recovery/useRecovery.js';
import { ExportDialog } from './start/ExportDialog.js';
import { GenerateDialog } from './training/GenerateDialog.js';
import { FileDialog } from './start/FileDialog.js';
import { SettingsDialog } from './start/SettingsDialog.js';
import { StartScreen } from './start/StartScreen.js';

function Studio() {
  const { ctx } = useEditor();
  const screen = useUi((s) => s.screen);
  const theme = useUi((s) => s.theme);
  const panel = useUi((s) => s.panel);
  const [connection, setConnection] = useState<string>(ctx.client?.state ?? 'closed');
  useShortcuts();
  useStudioLink(setConnection);
  useRecovery();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  return (
    <div className={`app theme-${theme}`}>
      {connection === 'closed' && (
        <div className="banner" role="alert">
          Connection to the studio lost (DW606). Restart <code>deepwire serve</code> and reload the page.
        </div>
      )}
      {screen === 'start' ? (
        <>
          <StartScreen />
          <NoticeLine />
        </>
      ) : (
        <ReactFlowProvider>
          <div className={`editor${panel === 'training' ? ' wide-panel' : ''}`}>
            <Toolbar />
            <Palette />
            <Canvas />
            <SidePanel />
            <StatusBar connection={connection} />
          </div>
        </ReactFlowProvider>
      )}
      <FileDialog />
      <ExportDialog />
      <GenerateDialog />
      <SettingsDialog />
    </div>
  );
}

export function App({ editor }: { editor: Editor }) {
  return (
    <EditorContext.Provider value={editor}>
      <Studio />
    </EditorContext.Provider>
  );
}
