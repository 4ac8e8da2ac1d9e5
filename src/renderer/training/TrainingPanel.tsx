/** The training panel: data, settings, run controls, live curves and the evaluation. */
import { useProject, useTraining } from '../app/EditorContext.js';
import { CurveChart } from './CurveChart.js';
import { DatasetPicker } from './DatasetPicker.js';
import { EvaluationView } from './EvaluationView.js';
import { Hyperparameters } from './Hyperparameters.js';
import { RunControls } from './RunControls.js';
import { SampleTimeline } from './SampleTimeline.js';

export function TrainingPanel() {
  const kind = useProject((s) => s.kind);
  const log = useTraining((s) => s.log);
  return (
    <section className="training" aria-label="Training">
      <h2>Training</h2>
      <RunControls />
      <h3>Loss and accuracy per batch</h3>
      <CurveChart
        source="batches"
        x="step"
        xLabel="batch"
        title="Loss and accuracy per batch"
        series={[
          { column: 'loss', label: 'loss', color: '#ff7a59' },
          ...(kind === 'classifier' ? [{ column: 'accuracy' as const, label: 'accuracy', color: '#4cc38a', ratio: true }] : []),
        ]}
      />
      <h3>Per epoch</h3>
      <CurveChart
        source="epochs"
        x="epoch"
        xLabel="epoch"
        title="Loss and accuracy per epoch"
        series={[
          { column: 'loss', label: 'loss', color: '#ff7a59' },
          { column: 'valLoss', label: 'val loss', color: '#f0b429' },
          ...(kind === 'classifier'
            ? [
                { column: 'accuracy' as const, label: 'accuracy', color: '#4cc38a', ratio: true },
                { column: 'valAccuracy' as const, label: 'val accuracy', color: '#5aa9ff', ratio: true },
              ]
            : []),
        ]}
      />
      <SampleTimeline />
      <EvaluationView />
      {log.length > 0 && (
        <details>
          <summary>Run log ({log.length})</summary>
          <ul className="small">
            {log.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        </details>
      )}
      <DatasetPicker />
      <Hyperparameters />
    </section>
  );
}
