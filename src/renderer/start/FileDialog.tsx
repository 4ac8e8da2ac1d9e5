/**
 * The web studio's Open/Save dialog: browses the folders the server allows
 * (`files.list`) since a browser page cannot show native dialogs.
 */
import { useEffect, useState } from 'react';
import type { FolderListing } from '../../shared/api/files.js';
import { ACTIONS } from '../actions/index.js';
import type { ActionContext } from '../actions/types.js';
import { useEditor, useProject, useExecute, useUi } from '../app/EditorContext.js';
import { FolderBrowser } from '../training/FolderBrowser.js';
import { Modal } from './Modal.js';
import { Options } from '../app/Options.js';

function join(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

export function FileDialog() {
  const mode = useUi((s) => s.fileDialog);
  return mode ? <FileDialogBody mode={mode} /> : null;
}

/** The folder being browsed inside the served roots, through `files.list`. */
function useServedFolder(ctx: ActionContext, startIn: string | undefined) {
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [roots, setRoots] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const browse = async (path?: string) => {
    if (!ctx.client) return;
    try {
      const r = await ctx.client.call('files.list', path ? { path } : {});
      setRoots(r.roots);
      if (r.listing) setListing(r.listing);
      else if (r.roots[0]) await browse(r.roots[0]);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  useEffect(() => {
    void browse(startIn);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open once per dialog
  }, []);
  return { listing, roots, error, setError, browse };
}

function RootPicker({ roots, current, browse }: { roots: string[]; current: string; browse(path: string): void }) {
  if (roots.length < 2) return null;
  return (
    <div className="field">
      <label htmlFor="file-root">Location</label>
      <select id="file-root" value={current} onChange={(e) => browse(e.target.value)}>
        <Options values={roots} />
      </select>
    </div>
  );
}

function FileDialogBody({ mode }: { mode: 'open' | 'save' }) {
  const { ctx } = useEditor();
  const run = useExecute();
  const projectName = useProject((s) => s.name);
  const projectPath = useProject((s) => s.path);
  const { listing, roots, error, setError, browse } = useServedFolder(
    ctx,
    projectPath ? projectPath.replace(/[\\/][^\\/]*$/, '') : undefined,
  );
  const [fileName, setFileName] = useState(
    () => `${(projectPath?.split(/[\\/]/).pop() ?? projectName).replace(/\.deepwire$/, '')}.deepwire`,
  );
  const close = () => ctx.ui.getState().setFileDialog(null);
  const submitSave = () => {
    if (!listing) return;
    const name = fileName.trim().endsWith('.deepwire') ? fileName.trim() : `${fileName.trim()}.deepwire`;
    if (!/^[^\\/:*?"<>|]+$/.test(name)) return setError('A file name cannot contain \\ / : * ? " < > |');
    run(ACTIONS.saveAs, { path: join(listing.path, name) });
  };

  return (
    <Modal title={mode === 'open' ? 'Open project' : 'Save project'} onClose={close} className="file-dialog">
      <RootPicker roots={roots} current={roots.find((r) => listing?.path.startsWith(r)) ?? ''} browse={browse} />
      <p className="mono small" aria-label="Folder">
        {listing?.path ?? '…'}
      </p>
      {listing && (
        <FolderBrowser
          listing={listing}
          open={(p) => void browse(p)}
          showFile={(e) => e.kind === 'project'}
          fileIcon="🧠"
          pickFile={(p) =>
            mode === 'open' ? run(ACTIONS.openProject, { path: p }) : setFileName(p.split(/[\\/]/).pop() ?? p)
          }
        />
      )}
      {mode === 'save' && (
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            submitSave();
          }}
        >
          <label htmlFor="file-name">File name</label>
          <input
            id="file-name"
            type="text"
            value={fileName}
            onChange={(e) => setFileName(e.target.value)}
            spellCheck={false}
            autoFocus
          />
        </form>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="button" onClick={close} autoFocus={mode === 'open'}>
          Cancel
        </button>
        {mode === 'save' && (
          <button type="button" className="primary" onClick={submitSave}>
            Save
          </button>
        )}
      </div>
    </Modal>
  );
}
