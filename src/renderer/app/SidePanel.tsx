/** The right-hand panel: Inspector, Model summary, Training and run History as tabs. */
import { lazy, Suspense, type KeyboardEvent } from 'react';
import { Inspector } from '../inspector/Inspector.js';
import { SummaryPanel } from '../summary/SummaryPanel.js';
import type { SidePanel as Panel } from '../stores/uiStore.js';
import { useEditor, useUi } from './EditorContext.js';

// The training panel brings uPlot; load it when first opened.
const TrainingPanel = lazy(() => import('../training/TrainingPanel.js').then((m) => ({ default: m.TrainingPanel })));
// The History panel too (uPlot for its overlaid curves).
const HistoryPanel = lazy(() => import('../history/HistoryPanel.js').then((m) => ({ default: m.HistoryPanel })));
// The Sweep panel (issue #15): its own SVG plots.
const SweepPanel = lazy(() => import('../sweep/SweepPanel.js').then((m) => ({ default: m.SweepPanel })));
// The Inside panel (issue #15): what a trained classifier does with a test sample.
const InsidePanel = lazy(() => import('../inside/InsidePanel.js').then((m) => ({ default: m.InsidePanel })));

const TABS: { id: Panel; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'summary', label: 'Summary' },
  { id: 'training', label: 'Training' },
  { id: 'history', label: 'History' },
  { id: 'sweep', label: 'Sweep' },
  { id: 'inside', label: 'Inside' },
];

export function SidePanel() {
  const { ctx } = useEditor();
  const panel = useUi((s) => s.panel);
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === panel);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(i + step + TABS.length) % TABS.length];
    ctx.ui.getState().setPanel(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <aside className="side-panel">
      <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={panel === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={panel === t.id ? 0 : -1}
            onClick={() => ctx.ui.getState().setPanel(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`panel-${panel}`} role="tabpanel" aria-labelledby={`tab-${panel}`} className="tab-body">
        {panel === 'inspector' && <Inspector />}
        {panel === 'summary' && <SummaryPanel />}
        {panel === 'training' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <TrainingPanel />
          </Suspense>
        )}
        {panel === 'history' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <HistoryPanel />
          </Suspense>
        )}
        {panel === 'sweep' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <SweepPanel />
          </Suspense>
        )}
        {panel === 'inside' && (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <InsidePanel />
          </Suspense>
        )}
      </div>
    </aside>
  );
}
