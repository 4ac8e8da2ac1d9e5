/**
 * The model summary: Keras-style tables (one per model — a GAN has a
 * Generator and a Discriminator) from the same `summarizeGraph` the CLI
 * prints, with total / trainable / non-trainable params, sizes and FLOPs.
 */
import { useMemo } from 'react';
import { DiagnosticList } from '../app/DiagnosticList.js';
import { formatShape } from '../../shared/layers/index.js';
import {
  formatBytes,
  formatCount,
  formatSi,
  summarizeGraph,
  type SummaryModel,
  type SummaryTotals,
} from '../../shared/summary/index.js';
import { useGraph, useProject } from '../app/EditorContext.js';
import { selectDoc, selectReport } from '../stores/graphSelectors.js';

function Totals({ totals, label }: { totals: SummaryTotals; label: string }) {
  return (
    <dl className="summary-totals" aria-label={label}>
      <dt>Total params</dt>
      <dd>
        {formatCount(totals.total)} <span className="muted">({formatBytes(totals.total * 4)})</span>
      </dd>
      <dt>Trainable params</dt>
      <dd>{formatCount(totals.trainable)}</dd>
      <dt>Non-trainable params</dt>
      <dd>{formatCount(totals.nonTrainable)}</dd>
      <dt>FLOPs per sample</dt>
      <dd>{formatSi(totals.flops)}FLOPs</dd>
    </dl>
  );
}

function ModelTable({ model }: { model: SummaryModel }) {
  return (
    <section aria-label={`Model ${model.name}`}>
      <h3>
        Model: “{model.name}” <span className="muted small">{model.sequential ? 'sequential' : 'functional'}</span>
      </h3>
      <table className="summary-table">
        <thead>
          <tr>
            <th scope="col">Layer (type)</th>
            <th scope="col">Output shape</th>
            <th scope="col" className="num">
              Param #
            </th>
            {!model.sequential && <th scope="col">Connected to</th>}
          </tr>
        </thead>
        <tbody>
          {model.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.name} <span className="muted">({r.kerasClass})</span>
              </th>
              <td className="mono">{r.outputShape ? formatShape(r.outputShape) : '—'}</td>
              <td className="num">{formatCount(r.params)}</td>
              {!model.sequential && <td>{r.connectedTo.join(', ') || '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <Totals totals={model.totals} label={`Totals of ${model.name}`} />
    </section>
  );
}

export function SummaryPanel() {
  const doc = useGraph(selectDoc);
  const report = useGraph(selectReport);
  const name = useProject((s) => s.name);
  const summary = useMemo(() => summarizeGraph(doc, report, { name }), [doc, report, name]);
  return (
    <section className="summary" aria-label="Model summary">
      <h2>Model summary</h2>
      {summary.models.length === 0 && <p className="muted">The canvas is empty.</p>}
      {summary.models.map((m) => (
        <ModelTable key={m.name} model={m} />
      ))}
      {summary.models.length > 1 && <Totals totals={summary.totals} label="Totals of all models" />}
      {report.diagnostics.length > 0 && (
        <section aria-label="All problems">
          <h3>Problems ({report.diagnostics.length})</h3>
          <DiagnosticList diagnostics={report.diagnostics} />
        </section>
      )}
    </section>
  );
}
