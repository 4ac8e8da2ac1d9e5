/**
 * The two code exports. Each folder is self-contained: the script(s),
 * deepwire_data.py, and the exported .npy weights (per model folder for a GAN).
 * - keras-py: train_keras.py + load_weights.py
 * - pytorch: model.py (torch only) + train_lightning.py (a CycleGAN: train_cyclegan.py, plain PyTorch)
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
import { cycleTorchScript } from './cycle-script.js';
import { cycleKerasScript } from './cycle-keras.js';

function weights(models: readonly ExportModel[], trained: boolean): ExportFile[] {
  return models.flatMap((m) => npyWeightFiles(m, trained, modelFolder(models, m)).files);
}

function readme(project: Project, title: string, lines: string[], trained: boolean): ExportFile {
  const note = trained
    ? "The weights are the project's trained weights."
    : '**The project was not trained: the weights are its initial weights.**';
  return { path: 'README.md', data: [`# ${mdText(project.name)} — ${title}`, '', note, '', ...lines, ''].join('\n') };
}

/** A CycleGAN export: the four models' weights under their groups' folders, and a script training all four. */
const cycleNote = (script: string): string[] => [
  '',
  `CycleGAN: \`${script}\` trains G (generator_ab), F (generator_ba), D_A and D_B as Zhu et al. (2017) on the`,
  "project's two domains (or `--domain-a DIR --domain-b DIR`; `--limit N --max-steps N` for a quick try).",
];

export function kerasPyFiles(project: Project, models: readonly ExportModel[], opts: ScriptOptions): ExportFile[] {
  const cycle = isCycleGraph(project.graph);
  return [
    {
      path: 'train_keras.py',
      data: cycle ? cycleKerasScript(project, models, opts) : kerasScript(project, models, opts),
    },
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
        ...(cycle ? cycleNote('train_keras.py') : []),
      ],
      opts.trained,
    ),
  ];
}

export function pytorchFiles(project: Project, models: readonly ExportModel[], opts: ScriptOptions): ExportFile[] {
  const classes = models.map((m) => className(m.name));
  const folders = models.length > 1 ? models.map((m) => `"${m.name}"`) : ['"."'];
  const cycle = isCycleGraph(project.graph);
  const script = cycle ? 'train_cyclegan.py' : 'train_lightning.py';
  return [
    { path: 'model.py', data: torchModelPy(project, models, opts.version) },
    {
      path: script,
      data: cycle ? cycleTorchScript(project, models, opts) : lightningScript(project, models, opts),
    },
    { path: 'deepwire_data.py', data: DATA_PY },
    ...weights(models, opts.trained),
    readme(
      project,
      cycle ? 'PyTorch' : 'PyTorch Lightning',
      [
        '```sh',
        `pip install torch torchvision${cycle ? '' : ' lightning'} numpy pillow`,
        `python ${script} --help`,
        cycle
          ? 'python train_cyclegan.py --device cuda'
          : 'python train_lightning.py --accelerator gpu --devices 4 --strategy ddp',
        '```',
        '',
        'Use the model alone (images are NCHW):',
        '',
        '```python',
        `from model import ${classes.join(', ')}`,
        ...classes.map((c, i) => `${c.toLowerCase()} = ${c}().load_deepwire_weights(${folders[i]}).eval()`),
        '```',
        ...(cycle ? cycleNote(script) : []),
      ],
      opts.trained,
    ),
  ];
}
