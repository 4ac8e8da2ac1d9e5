/**
 * The two code exports. Each folder is self-contained: the script(s),
 * deepwire_data.py, and the exported .npy weights (per model folder for a GAN).
 * - keras-py: train_keras.py + load_weights.py
 * - pytorch: model.py (torch only) + train_lightning.py
 */
import type { Project } from '../../../../shared/project/schema.js';
import type { ExportFile } from '../files.js';
import { mdText } from '../escape.js';
import { modelFolder } from '../keras/index.js';
import type { ExportModel } from '../models.js';
import { npyWeightFiles } from '../npy-weights.js';
import { DATA_PY } from './data-py.js';
import { kerasScript, type ScriptOptions } from './keras-script.js';
import { lightningScript } from './lightning-script.js';
import { LOAD_WEIGHTS_PY } from './load-weights-py.js';
import { className } from './model-code.js';
import { isCycleGraph } from '../../../../shared/shape/cycle-contracts.js';
import { torchModelPy } from './torch-model.js';

function weights(models: readonly ExportModel[], trained: boolean): ExportFile[] {
  return models.flatMap((m) => npyWeightFiles(m, trained, modelFolder(models, m)).files);
}

function readme(project: Project, title: string, lines: string[], trained: boolean): ExportFile {
  const note = trained
    ? "The weights are the project's trained weights."
    : '**The project was not trained: the weights are its initial weights.**';
  return { path: 'README.md', data: [`# ${mdText(project.name)} — ${title}`, '', note, '', ...lines, ''].join('\n') };
}

/** The training scripts know one model or a GAN pair; a CycleGAN export holds the models and weights only. */
const CYCLE_NOTE = [
  '',
  'CycleGAN: no training script is generated yet (train it in Deepwire); the four models and their weights are here.',
];

export function kerasPyFiles(project: Project, models: readonly ExportModel[], opts: ScriptOptions): ExportFile[] {
  const cycle = isCycleGraph(project.graph);
  return [
    ...(cycle ? [] : [{ path: 'train_keras.py', data: kerasScript(project, models, opts) }]),
    { path: 'deepwire_data.py', data: DATA_PY },
    { path: 'load_weights.py', data: LOAD_WEIGHTS_PY },
    ...weights(models, opts.trained),
    readme(
      project,
      'Keras script',
      [
        '```sh',
        'pip install "keras>=3" tensorflow numpy pillow',
        'python train_keras.py --help',
        '```',
        '',
        "`train_keras.py` rebuilds the model, loads the weights in `weights/` and trains with the project's settings.",
        ...(cycle ? CYCLE_NOTE : []),
      ],
      opts.trained,
    ),
  ];
}

export function pytorchFiles(project: Project, models: readonly ExportModel[], opts: ScriptOptions): ExportFile[] {
  const classes = models.map((m) => className(m.name));
  const folders = models.length > 1 ? models.map((m) => `"${m.name}"`) : ['"."'];
  return [
    { path: 'model.py', data: torchModelPy(project, models, opts.version) },
    ...(isCycleGraph(project.graph)
      ? []
      : [{ path: 'train_lightning.py', data: lightningScript(project, models, opts) }]),
    { path: 'deepwire_data.py', data: DATA_PY },
    ...weights(models, opts.trained),
    readme(
      project,
      'PyTorch Lightning',
      [
        '```sh',
        'pip install torch torchvision lightning numpy pillow',
        'python train_lightning.py --help',
        'python train_lightning.py --accelerator gpu --devices 4 --strategy ddp',
        '```',
        '',
        'Use the model alone (images are NCHW):',
        '',
        '```python',
        `from model import ${classes.join(', ')}`,
        ...classes.map((c, i) => `${c.toLowerCase()} = ${c}().load_deepwire_weights(${folders[i]}).eval()`),
        '```',
        ...(isCycleGraph(project.graph) ? CYCLE_NOTE : []),
      ],
      opts.trained,
    ),
  ];
}
