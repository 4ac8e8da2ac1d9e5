/** A few samples of a dataset and its class balance. */
import type { DatasetPreview } from '../../shared/api/datasets.js';
import { PixelCanvas } from './PixelCanvas.js';

export function DatasetPreviewView({ preview }: { preview: DatasetPreview }) {
  const maxCount = Math.max(1, ...(preview.classBalance ?? []).map((c) => c.count));
  return (
    <section className="dataset-preview" aria-label={`Preview of ${preview.name}`}>
      <p className="muted small">
        {preview.task} · sample shape {preview.sampleShape.join('×')} · {preview.trainSize.toLocaleString('en-US')}{' '}
        training samples
        {preview.classes ? ` · ${preview.classes.length} classes` : ''}
      </p>
      {preview.samples.some((s) => s.image) ? (
        <div className="sample-grid" aria-label="Samples">
          {preview.samples.map((s, i) =>
            s.image ? (
              <figure key={i}>
                <PixelCanvas image={s.image} label={`sample ${i + 1}: ${s.label}`} />
                <figcaption>{s.label}</figcaption>
              </figure>
            ) : null,
          )}
        </div>
      ) : (
        <table className="summary-table" aria-label="Sample rows">
          <thead>
            <tr>
              {(preview.columns ?? []).slice(0, 6).map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              <th scope="col">label</th>
            </tr>
          </thead>
          <tbody>
            {preview.samples.slice(0, 8).map((s, i) => (
              <tr key={i}>
                {(s.row ?? []).slice(0, 6).map((v, j) => (
                  <td key={j}>{Number(v.toPrecision(4))}</td>
                ))}
                <td>{s.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.classBalance && (
        <ul className="per-class" aria-label="Class balance">
          {preview.classBalance.map((c) => (
            <li key={c.label}>
              <span className="per-class-name">{c.label}</span>
              <span className="bar" style={{ width: `${Math.round((c.count / maxCount) * 100)}%` }} />
              <span className="per-class-value">{c.count.toLocaleString('en-US')}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
