/** Export: choose a format, and (in the web studio) where to write it; Electron asks with its own dialog. */
import { useId, useState } from 'react';
import { EXPORT_FORMATS, EXPORT_FORMAT_INFO, type ExportFormat } from '../../shared/api/export.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useProject, useExecute, useUi } from '../app/EditorContext.js';
import { Options } from '../app/Options.js';
import { ConfirmButtons, dialogWhile, Modal, useFirstRoot } from './Modal.js';

export const ExportDialog = dialogWhile((s) => s.exportDialog, ExportDialogBody);

function ExportDialogBody() {
  const { ctx } = useEditor();
  const run = useExecute();
  const native = useUi((s) => s.nativeDialogs);
  const name = useProject((s) => s.name);
  const path = useProject((s) => s.path);
  const [format, setFormat] = useState<ExportFormat>('tfjs');
  const [typed, setFolder] = useState(path ? path.replace(/[\\/][^\\/]*$/, '') : '');
  // An empty folder reads as the first served one (the web studio's; Electron asks with its own dialog).
  const root = useFirstRoot(!native);
  const folder = typed || root;
  const progress = useUi((s) => s.exportProgress);
  const ids = { format: useId(), dest: useId() };

  const stem = name.replace(/[^\p{L}\p{N} _.-]+/gu, '-').trim() || 'model';
  const destination = folder ? `${folder.replace(/[\\/]$/, '')}/${stem}-${format}` : '';
  const close = () => ctx.ui.getState().setExportDialog(false);
  return (
    <Modal title="Export model" onClose={close}>
      <div className="field">
        <label htmlFor={ids.format}>Format</label>
        <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          <Options values={EXPORT_FORMATS} label={(f) => EXPORT_FORMAT_INFO[f].label} />
        </select>
        <p className="field-doc">{EXPORT_FORMAT_INFO[format].description}</p>
      </div>
      {!native && (
        <div className="field">
          <label htmlFor={ids.dest}>Folder</label>
          <input
            id={ids.dest}
            type="text"
            value={folder}
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
          <p className="field-doc">Written to {destination || '…'} (inside the folders the studio may write).</p>
        </div>
      )}
      {progress && (
        <div className="field">
          <progress aria-label="Export progress" max={1} value={progress.fraction} />
          <p className="field-doc" role="status" aria-label="Export step">
            {Math.round(progress.fraction * 100)}%: {progress.message}
          </p>
        </div>
      )}
      <ConfirmButtons
        cancel={close}
        confirm={() => run(ACTIONS.exportModel, { format, ...(native ? {} : { destination }) })}
        label="Export"
        disabled={progress !== null || (!native && !destination)}
      />
    </Modal>
  );
}
