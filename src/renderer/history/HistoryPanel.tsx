/**
 * The History panel (issue #15): every run of the project in a sortable
 * table; tick runs to overlay their curves, two to compare them; restore a
 * run or delete runs. Rows, curves and diffs come from the studio (runs.*).
 */
import { useEffect, useMemo, useState } from 'react';
import type { OverlayScale, Overlay } from '../../shared/runs/overlay.js';
import type { RunDiff } from '../../shared/runs/diff.js';
import { shortRevision, type RunRow } from '../../shared/runs/table.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useExecute, useProject, useTraining } from '../app/EditorContext.js';
import { isActive } from '../stores/trainingStore.js';
import { OverlayChart } from './OverlayChart.js';
import { RunDiffView } from './RunDiffView.js';
import { primaryMetric, sortRows, type SortDirection, type SortKey } from './sortRows.js';
import { historySource } from './source.js';
import './history.css';
import { Options } from '../app/Options.js';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'index', label: '#' },
  { key: 'backend', label: 'Backend / device' },
  { key: 'dataset', label: 'Dataset' },
  { key: 'learningRate', label: 'Settings' },
  { key: 'graphRevision', label: 'Graph' },
  { key: 'durationSeconds', label: 'Time' },
  { key: 'samplesPerSecond', label: 'Samples/s' },
  { key: 'metric', label: 'Final' },
  { key: 'outcome', label: 'Outcome' },
];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const num = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(4));

function Cells({ row }: { row: RunRow }) {
  const m = primaryMetric(row);
  return (
    <>
      <td className="num" title={row.id}>
        {row.index}
        <div className="muted small">{row.startedAt.slice(0, 16).replace('T', ' ')}</div>
      </td>
      <td>{row.device ? `${row.backend} / ${row.device}` : row.backend}</td>
      <td>{row.datasetSize === null ? row.dataset : `${row.dataset} (${row.datasetSize})`}</td>
      <td className="small">{row.summary}</td>
      <td title={row.graphRevision ?? ''}>
        <code>{shortRevision(row.graphRevision)}</code>
      </td>
      <td className="num">{row.durationSeconds === null ? '–' : `${row.durationSeconds.toFixed(1)} s`}</td>
      <td className="num">{row.samplesPerSecond === null ? '–' : Math.round(row.samplesPerSecond)}</td>
      <td className="small">{m ? `${m.key} ${num(m.value)}` : '–'}</td>
      <td>{row.outcome}</td>
    </>
  );
}

export function HistoryPanel() {
  const { ctx, registry } = useEditor();
  const run = useExecute();
  const runs = useProject((s) => s.extra.runs);
  const path = useProject((s) => s.path);
  const training = useTraining((s) => isActive(s.phase));
  const [rows, setRows] = useState<RunRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'index',
    direction: 'ascending',
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [scale, setScale] = useState<OverlayScale>('epoch');
  const [metric, setMetric] = useState<string | undefined>(undefined);
  const [overlay, setOverlay] = useState<Overlay | null>(null);
  const [diff, setDiff] = useState<{ diff: RunDiff; indexA: number; indexB: number } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  useEffect(() => {
    const client = ctx.client;
    if (!client) return;
    let live = true;
    client
      .call('runs.list', historySource(ctx.project.getState()))
      .then((r) => {
        if (!live) return;
        setRows(r.rows);
        setError(null);
        const ids = new Set(r.rows.map((x) => x.id));
        setSelected((s) => new Set([...s].filter((id) => ids.has(id))));
      })
      .catch((e: unknown) => live && setError(message(e)));
    return () => {
      live = false;
    };
  }, [ctx, runs, path, reload]);

  // Ticked runs in table order: the overlay's series and the diff's A and B follow it.
  const ticked = useMemo(() => rows.filter((r) => selected.has(r.id)).map((r) => r.id), [rows, selected]);
  const tickedKey = ticked.join(',');

  useEffect(() => {
    const client = ctx.client;
    if (!client || ticked.length === 0) return;
    let live = true;
    client
      .call('runs.curves', {
        ...historySource(ctx.project.getState()),
        ids: ticked,
        scale,
        ...(metric ? { metric } : {}),
      })
      .then((o) => live && setOverlay(o))
      .catch((e: unknown) => live && setError(message(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `tickedKey` stands for `ticked`
  }, [ctx, tickedKey, scale, metric, runs, path]);

  const sorted = useMemo(() => sortRows(rows, sort.key, sort.direction), [rows, sort]);
  const toggle = (id: string) => {
    setDiff(null);
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const sortBy = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  const compare = async () => {
    const client = ctx.client;
    if (!client || ticked.length !== 2) return;
    try {
      const [a, b] = ticked;
      setDiff(await client.call('runs.diff', { ...historySource(ctx.project.getState()), a, b }));
    } catch (e) {
      setError(message(e));
    }
  };
  const remove = async () => {
    setConfirmDelete(false);
    await registry.execute(ACTIONS.deleteRuns, ctx, { ids: ticked });
    setReload((n) => n + 1);
  };

  return (
    <section className="history-panel" aria-label="Run history">
      <div className="history-toolbar" role="toolbar" aria-label="Run history">
        <span className="muted">
          {rows.length} run{rows.length === 1 ? '' : 's'}
          {ticked.length > 0 ? `, ${ticked.length} ticked` : ''}
        </span>
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
        <button type="button" disabled={ticked.length !== 2} onClick={() => void compare()}>
          Compare
        </button>
        <button type="button" disabled={ticked.length === 0} onClick={() => setConfirmDelete(true)}>
          Delete…
        </button>
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {confirmDelete && (
        <div role="alertdialog" aria-label="Delete runs" className="history-confirm">
          <p>
            Delete {ticked.length} run{ticked.length === 1 ? '' : 's'} from the project
            {path ? ' and its file' : ''}? This cannot be undone.
          </p>
          <button type="button" className="danger" onClick={() => void remove()}>
            Delete
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            Cancel
          </button>
        </div>
      )}
      {rows.length === 0 ? (
        <p className="muted">No runs yet: train the model (F5) and each run appears here.</p>
      ) : (
        <div className="history-scroll">
          <table className="summary-table history-table" aria-label="Runs">
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Tick all runs"
                    checked={ticked.length === rows.length}
                    onChange={(e) => {
                      setDiff(null);
                      setSelected(new Set(e.target.checked ? rows.map((r) => r.id) : []));
                    }}
                  />
                </th>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" aria-sort={sort.key === c.key ? sort.direction : 'none'}>
                    <button type="button" className="link" onClick={() => sortBy(c.key)}>
                      {c.label}
                    </button>
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">Restore</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.id} aria-selected={selected.has(row.id)} data-run={row.index}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Tick run ${row.index}`}
                      checked={selected.has(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                  <Cells row={row} />
                  <td>
                    <button
                      type="button"
                      disabled={training}
                      title="Put back the graph this run trained, with its weights when stored"
                      aria-label={`Restore run ${row.index}`}
                      onClick={() => run(ACTIONS.restoreRun, { id: row.id })}
                    >
                      Restore
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {overlay && ticked.length > 0 && (
        <section aria-label="Overlaid curves" className="history-overlay">
          <div className="history-toolbar">
            <label>
              Metric{' '}
              <select
                aria-label="Curve"
                value={overlay.metric ?? ''}
                onChange={(e) => setMetric(e.target.value || undefined)}
              >
                <Options values={overlay.metrics} />
              </select>
            </label>
            <label>
              Per{' '}
              <select aria-label="Curves per" value={scale} onChange={(e) => setScale(e.target.value as OverlayScale)}>
                <option value="epoch">epoch</option>
                <option value="batch">batch</option>
              </select>
            </label>
          </div>
          {overlay.metric === null ? (
            <p className="muted">These runs recorded no curve per {scale}.</p>
          ) : (
            <OverlayChart overlay={overlay} />
          )}
        </section>
      )}
      {diff && <RunDiffView {...diff} />}
    </section>
  );
}
