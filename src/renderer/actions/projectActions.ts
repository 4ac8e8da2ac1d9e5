/**
 * Project files through the studio contract: new from template, open, save,
 * save as. In Electron the shell shows native dialogs; in the web studio the
 * renderer shows its own file browser (ui.fileDialog) and passes the path.
 */
import type { ExportFormat } from '../../shared/api/export.js';
import type { OpenedProject } from '../../shared/api/project.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { afterSave } from '../recovery/autosave.js';
import { defineAction, type ActionContext } from './types.js';

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function requireClient(ctx: ActionContext) {
  if (!ctx.client)
    throw new Error('DW606 Connection to the studio lost: restart `deepwire serve` and reload the page.');
  return ctx.client;
}

/** Puts an opened project in the editor: one fresh history, training cleared, view fitted. */
export function adoptProject(ctx: ActionContext, opened: OpenedProject): void {
  const stored = ctx.project.getState().adopt(opened);
  // The last project's dataset says nothing about this one's.
  ctx.graph.getState().setSampleShape(undefined);
  ctx.graph.getState().load(stored, opened.project.kind);
  void syncSampleShape(ctx);
  ctx.training.getState().reset();
  ctx.ui.getState().setScreen('editor');
  ctx.ui.getState().requestFit();
  if (opened.migratedFrom !== null) {
    ctx.ui
      .getState()
      .notify(
        'info',
        `This project was saved in format version ${opened.migratedFrom}; it will be upgraded when you save.`,
      );
  }
}

/**
 * A built-in dataset's sample shape is known without loading it: shape
 * inference checks the model against it (DW108) from the moment a project
 * opens. User datasets get theirs from the preview in the training panel.
 */
async function syncSampleShape(ctx: ActionContext): Promise<void> {
  const source = ctx.project.getState().dataset?.source;
  if (!ctx.client || !source) return;
  try {
    const { builtins } = await ctx.client.call('dataset.browse', {});
    const info = builtins.find((b) => b.id === source);
    if (info && ctx.project.getState().dataset?.source === source)
      ctx.graph.getState().setSampleShape(info.sampleShape);
  } catch {
    // No dataset service: the check waits for the training panel's preview.
  }
}

async function guarded<T>(ctx: ActionContext, what: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    ctx.ui.getState().notify('error', `${what} failed — ${errorText(e)}`);
    return null;
  }
}

export const newProject = defineAction<{ kind?: ProjectKind; template?: string } | undefined, Promise<boolean>>({
  name: 'newProject',
  undoable: false,
  async perform(ctx, payload) {
    const client = requireClient(ctx);
    const opened = await guarded(ctx, 'New project', () =>
      payload?.template
        ? client.call('project.openExample', { id: payload.template })
        : client.call('project.new', { kind: payload?.kind ?? 'classifier' }),
    );
    if (!opened) return false;
    adoptProject(ctx, opened);
    return true;
  },
});

export const openProject = defineAction<{ path?: string } | undefined, Promise<boolean>>({
  name: 'open',
  undoable: false,
  inFields: true,
  async perform(ctx, payload) {
    const client = requireClient(ctx);
    if (!payload?.path && !ctx.ui.getState().nativeDialogs) {
      ctx.ui.getState().setFileDialog('open');
      return false;
    }
    const opened = await guarded(ctx, 'Open', () =>
      client.call('project.open', payload?.path ? { path: payload.path } : {}),
    );
    if (!opened) return false;
    adoptProject(ctx, opened);
    ctx.ui.getState().setFileDialog(null);
    return true;
  },
});

async function writeProject(ctx: ActionContext, mode: 'save' | 'saveAs', path: string | undefined): Promise<boolean> {
  const client = requireClient(ctx);
  // A project still called "Untitled…" takes the name the user gives its file.
  const base = path
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.deepwire$/i, '');
  if (mode === 'saveAs' && base && /^Untitled\b/.test(ctx.project.getState().name))
    ctx.project.getState().setName(base);
  const p = ctx.project.getState();
  const doc = ctx.graph.getState().doc;
  const project = toProjectDoc(p, doc);
  const saved = await guarded(ctx, 'Save', () =>
    mode === 'save'
      ? client.call('project.save', { project, ...(path ? { path } : {}) })
      : client.call('project.saveAs', { project, ...(path ? { path } : {}), suggestedName: `${p.name}.deepwire` }),
  );
  if (!saved) return false;
  // The file's new stamp is the base this document's next save merges from (recovered documents too).
  ctx.project.setState((s) => ({ extra: { ...s.extra, modifiedAt: saved.savedAt } }));
  // Only what was sent is saved: settings changed while the save was in flight stay dirty.
  if (ctx.project.getState().revision === p.revision) ctx.project.getState().markSaved(saved.path);
  else ctx.project.setState({ path: saved.path });
  // Mark the graph saved as it was sent: edits made while the save was in flight stay dirty.
  if (ctx.graph.getState().doc === doc) ctx.graph.getState().markSaved();
  ctx.ui.getState().setFileDialog(null);
  ctx.ui.getState().notify('info', `Saved ${saved.path}`);
  await afterSave(ctx, p.docId, saved.path);
  return true;
}

export const saveAs = defineAction<{ path?: string } | undefined, Promise<boolean>>({
  name: 'saveAs',
  undoable: false,
  inFields: true,
  async perform(ctx, payload) {
    if (!payload?.path && !ctx.ui.getState().nativeDialogs) {
      ctx.ui.getState().setFileDialog('save');
      return false;
    }
    return writeProject(ctx, 'saveAs', payload?.path);
  },
});

export const save = defineAction<{ path?: string } | undefined, Promise<boolean>>({
  name: 'save',
  undoable: false,
  inFields: true,
  async perform(ctx, payload) {
    const path = payload?.path ?? ctx.project.getState().path ?? undefined;
    if (!path) return saveAs.perform(ctx, undefined);
    return writeProject(ctx, 'save', path);
  },
});

/** Export the model (TF.js, Keras, ONNX, PyTorch, Keras code, history); the dialog picks the format and place. */
export const exportModel = defineAction<{ format: ExportFormat; destination?: string } | undefined, Promise<boolean>>({
  name: 'export',
  undoable: false,
  inFields: true,
  async perform(ctx, payload) {
    if (!payload) {
      ctx.ui.getState().setExportDialog(true);
      return false;
    }
    const client = requireClient(ctx);
    const p = ctx.project.getState();
    const project = toProjectDoc(p, ctx.graph.getState().doc);
    const ui = ctx.ui.getState();
    ui.setExportProgress({ fraction: 0, message: 'starting' });
    const result = await guarded(ctx, 'Export', () =>
      client.call('export.run', {
        project,
        format: payload.format,
        ...(payload.destination ? { destination: payload.destination } : {}),
        ...(p.path ? { projectPath: p.path } : {}),
      }),
    ).finally(() => ui.setExportProgress(null));
    if (!result) return false;
    ctx.ui.getState().setExportDialog(false);
    const note = result.warnings.length > 0 ? ` (${result.warnings.join('; ')})` : '';
    ctx.ui
      .getState()
      .notify(
        'info',
        `Exported ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${result.files[0]?.replace(/[\\/][^\\/]*$/, '') ?? ''}${note}`,
      );
    return true;
  },
});
