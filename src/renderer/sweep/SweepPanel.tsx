/**
 * The Sweep panel (issue #15): the parameters to vary (the same `name=values`
 * specs as `deepwire sweep --param`), the search, start / pause / stop, a
 * live table of trials, a parallel-coordinates plot of parameters against
 * the metric, the best curve so far, and promoting the best trial into the
 * document. Everything shown comes from main's snapshot; nothing is computed here.
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { SEARCH_METHODS, type SearchMethod, type SweepSnapshot } from '../../shared/sweep/config.js';
import { defaultDataset } from '../actions/trainingActions.js';
import { useEditor } from '../app/EditorContext.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { BestCurve } from './BestCurve.js';
import { ParallelCoordinates } from './ParallelCoordinates.js';
import { sweepStoreFor } from './sweepStore.js';
import { ErrorLine } from '../app/ErrorLine.js';
import { Options } from '../app/Options.js';

const STATE_TEXT: Record<SweepSnapshot['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  stopping: 'Stopping…',
  finished: 'Finished',
  stopped: 'Stopped',
  failed: 'Failed',
};
const OUTCOME_TEXT = {
  pending: 'pending',
  running: 'running',
  completed: 'completed',
  pruned: 'stopped early',
  stopped: 'stopped',
  failed: 'failed',
} as const;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fmt = (v: number | null) => (v === null ? '–' : Math.abs(v) >= 1e-3 ? v.toFixed(4) : v.toExponential(2));
const positive = (text: string) => {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n > 0 ? n : undefined;
};

function TrialTable({ snapshot }: { snapshot: SweepSnapshot }) {
  return (
    <table className="summary-table" aria-label="Sweep trials">
      <thead>
        <tr>
          <th scope="col">#</th>
          {snapshot.paramPaths.map((p) => (
            <th key={p} scope="col">
              {p.replace(/^training\./, '')}
            </th>
          ))}
          <th scope="col">{snapshot.metric}</th>
          <th scope="col">epochs</th>
          <th scope="col">outcome</th>
        </tr>
      </thead>
      <tbody>
        {snapshot.trials.map((t) => (
          <tr key={t.trial} aria-label={t.trial === snapshot.best ? `trial ${t.trial}, best` : `trial ${t.trial}`}>
            <th scope="row">
              {t.trial}
              {t.trial === snapshot.best ? ' ★' : ''}
            </th>
            {snapshot.paramPaths.map((p) => (
              <td key={p}>{String(t.params[p])}</td>
            ))}
            <td className="num">{fmt(t.value)}</td>
            <td className="num">
              {t.epochsCompleted}/{t.epochs}
            </td>
            <td title={t.error ? `${t.error.code} ${t.error.message}` : undefined}>{OUTCOME_TEXT[t.state]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SweepPanel() {
  const { ctx } = useEditor();
  const store = useMemo(() => sweepStoreFor(ctx), [ctx]);
  const snapshot = useStore(store, (s) => s.snapshot);
  const error = useStore(store, (s) => s.error);
  const notice = useStore(store, (s) => s.notice);
  const [params, setParams] = useState<string[]>(['training.learningRate=1e-4..1e-2:log']);
  const [search, setSearch] = useState<SearchMethod>('random');
  const [trials, setTrials] = useState('6');
  const [budget, setBudget] = useState('3');
  const [limit, setLimit] = useState('');
  const active = snapshot !== null && ['running', 'paused', 'stopping'].includes(snapshot.state);

  const call = async <T,>(run: () => Promise<T>): Promise<T | undefined> => {
    store.setState({ error: null, notice: null });
    try {
      return await run();
    } catch (e) {
      store.setState({ error: message(e) });
      return undefined;
    }
  };
  const client = ctx.client;
  const start = () =>
    call(async () => {
      if (!client) return;
      const p = ctx.project.getState();
      const project = toProjectDoc({ ...p, dataset: p.dataset ?? defaultDataset(p.kind) }, ctx.graph.getState().doc);
      const snap = await client.call('sweep.start', {
        project,
        ...(p.path ? { projectPath: p.path } : {}),
        options: {
          params: params.map((s) => s.trim()).filter(Boolean),
          search,
          ...(positive(trials) ? { trials: positive(trials) } : {}),
          ...(positive(budget) ? { budgetEpochs: positive(budget) } : {}),
          ...(positive(limit) ? { limit: positive(limit) } : {}),
        },
      });
      store.setState({ snapshot: snap });
    });
  const control = (command: 'sweep.pause' | 'sweep.resume' | 'sweep.stop') =>
    call(async () => {
      if (client) store.setState({ snapshot: await client.call(command, {}) });
    });
  const promote = () =>
    call(async () => {
      if (!client) return;
      const best = await client.call('sweep.promote', {});
      // One step into the document: the trial's graph, its training settings and its weights.
      ctx.graph.getState().load(best.graph);
      ctx.project.getState().setTraining(best.training);
      ctx.project.setState((s) => ({ extra: { ...s.extra, weights: best.weights }, revision: s.revision + 1 }));
      store.setState({ notice: `Trial ${best.trial} is now the project's model, settings and weights (unsaved).` });
    });

  return (
    <section className="training-panel sweep-panel" aria-label="Sweep">
      <h3>Parameters</h3>
      <p className="muted">
        One per line, as <code>name=values</code>: <code>training.learningRate=1e-4..1e-2:log</code>,{' '}
        <code>dense.units=64,128,256</code>, <code>dropout.rate=0..0.5</code>, <code>dropout.present=true,false</code>{' '}
        (a layer by name, or all hidden layers of a kind).
      </p>
      {params.map((p, i) => (
        <div key={i} className="field-row" style={{ display: 'flex', gap: 4 }}>
          <input
            aria-label={`Parameter ${i + 1}`}
            style={{ flex: 1, fontFamily: 'monospace' }}
            value={p}
            disabled={active}
            spellCheck={false}
            onChange={(e) => setParams(params.map((q, j) => (j === i ? e.target.value : q)))}
          />
          <button
            type="button"
            aria-label={`Remove parameter ${i + 1}`}
            disabled={active || params.length === 1}
            onClick={() => setParams(params.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" disabled={active} onClick={() => setParams([...params, ''])}>
        Add parameter
      </button>
      <div className="field-grid">
        <label>
          Search
          <select value={search} disabled={active} onChange={(e) => setSearch(e.target.value as SearchMethod)}>
            <Options values={SEARCH_METHODS} />
          </select>
        </label>
        <label>
          Trials
          <input type="number" min={1} value={trials} disabled={active} onChange={(e) => setTrials(e.target.value)} />
        </label>
        <label>
          Budget epochs
          <input type="number" min={1} value={budget} disabled={active} onChange={(e) => setBudget(e.target.value)} />
        </label>
        <label>
          Sweep limit (samples)
          <input
            type="number"
            min={1}
            value={limit}
            placeholder="all"
            disabled={active}
            onChange={(e) => setLimit(e.target.value)}
          />
        </label>
      </div>
      <div className="run-controls">
        <button type="button" className="primary" disabled={active || !client} onClick={() => void start()}>
          Start sweep
        </button>
        {snapshot?.state === 'paused' ? (
          <button type="button" onClick={() => void control('sweep.resume')}>
            Resume sweep
          </button>
        ) : (
          <button type="button" disabled={snapshot?.state !== 'running'} onClick={() => void control('sweep.pause')}>
            Pause sweep
          </button>
        )}
        <button
          type="button"
          disabled={!active || snapshot?.state === 'stopping'}
          onClick={() => void control('sweep.stop')}
        >
          Stop sweep
        </button>
        <button type="button" disabled={active || snapshot?.best == null} onClick={() => void promote()}>
          Promote best
        </button>
      </div>
      <ErrorLine error={error} />
      {notice && <p role="note">{notice}</p>}
      {snapshot && (
        <>
          <p>
            <span role="status" aria-label="Sweep state">
              {STATE_TEXT[snapshot.state]}
            </span>{' '}
            <span className="muted">
              {snapshot.trials.filter((t) => t.state !== 'running').length}/{snapshot.plannedTrials} trials ·{' '}
              {snapshot.search} search · {snapshot.metric} ({snapshot.direction === 'min' ? 'lower' : 'higher'} is
              better){snapshot.rungs.length > 0 ? ` · early stop at epoch ${snapshot.rungs.join(', ')}` : ''}
            </span>
          </p>
          <progress
            aria-label="Sweep progress"
            style={{ width: '100%' }}
            max={Math.max(1, snapshot.plannedTrials)}
            value={
              snapshot.trials.filter((t) => t.state !== 'running').length +
              Object.values(snapshot.progress).reduce((a, b) => a + b, 0)
            }
          />
          {Object.entries(snapshot.progress).map(([trial, fraction]) => (
            <progress
              key={trial}
              aria-label={`Trial ${trial} progress`}
              style={{ width: '100%' }}
              max={1}
              value={fraction}
            />
          ))}
          <h3>Trials</h3>
          <TrialTable snapshot={snapshot} />
          <h3>Parameters against {snapshot.metric}</h3>
          <ParallelCoordinates snapshot={snapshot} />
          <h3>Best curve so far</h3>
          <BestCurve snapshot={snapshot} />
        </>
      )}
    </section>
  );
}
