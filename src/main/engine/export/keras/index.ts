/**
 * Keras export: per model, the topology as Keras 3 JSON (`model.json`, from
 * src/shared/keras) and the weights as .npy files with weights.json, plus
 * `load_weights.py` and a README with the lines that load them. A GAN's two
 * models go in `generator/` and `discriminator/`.
 */
import { writeKerasModel } from '../../../../shared/keras/index.js';
import { mdText } from '../escape.js';
import type { ExportFile } from '../files.js';
import type { ExportModel } from '../models.js';
import { npyWeightFiles } from '../npy-weights.js';
import { LOAD_WEIGHTS_PY } from '../python/load-weights-py.js';

export interface KerasExportOptions {
  projectName: string;
  trained: boolean;
}

/** '' for a single model, '<name>/' for each half of a GAN. */
export const modelFolder = (models: readonly ExportModel[], m: ExportModel): string =>
  models.length > 1 ? `${m.name}/` : '';

function readme(models: readonly ExportModel[], opts: KerasExportOptions): string {
  const folders = models.map((m) => (models.length > 1 ? `"${m.name}"` : ''));
  const loads = models.map((m, i) => `${models.length > 1 ? m.name : 'model'} = load_model(${folders[i]})`);
  return [
    `# ${mdText(opts.projectName)} — Keras export`,
    '',
    opts.trained
      ? 'The weights are the trained weights of the project.'
      : '**The project was not trained: these are its initial weights.**',
    '',
    'Load in Python (Keras 3, with numpy), from this folder:',
    '',
    '```python',
    'from load_weights import load_model',
    ...loads,
    '```',
    '',
    'Files:',
    ...models.flatMap((m) => {
      const f = modelFolder(models, m);
      return [
        `- \`${f}model.json\` — the topology (\`keras.models.model_from_json\`)`,
        `- \`${f}weights.json\` + \`${f}weights/**.npy\` — one NumPy array per weight, in Keras layout`,
      ];
    }),
    '- `load_weights.py` — reads them (`load_model`, `load_weights(model)`, `load_arrays()`)',
    '',
  ].join('\n');
}

export function kerasFiles(models: readonly ExportModel[], opts: KerasExportOptions): ExportFile[] {
  const files: ExportFile[] = [];
  for (const m of models) {
    const folder = modelFolder(models, m);
    const json = writeKerasModel(m.snap.graph, { style: 'keras3', name: m.name });
    files.push({ path: `${folder}model.json`, data: JSON.stringify(json, null, 1) + '\n' });
    files.push(...npyWeightFiles(m, opts.trained, folder).files);
  }
  files.push({ path: 'load_weights.py', data: LOAD_WEIGHTS_PY }, { path: 'README.md', data: readme(models, opts) });
  return files;
}
