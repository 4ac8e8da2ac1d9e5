/** The training panel: run controls, live curves and the evaluation, then the data and the settings. */
import { isCycleGraph } from '../../shared/shape/cycle-contracts.js';
import type { ProjectKind } from '../../shared/training/config.js';
import { useGraph, useProject, useTraining } from '../app/EditorContext.js';
import { CurveChart } from './CurveChart.js';
import { DatasetPicker } from './DatasetPicker.js';
import { EvaluationView } from './EvaluationView.js';
import { Hyperparameters } from './Hyperparameters.js';
import { RunControls } from './RunControls.js';
import { SampleTimeline } from './SampleTimeline.js';

const LOSS = '#ff7a59';
const VAL_LOSS = '#f0b429';
const ACC = '#4cc38a';
const VAL_ACC = '#5aa9ff';
const EXTRA = '#c792ea';

/** Where each kind of curve reads its points and what its x axis is. */
const PER_BATCH = { source: 'batches', x: 'step', xLabel: 'batch' } as const;
const PER_EPOCH = { source: 'epochs', x: 'epoch', xLabel: 'epoch' } as const;
const PER_STEP = { source: 'ganSteps', x: 'step', xLabel: 'step' } as const;

function SupervisedCurves({ kind }: { kind: ProjectKind }) {
  const classifier = kind === 'classifier';
  const batchTitle = classifier ? 'Loss and accuracy per batch' : 'Loss per batch';
  const epochTitle = classifier ? 'Loss and accuracy per epoch' : 'Loss per epoch';
  return (
    <>
      <h3>{batchTitle}</h3>
      <CurveChart
        {...PER_BATCH}
        title={batchTitle}
        series={[
          { column: 'loss', label: 'loss', color: LOSS },
          ...(classifier ? [{ column: 'accuracy' as const, label: 'accuracy', color: ACC, ratio: true }] : []),
        ]}
      />
      <h3>Per epoch</h3>
      <CurveChart
        {...PER_EPOCH}
        title={epochTitle}
        series={[
          { column: 'loss', label: 'loss', color: LOSS },
          { column: 'val_loss', label: 'val loss', color: VAL_LOSS },
          ...(classifier
            ? [
                { column: 'accuracy' as const, label: 'accuracy', color: ACC, ratio: true },
                { column: 'val_accuracy' as const, label: 'val accuracy', color: VAL_ACC, ratio: true },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The step losses: D and G; for a CycleGAN both discriminators, the generators and their cycle and identity terms. */
function GanLossChart({ cycle }: { cycle: boolean }) {
  return cycle ? (
    <CurveChart
      {...PER_STEP}
      title="Discriminator, generator, cycle and identity loss per step"
      series={[
        { column: 'd_a_loss', label: 'D_A loss', color: LOSS },
        { column: 'd_b_loss', label: 'D_B loss', color: VAL_LOSS },
        { column: 'g_loss', label: 'G loss', color: VAL_ACC },
        { column: 'cycle_loss', label: 'cycle loss', color: ACC },
        { column: 'identity_loss', label: 'identity loss', color: EXTRA },
      ]}
    />
  ) : (
    <CurveChart
      {...PER_STEP}
      title="Discriminator and generator loss per step"
      series={[
        { column: 'd_loss', label: 'D loss', color: LOSS },
        { column: 'g_loss', label: 'G loss', color: VAL_ACC },
      ]}
    />
  );
}

function GanCurves() {
  const cycle = useGraph((s) => isCycleGraph(s.doc));
  return (
    <>
      <h3>{cycle ? 'D_A, D_B, G, cycle and identity loss per step' : 'D and G loss per step'}</h3>
      <GanLossChart cycle={cycle} />
      <h3>D(x) and D(G(z))</h3>
      <CurveChart
        {...PER_STEP}
        title="Discriminator output on real and generated samples"
        series={[
          { column: 'd_real', label: 'D(x)', color: ACC },
          { column: 'd_fake', label: 'D(G(z))', color: VAL_LOSS },
        ]}
      />
      <h3>{cycle ? 'Translation quality per epoch' : 'Sample quality per epoch'}</h3>
      {cycle ? (
        <CurveChart
          {...PER_EPOCH}
          title="Held-out translation error per epoch (lower is better)"
          series={[{ column: 'heldout_translation_mae', label: 'mean |G(a) − T(a)|', color: VAL_ACC }]}
        />
      ) : (
        <CurveChart
          {...PER_EPOCH}
          title="Fréchet distance per epoch (lower is better)"
          series={[{ column: 'frechet', label: 'Fréchet distance', color: VAL_ACC }]}
        />
      )}
    </>
  );
}

export function TrainingPanel() {
  const kind = useProject((s) => s.kind);
  const log = useTraining((s) => s.log);
  return (
    <section className="training" aria-label="Training">
      <h2>Training</h2>
      <RunControls />
      {kind === 'gan' ? <GanCurves /> : <SupervisedCurves kind={kind} />}
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
