/** The test-set evaluation: confusion matrix, per-class accuracy, misclassified samples; or predicted vs actual. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import type { Evaluation } from '../../shared/training/protocol.js';
import { useTraining } from '../app/EditorContext.js';
import { PixelCanvas } from './PixelCanvas.js';

type Classification = Extract<Evaluation, { task: 'classification' }>;
type Regression = Extract<Evaluation, { task: 'regression' }>;

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function ConfusionMatrix({ ev }: { ev: Classification }) {
  const rowSums = ev.confusion.map((r) => r.reduce((a, b) => a + b, 0));
  return (
    <table className="heatmap" aria-label="Confusion matrix (rows: true class, columns: predicted class)">
      <thead>
        <tr>
          <th scope="col" className="muted" title="true \ predicted">
            t\p
          </th>
          {ev.classes.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ev.confusion.map((row, i) => (
          <tr key={i}>
            <th scope="row">{ev.classes[i]}</th>
            {row.map((n, j) => {
              const share = rowSums[i] > 0 ? n / rowSums[i] : 0;
              const hue = i === j ? 'var(--ok)' : 'var(--error)';
              return (
                <td
                  key={j}
                  title={`true ${ev.classes[i]}, predicted ${ev.classes[j]}: ${n}`}
                  style={{
                    background:
                      n > 0 ? `color-mix(in srgb, ${hue} ${Math.round(15 + share * 85)}%, transparent)` : undefined,
                  }}
                >
                  {n > 0 ? n : ''}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PerClassAccuracy({ ev }: { ev: Classification }) {
  return (
    <ul className="per-class" aria-label="Accuracy per class">
      {ev.perClassAccuracy.map((a, i) => (
        <li key={i}>
          <span className="per-class-name">{ev.classes[i]}</span>
          <span className="bar" style={{ width: `${Math.round(a * 100)}%` }} />
          <span className="per-class-value">{pct(a)}</span>
        </li>
      ))}
    </ul>
  );
}

function Misclassified({ ev }: { ev: Classification }) {
  if (ev.misclassified.length === 0) return <p className="muted">No misclassified test samples.</p>;
  return (
    <div className="sample-grid" aria-label="Misclassified samples">
      {ev.misclassified.map((m) => {
        const text = `true ${ev.classes[m.trueLabel]}, predicted ${ev.classes[m.predictedLabel]} (${pct(m.confidence)})`;
        return (
          <figure key={m.index} title={text}>
            {m.image ? <PixelCanvas image={m.image} label={text} /> : null}
            <figcaption>
              {ev.classes[m.trueLabel]}→{ev.classes[m.predictedLabel]}
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}

function PredictedVsActual({ ev }: { ev: Regression }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Sort by actual so the scatter reads left to right; the diagonal is a perfect prediction.
    const pairs = ev.series.actual.map((a, i) => [a, ev.series.predicted[i]] as const).sort((p, q) => p[0] - q[0]);
    const xs = pairs.map((p) => p[0]);
    const fg = getComputedStyle(el).getPropertyValue('--fg-muted').trim() || '#888';
    const plot = new uPlot(
      {
        width: Math.max(200, el.clientWidth),
        height: 200,
        scales: { x: { time: false } },
        series: [
          { label: 'actual' },
          {
            label: 'predicted',
            stroke: '#5aa9ff',
            paths: () => null,
            points: { show: true, size: 4, fill: '#5aa9ff' },
          },
          { label: 'ideal', stroke: fg, dash: [4, 4], width: 1, points: { show: false } },
        ],
        axes: [{ stroke: fg }, { stroke: fg }],
      },
      [xs, pairs.map((p) => p[1]), xs],
      el,
    );
    return () => plot.destroy();
  }, [ev]);
  return (
    <div
      ref={host}
      className="chart"
      role="img"
      aria-label={`Predicted against actual for ${ev.series.actual.length} test samples`}
    />
  );
}

export function EvaluationView() {
  const ev = useTraining((s) => s.evaluation);
  if (!ev) return null;
  if (ev.task === 'regression') {
    return (
      <section aria-label="Evaluation">
        <h3>Test set</h3>
        <p>
          Loss {ev.testLoss.toFixed(4)} · MAE {ev.mae.toFixed(4)} · RMSE {ev.rmse.toFixed(4)}
        </p>
        <PredictedVsActual ev={ev} />
      </section>
    );
  }
  return (
    <section aria-label="Evaluation">
      <h3>Test set</h3>
      <p>
        Accuracy <strong>{pct(ev.testAccuracy)}</strong> · loss {ev.testLoss.toFixed(4)}
      </p>
      <h4>Confusion matrix</h4>
      <ConfusionMatrix ev={ev} />
      <h4>Accuracy per class</h4>
      <PerClassAccuracy ev={ev} />
      <h4>Misclassified</h4>
      <Misclassified ev={ev} />
    </section>
  );
}
