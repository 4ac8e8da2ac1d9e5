/** The status bar: totals, problem count, the notice line, the connection and the backend. */
import { useEffect } from 'react';
import { formatCount } from '../canvas/keyParams.js';
import { selectReport } from '../stores/graphSelectors.js';
import { useEditor, useGraph, useTraining, useUi } from './EditorContext.js';

export function NoticeLine() {
  const { ctx } = useEditor();
  const notice = useUi((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    // Errors stay longer (they explain a refusal), but a stale one must not sit there forever.
    const t = setTimeout(() => ctx.ui.getState().dismissNotice(), notice.kind === 'error' ? 20_000 : 6000);
    return () => clearTimeout(t);
  }, [notice, ctx]);
  if (!notice) return <div className="notice" role="status" aria-live="polite" />;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button
        type="button"
        className="link"
        aria-label="Dismiss message"
        onClick={() => ctx.ui.getState().dismissNotice()}
      >
        ✕
      </button>
    </div>
  );
}

export function StatusBar({ connection }: { connection: string }) {
  const report = useGraph(selectReport);
  const backend = useTraining((s) => s.backend);
  const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  return (
    <footer className="statusbar" aria-label="Status">
      <span role="status" aria-label="Total params">
        Total params: <strong>{formatCount(report.totals.total)}</strong>
      </span>
      <span className={errors > 0 ? 'status-errors' : 'status-ok'}>
        {errors === 0 && warnings === 0
          ? 'No problems'
          : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
      </span>
      <NoticeLine />
      <span className="muted">
        {backend ? `Backend: ${backend.chosen}${backend.kernelPack ? ' + kernel pack' : ''}` : ''}
      </span>
      <span className={`conn conn-${connection}`}>
        {connection === 'open' ? 'Connected' : connection === 'connecting' ? 'Connecting…' : 'Disconnected'}
      </span>
    </footer>
  );
}
