/**
 * The editor's link to main through the contract: app info (dialogs,
 * backend), connection state, the window title and dirty marker, menu
 * commands, files the OS asks us to open, and a running export's progress.
 */
import { useEffect } from 'react';
import { trainingEventSchema } from '../../shared/training/protocol.js';
import { ACTIONS } from '../actions/index.js';
import { applyTrainingEvent } from '../training/ingest.js';
import { recordRunEnd } from '../training/runRecord.js';
import { selectIsDirty } from '../stores/graphSelectors.js';
import { useEditor } from './EditorContext.js';
import { followExportProgress } from './exportProgress.js';
import { applyThemeSetting } from './theme.js';

export function useStudioLink(onConnection: (state: string) => void): void {
  const { ctx, registry } = useEditor();

  useEffect(() => {
    const client = ctx.client;
    if (!client) return;
    const offs: (() => void)[] = [];
    const isDirty = () => {
      const p = ctx.project.getState();
      return selectIsDirty(ctx.graph.getState()) || p.revision !== p.savedRevision;
    };
    const warnIfDirty = (e: BeforeUnloadEvent) => {
      if (isDirty()) e.preventDefault();
    };
    offs.push(client.onState((s) => onConnection(s)));
    onConnection(client.state);
    client
      .call('app.info', {})
      .then((info) => {
        ctx.ui.getState().setNativeDialogs(info.nativeDialogs);
        if (info.backend) ctx.training.getState().setBackend(info.backend);
        // A browser tab closes without asking main: warn there. Electron asks in main (app.documentState).
        if (info.transport === 'web') window.addEventListener('beforeunload', warnIfDirty);
      })
      .catch((e: unknown) => ctx.ui.getState().notify('error', e instanceof Error ? e.message : String(e)));
    client
      .call('settings.get', {})
      .then((s) => {
        applyThemeSetting(ctx.ui, s.theme);
        savedPanel = s.sidePanel;
        ctx.ui.getState().setPanel(s.sidePanel);
      })
      .catch(() => undefined);
    // The panel layout is a setting: the last open tab comes back next time.
    let savedPanel: string | undefined;
    offs.push(
      ctx.ui.subscribe(({ panel }) => {
        if (panel === savedPanel) return;
        savedPanel = panel;
        void client.call('settings.set', { sidePanel: panel }).catch(() => undefined);
      }),
    );
    offs.push(
      client.on('app.menu', ({ action }) => {
        const a = registry.get(action);
        if (a) void registry.execute(a, ctx, undefined, 'menu');
      }),
    );
    offs.push(
      client.on('training.event', ({ runId, event }) => {
        // The contract carries events loosely; the engine protocol's schema is the check.
        const parsed = trainingEventSchema.safeParse(event);
        if (!parsed.success) return;
        applyTrainingEvent(ctx.training, runId, parsed.data);
        recordRunEnd(ctx.project, ctx.training.getState(), runId, parsed.data);
      }),
    );
    offs.push(followExportProgress(client, ctx.ui));
    offs.push(
      client.on('app.openPath', ({ path }) => void registry.execute(ACTIONS.openProject, ctx, { path }, 'shell')),
    );

    // Tell the shell the title and dirty state (window title, close prompt), only when they change.
    let last = '';
    const report = () => {
      const p = ctx.project.getState();
      const dirty = isDirty();
      const title = ctx.ui.getState().screen === 'editor' ? p.name : null;
      const docId = title === null ? null : p.docId;
      const key = `${title}|${dirty}|${docId}`;
      if (key === last) return;
      last = key;
      document.title = title ? `${dirty ? '● ' : ''}${title} — Deepwire` : 'Deepwire';
      void client.call('app.documentState', { title, dirty, docId }).catch(() => undefined);
    };
    offs.push(ctx.graph.subscribe(report), ctx.project.subscribe(report), ctx.ui.subscribe(report));
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('beforeunload', warnIfDirty);
    };
  }, [ctx, registry, onConnection]);
}
