/** A modal dialog: backdrop, the dialog role named by its heading, Escape closes. */
import { useEffect, useId, useState, type ComponentType, type ReactNode } from 'react';
import { useEditor, useUi } from '../app/EditorContext.js';
import type { UiState } from '../stores/uiStore.js';

/** A dialog shown while its UI flag is set; its body mounts afresh (with fresh state) at each opening. */
export function dialogWhile(open: (s: UiState) => boolean, Body: ComponentType): ComponentType {
  return function Dialog() {
    return useUi(open) ? <Body /> : null;
  };
}

/** The first folder the studio serves (`files.list`); '' until it answers, when not `wanted`, or with no studio client. */
export function useFirstRoot(wanted = true): string {
  const { ctx } = useEditor();
  const [root, setRoot] = useState('');
  useEffect(() => {
    if (wanted) void ctx.client?.call('files.list', {}).then((r) => setRoot(r.roots[0] ?? ''));
  }, [ctx, wanted]);
  return root;
}

export function Modal({
  title,
  onClose,
  children,
  className,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Extra class of the dialog box (its size and layout). */
  className?: string;
}) {
  const titleId = useId();
  return (
    <div className="modal-backdrop">
      <div
        className={className ? `modal ${className}` : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A dialog's Cancel and its primary button: `label`, doing `confirm`, unless `disabled`. */
export function ConfirmButtons({
  cancel,
  confirm,
  label,
  disabled = false,
}: {
  cancel: () => void;
  confirm: () => void;
  label: string;
  disabled?: boolean;
}) {
  return (
    <div className="button-row">
      <button type="button" onClick={cancel}>
        Cancel
      </button>
      <button type="button" className="primary" disabled={disabled} onClick={confirm}>
        {label}
      </button>
    </div>
  );
}
