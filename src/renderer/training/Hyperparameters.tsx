/** Training settings as generated form fields (the same ParamField as the inspector). */
import type { ParamSpec } from '../../shared/layers/types.js';
import { GAN_LOSSES, LOSSES, OPTIMIZERS, type DatasetConfig, type GanConfig } from '../../shared/training/config.js';
import { ganConfigSchema } from '../../shared/training/config.js';
import { defaultDataset } from '../actions/trainingActions.js';
import { useEditor, useProject } from '../app/EditorContext.js';
import { ParamField } from '../inspector/ParamField.js';

const SPECS = {
  epochs: {
    name: 'epochs',
    label: 'Epochs',
    type: 'int',
    default: 1,
    min: 1,
    max: 100000,
    doc: 'Passes over the training data.',
  },
  batchSize: {
    name: 'batchSize',
    label: 'Batch size',
    type: 'int',
    default: 64,
    min: 1,
    max: 65536,
    doc: 'Samples per gradient step.',
  },
  learningRate: {
    name: 'learningRate',
    label: 'Learning rate',
    type: 'float',
    default: 0.001,
    min: 1e-7,
    max: 10,
    doc: 'Step size of the optimizer.',
  },
  optimizer: {
    name: 'optimizer',
    label: 'Optimizer',
    type: 'enum',
    choices: OPTIMIZERS,
    default: 'adam',
    doc: 'How gradients update the weights.',
  },
  loss: {
    name: 'loss',
    label: 'Loss',
    type: 'enum',
    choices: LOSSES,
    default: 'categoricalCrossentropy',
    doc: 'What training minimises; must fit the output layer.',
  },
  limit: {
    name: 'limit',
    label: 'Limit (samples)',
    type: 'int',
    default: 0,
    min: 0,
    max: 10_000_000,
    doc: 'Train on only the first N samples (0 = all): quick trial runs.',
  },
  validationSplit: {
    name: 'validationSplit',
    label: 'Validation split',
    type: 'float',
    default: 0.1,
    min: 0,
    max: 0.9,
    doc: 'Fraction held out to measure val_loss / val_accuracy.',
  },
} as const satisfies Record<string, ParamSpec>;

const GAN_SPECS = {
  loss: {
    name: 'loss',
    label: 'GAN loss',
    type: 'enum',
    choices: GAN_LOSSES,
    default: 'vanilla',
    doc: 'vanilla (non-saturating BCE), least-squares, or Wasserstein with a critic.',
  },
  generatorLr: {
    name: 'generatorLr',
    label: 'Generator learning rate',
    type: 'float',
    default: 0.0002,
    min: 1e-7,
    max: 10,
    doc: 'Adam step size of G.',
  },
  discriminatorLr: {
    name: 'discriminatorLr',
    label: 'Discriminator learning rate',
    type: 'float',
    default: 0.0002,
    min: 1e-7,
    max: 10,
    doc: 'Adam step size of D.',
  },
  discriminatorSteps: {
    name: 'discriminatorSteps',
    label: 'D steps per G step',
    type: 'int',
    default: 1,
    min: 1,
    max: 20,
    doc: 'k discriminator updates per generator update.',
  },
  labelSmoothing: {
    name: 'labelSmoothing',
    label: 'Label smoothing',
    type: 'float',
    default: 0,
    min: 0,
    max: 0.5,
    doc: 'One-sided: real labels become 1 - value.',
  },
  sampleEvery: {
    name: 'sampleEvery',
    label: 'Sample grid every',
    type: 'int',
    default: 100,
    min: 1,
    max: 100000,
    doc: 'Generator steps between sample grids.',
  },
} as const satisfies Record<string, ParamSpec>;

export function Hyperparameters() {
  const { ctx } = useEditor();
  const training = useProject((s) => s.training);
  const kind = useProject((s) => s.kind);
  const dataset = useProject((s) => s.dataset) ?? defaultDataset(kind);
  const gan = useProject((s) => s.gan);
  const p = ctx.project.getState();
  const setDataset = (patch: Partial<DatasetConfig>) => p.setDataset({ ...dataset, ...patch } as DatasetConfig);
  const g: GanConfig = gan ?? ganConfigSchema.parse({});
  const setGan = (patch: Partial<GanConfig>) => p.setGan({ ...g, ...patch });
  return (
    <fieldset className="hyperparameters">
      <legend>Hyperparameters</legend>
      <ParamField
        spec={SPECS.epochs}
        value={training.epochs}
        onChange={(v) => p.setTraining({ epochs: v as number })}
      />
      <ParamField
        spec={SPECS.batchSize}
        value={training.batchSize}
        onChange={(v) => p.setTraining({ batchSize: v as number })}
      />
      <ParamField
        spec={SPECS.limit}
        value={dataset.limit ?? 0}
        onChange={(v) => setDataset({ limit: (v as number) > 0 ? (v as number) : undefined })}
      />
      <ParamField
        spec={SPECS.validationSplit}
        value={dataset.validationSplit}
        onChange={(v) => setDataset({ validationSplit: v as number })}
      />
      {kind !== 'gan' && (
        <>
          <ParamField
            spec={SPECS.optimizer}
            value={training.optimizer.name}
            onChange={(v) =>
              p.setTraining({
                optimizer: { ...training.optimizer, name: v as GanConfig['generatorOptimizer']['name'] },
              })
            }
          />
          <ParamField
            spec={SPECS.learningRate}
            value={training.optimizer.learningRate}
            onChange={(v) => p.setTraining({ optimizer: { ...training.optimizer, learningRate: v as number } })}
          />
          <ParamField
            spec={SPECS.loss}
            value={training.loss}
            onChange={(v) => p.setTraining({ loss: v as (typeof LOSSES)[number] })}
          />
        </>
      )}
      {kind === 'gan' && (
        <>
          <ParamField spec={GAN_SPECS.loss} value={g.loss} onChange={(v) => setGan({ loss: v as GanConfig['loss'] })} />
          <ParamField
            spec={GAN_SPECS.generatorLr}
            value={g.generatorOptimizer.learningRate}
            onChange={(v) => setGan({ generatorOptimizer: { ...g.generatorOptimizer, learningRate: v as number } })}
          />
          <ParamField
            spec={GAN_SPECS.discriminatorLr}
            value={g.discriminatorOptimizer.learningRate}
            onChange={(v) =>
              setGan({ discriminatorOptimizer: { ...g.discriminatorOptimizer, learningRate: v as number } })
            }
          />
          <ParamField
            spec={GAN_SPECS.discriminatorSteps}
            value={g.discriminatorSteps}
            onChange={(v) => setGan({ discriminatorSteps: v as number })}
          />
          <ParamField
            spec={GAN_SPECS.labelSmoothing}
            value={g.labelSmoothing}
            onChange={(v) => setGan({ labelSmoothing: v as number })}
          />
          <ParamField
            spec={GAN_SPECS.sampleEvery}
            value={g.sampleEvery}
            onChange={(v) => setGan({ sampleEvery: v as number })}
          />
        </>
      )}
    </fieldset>
  );
}
