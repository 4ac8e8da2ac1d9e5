/**
 * "Generate dataset" in the web studio: a browser page has no native folder dialog, so the user names a folder
 * relative to the served folder; the studio creates it there and refuses one that leaves it (DW621).
 */
import { useId, useState } from 'react';
import { ACTIONS } from '../actions/index.js';
import { GENERATED_COUNT } from '../actions/ganActions.js';
import { useEditor, useExecute, useProject } from '../app/EditorContext.js';
import { ConfirmButtons, dialogWhile, Modal, useFirstRoot } from '../start/Modal.js';

export const GenerateDialog = dialogWhile((s) => s.generateDialog, GenerateDialogBody);

function GenerateDialogBody() {
  const { ctx } = useEditor();
  const run = useExecute();
  const name = useProject((s) => s.name);
  const stem = name.replace(/[^\p{L}\p{N}_.-]+/gu, '-').replace(/^-+|-+$/g, '') || 'gan';
  const [folder, setFolder] = useState(`generated/${stem}`);
  const [count, setCount] = useState(GENERATED_COUNT);
  const root = useFirstRoot();
  const ids = { folder: useId(), count: useId() };

  const close = () => ctx.ui.getState().setGenerateDialog(false);
  const relative = folder.trim().replace(/^\.\/+/, '');
  const valid = relative !== '' && Number.isInteger(count) && count >= 1 && count <= 1_000_000;
  return (
    <Modal title="Generate dataset" onClose={close}>
      <div className="field">
        <label htmlFor={ids.folder}>Folder (inside the served folder)</label>
        <input
          id={ids.folder}
          type="text"
          value={folder}
          spellCheck={false}
          onChange={(e) => setFolder(e.target.value)}
        />
        <p className="field-doc">
          A new or empty folder, written to {root ? `${root.replace(/[\\/]$/, '')}/${relative || '…'}` : '…'}.
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.count}>Samples</label>
        <input
          id={ids.count}
          type="number"
          min={1}
          max={1_000_000}
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
        />
      </div>
      <ConfirmButtons
        cancel={close}
        confirm={() => run(ACTIONS.generateGanDataset, { destination: relative, count })}
        label="Generate"
        disabled={!valid}
      />
    </Modal>
  );
}
