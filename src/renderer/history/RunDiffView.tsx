/** What changed between two runs (runs.diff): settings, layers with their params, links, final metrics. */
import type { RunDiff } from '../../shared/runs/diff.js';

const show = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'string' ? v : JSON.stringify(v));
const fmt = (v: number | null) => (v === null ? '–' : Number.isInteger(v) ? String(v) : v.toFixed(4));
const params = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(', ');

export function RunDiffView({ diff, indexA, indexB }: { diff: RunDiff; indexA: number; indexB: number }) {
  const g = diff.graph;
  const layerChanges =
    g.added.length + g.removed.length + g.changed.length + g.linksAdded.length + g.linksRemoved.length;
  return (
    <section className="run-diff" aria-label={`Run ${indexA} vs run ${indexB}`}>
      <h3>
        Run {indexA} vs run {indexB}
      </h3>
      <h4>Settings</h4>
      {diff.hyperparameters.length === 0 ? (
        <p className="muted">The same.</p>
      ) : (
        <ul className="diff-list" aria-label="Changed settings">
          {diff.hyperparameters.map((c) => (
            <li key={c.key}>
              <code>{c.key}</code>: {show(c.a)} → {show(c.b)}
            </li>
          ))}
        </ul>
      )}
      <h4>Model</h4>
      {!g.comparable ? (
        <p className="muted">
          {g.sameRevision
            ? 'The same graph revision.'
            : 'Different graph revisions (an older run did not keep its layers).'}
        </p>
      ) : layerChanges === 0 ? (
        <p className="muted">The same.</p>
      ) : (
        <ul className="diff-list" aria-label="Changed layers">
          {g.added.map((l) => (
            <li key={`+${l.name}`} className="diff-added">
              + {l.name} ({l.kind}: {params(l.params)})
            </li>
          ))}
          {g.removed.map((l) => (
            <li key={`-${l.name}`} className="diff-removed">
              − {l.name} ({l.kind}: {params(l.params)})
            </li>
          ))}
          {g.changed.map((c) => (
            <li key={`~${c.name}`}>
              ~ {c.name} ({c.kindA === c.kindB ? c.kindA : `${c.kindA} → ${c.kindB}`}):{' '}
              {c.params.map((p) => `${p.key} ${show(p.a)} → ${show(p.b)}`).join(', ')}
            </li>
          ))}
          {g.linksAdded.map((l) => (
            <li key={`+link ${l}`} className="diff-added">
              + link {l}
            </li>
          ))}
          {g.linksRemoved.map((l) => (
            <li key={`-link ${l}`} className="diff-removed">
              − link {l}
            </li>
          ))}
        </ul>
      )}
      <h4>Final metrics</h4>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">metric</th>
            <th scope="col" className="num">
              run {indexA}
            </th>
            <th scope="col" className="num">
              run {indexB}
            </th>
          </tr>
        </thead>
        <tbody>
          {diff.metrics.map((m) => (
            <tr key={m.key}>
              <th scope="row">{m.key}</th>
              <td className="num">{fmt(m.a)}</td>
              <td className="num">{fmt(m.b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
