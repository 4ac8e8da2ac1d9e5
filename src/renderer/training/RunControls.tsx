/** Start / Pause / Resume / Stop, the backend in use, and progress with ETA and samples/s. */
import { useCallback, useSyncExternalStore } from 'react';
import { ACTIONS } from '../actions/index.js';
import type { AnyAction } from '../actions/types.js';
import { useEditor, useExecute, useTraining } from '../app/EditorContext.js';

function formatEta(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m >= 60
    ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
    : `${m}:${String(s % 60).padStart(2, '0')}`;
}

const PHASE_TEXT = {
  idle: 'Not started',
  starting: 'Starting…',
  running: 'Training',
  paused: 'Paused',
  stopping: 'Stopping…',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
} as const;

function RunButton({ action, className }: { action: AnyAction; className?: string }) {
  const { ctx, registry } = useEditor();
  const run = useExecute();
  const subscribe = useCallback(
    (cb: () => void) => {
      const a = ctx.training.subscribe(cb);
      const b = ctx.graph.subscribe(cb);
      return () => {
        a();
        b();
      };
    },
    [ctx],
  );
  const enabled = useSyncExternalStore(subscribe, () => registry.isEnabled(action.name, ctx));
  return (
    <button type="button" className={className} disabled={!enabled} onClick={() => run(action, undefined)}>
      {action.label}
    </button>
  );
}

export function RunControls() {
  const { ctx } = useEditor();
  // A trained GAN can write its samples as a dataset (issue #13).
  const isGan = useSyncExternalStore(ctx.project.subscribe, () => ctx.project.getState().kind === 'gan');
  const phase = useTraining((s) => s.phase);
  const progress = useTraining((s) => s.progress);
  const backend = useTraining((s) => s.backend);
  const error = useTraining((s) => s.error);
  const outcome = useTraining((s) => s.outcome);
  const warnings = useTraining((s) => s.warnings);
  const done = progress ? (progress.epoch - 1) * progress.batchesPerEpoch + progress.batch : 0;
  const total = progress ? progress.epochs * progress.batchesPerEpoch : 0;
  return (
    <section className="run-controls" aria-label="Run">
      <div className="button-row" style={{ justifyContent: 'flex-start' }}>
        <RunButton action={ACTIONS.trainStart} className="primary" />
        {phase === 'paused' ? <RunButton action={ACTIONS.trainResume} /> : <RunButton action={ACTIONS.trainPause} />}
        <RunButton action={ACTIONS.trainStop} />
        {isGan && <RunButton action={ACTIONS.generateGanDataset} />}
      </div>
      <p className="run-state">
        <strong role="status" aria-label="Run state">
          {PHASE_TEXT[phase]}
        </strong>
        {backend && (
          <span className="muted" aria-label="Backend">
            {' '}
            · backend {backend.chosen}
            {backend.kernelPack ? ' + kernel pack' : ''}
            {backend.threads > 1 ? ` · ${backend.threads} threads` : ''}
          </span>
        )}
      </p>
      <progress className="progress" aria-label="Training progress" max={total || 1} value={done} />
      <p className="muted small" aria-label="Progress details">
        {progress
          ? `Epoch ${progress.epoch}/${progress.epochs} · batch ${progress.batch}/${progress.batchesPerEpoch} · ${progress.rate >= 10 ? Math.round(progress.rate).toLocaleString('en-US') : progress.rate.toFixed(2)} ${progress.rateUnit}/s · ETA ${formatEta(progress.etaSeconds)}`
          : 'No run yet.'}
      </p>
      {outcome && (
        <p aria-label="Outcome">
          {outcome.reason === 'stopped'
            ? 'Stopped'
            : outcome.reason === 'early-stopping'
              ? 'Stopped early (no improvement)'
              : 'Completed'}{' '}
          after {outcome.seconds.toFixed(1)} s
          {outcome.metrics.testAccuracy !== undefined
            ? ` · test accuracy ${(outcome.metrics.testAccuracy * 100).toFixed(1)}%`
            : ''}
        </p>
      )}
      {warnings.length > 0 && (
        <ul className="run-warnings" aria-label="Training warnings">
          {warnings.map((w, i) => (
            <li key={i} className="diag diag-warning">
              {w}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
