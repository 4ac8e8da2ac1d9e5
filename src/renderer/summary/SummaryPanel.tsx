/** The model summary: a Keras-style table of layers, output shapes and parameter counts, with totals and FLOPs. */
import { ERRORS } from '../../shared/errors.js';
import { formatShape } from '../../shared/layers/index.js';
import { useGraph } from '../app/EditorContext.js';
import { formatCount } from '../canvas/keyParams.js';
import { selectDoc, selectReport } from '../stores/graphSelectors.js';

function formatFlops(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GFLOPs`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MFLOPs`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kFLOPs`;
  return `${n} FLOPs`;
}

export function SummaryPanel() {
  const doc = useGraph(selectDoc);
  const report = useGraph(selectReport);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const ordered = [...report.order, ...doc.nodes.map((n) => n.id).filter((id) => !report.order.includes(id))];
  const { totals } = report;
  return (
    <section className="summary" aria-label="Model summary">
      <h2>Model summary</h2>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Param #
            </th>
            <th scope="col">Connected to</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((id) => {
            const n = byId.get(id);
            if (!n) return null;
            const info = report.nodes[id];
            const inputs = doc.edges
              .filter((e) => e.target === id)
              .sort((a, b) => a.targetPort - b.targetPort)
              .map((e) => byId.get(e.source)?.name ?? '?');
            return (
              <tr key={id}>
                <th scope="row">
                  {n.name} <span className="muted">({n.kind})</span>
                </th>
                <td className="mono">{info?.shape ? formatShape(info.shape) : '—'}</td>
                <td className="num">{formatCount(info ? info.params.trainable + info.params.nonTrainable : 0)}</td>
                <td>{inputs.join(', ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <dl className="summary-totals" aria-label="Totals">
        <dt>Total params</dt>
        <dd data-testid="total-params">{formatCount(totals.total)}</dd>
        <dt>Trainable params</dt>
        <dd>{formatCount(totals.trainable)}</dd>
        <dt>Non-trainable params</dt>
        <dd>{formatCount(totals.nonTrainable)}</dd>
        <dt>FLOPs per sample</dt>
        <dd>{formatFlops(totals.flops)}</dd>
      </dl>
      {report.diagnostics.length > 0 && (
        <section aria-label="All problems">
          <h3>Problems ({report.diagnostics.length})</h3>
          <ul className="diag-list">
            {report.diagnostics.map((d, i) => (
              <li key={i} className={`diag diag-${d.severity}`}>
                <strong>
                  {d.code} {ERRORS[d.code].title}
                </strong>
                : {d.message}
                <div className="diag-fix">Fix: {ERRORS[d.code].fix}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
