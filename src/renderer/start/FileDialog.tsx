/**
 * The web studio's Open/Save dialog: browses the folders the server allows
 * (`files.list`) since a browser page cannot show native dialogs.
 */
import { useEffect, useRef, useState } from 'react';
import type { FolderListing } from '../../shared/api/files.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useProject, useExecute, useUi } from '../app/EditorContext.js';

function join(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

export function FileDialog() {
  const mode = useUi((s) => s.fileDialog);
  return mode ? <FileDialogBody mode={mode} /> : null;
}

function FileDialogBody({ mode }: { mode: 'open' | 'save' }) {
  const { ctx } = useEditor();
  const run = useExecute();
  const projectName = useProject((s) => s.name);
  const projectPath = useProject((s) => s.path);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [roots, setRoots] = useState<string[]>([]);
  const [fileName, setFileName] = useState(
    () => `${(projectPath?.split(/[\\/]/).pop() ?? projectName).replace(/\.deepwire$/, '')}.deepwire`,
  );
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);

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
    const dir = projectPath ? projectPath.replace(/[\\/][^\\/]*$/, '') : undefined;
    void browse(dir);
    dialog.current?.querySelector<HTMLElement>('input, button')?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open once per dialog
  }, [mode]);

  const close = () => ctx.ui.getState().setFileDialog(null);
  const title = mode === 'open' ? 'Open project' : 'Save project';
  const submitSave = () => {
    if (!listing) return;
    const name = fileName.trim().endsWith('.deepwire') ? fileName.trim() : `${fileName.trim()}.deepwire`;
    if (!/^[^\\/:*?"<>|]+$/.test(name)) return setError('A file name cannot contain \\ / : * ? " < > |');
    run(ACTIONS.saveAs, { path: join(listing.path, name) });
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialog}
        className="modal file-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="file-dialog-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h2 id="file-dialog-title">{title}</h2>
        {roots.length > 1 && (
          <div className="field">
            <label htmlFor="file-root">Location</label>
            <select
              id="file-root"
              value={roots.find((r) => listing?.path.startsWith(r)) ?? ''}
              onChange={(e) => void browse(e.target.value)}
            >
              {roots.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
        )}
        <p className="mono small" aria-label="Folder">
          {listing?.path ?? '…'}
        </p>
        <ul className="file-list" aria-label="Files">
          {listing?.parent && (
            <li>
              <button type="button" className="file-entry dir" onClick={() => void browse(listing.parent ?? undefined)}>
                ⬑ ..
              </button>
            </li>
          )}
          {listing?.entries
            .filter((e) => e.kind === 'dir' || e.kind === 'project')
            .map((e) => (
              <li key={e.path}>
                <button
                  type="button"
                  className={`file-entry ${e.kind}`}
                  onClick={() => {
                    if (e.kind === 'dir') void browse(e.path);
                    else if (mode === 'open') run(ACTIONS.openProject, { path: e.path });
                    else setFileName(e.name);
                  }}
                >
                  {e.kind === 'dir' ? '📁 ' : '🧠 '}
                  {e.name}
                </button>
              </li>
            ))}
        </ul>
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
            />
          </form>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="button" onClick={close}>
            Cancel
          </button>
          {mode === 'save' && (
            <button type="button" className="primary" onClick={submitSave}>
              Save
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
