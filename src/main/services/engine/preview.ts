/**
 * Dataset previews (a few samples as pixels or rows, the class balance),
 * read through the same loader and cache training uses. Served by the engine
 * worker (its loaders may bring TF.js); the studio asks for them through the
 * engine host.
 */
import { loadDataset, modelSampleShape } from '../../engine/datasets/load.js';
import type { PreparedDataset } from '../../engine/datasets/prepare.js';
import type { DatasetPreview, PreviewSample } from '../../../shared/api/datasets.js';
import type { DatasetConfig, ProjectKind } from '../../../shared/training/config.js';

/** Sample `i` of the training arrays as a preview: pixels for images, raw feature values for tables. */
function previewSample(ds: PreparedDataset, i: number): PreviewSample {
  const { raw } = ds;
  const y = raw.series ? raw.y[i + raw.series.lookback] : raw.y[i * raw.targetSize];
  const label = raw.classes ? (raw.classes[y] ?? String(y)) : Number(y.toFixed(6));
  if (raw.image) {
    const [height, width, channels] = raw.image;
    const size = height * width * channels;
    return {
      label,
      image: {
        width,
        height,
        channels,
        data: Array.from(raw.x.subarray(i * size, (i + 1) * size), (v) => Math.round(v)),
      },
    };
  }
  const features = raw.series ? raw.series.features : ds.xSize;
  // A series window is shown by its last step, the row just before the target.
  const row = raw.series ? i + raw.series.lookback - 1 : i;
  const values = Array.from(raw.x.subarray(row * features, (row + 1) * features), (v) => Number(v.toFixed(6)));
  // Token sequences of different lengths show their own ids, without the 0s they are stored padded with.
  if (raw.variableLength) while (values.length > 1 && values[values.length - 1] === 0) values.pop();
  return { label, row: values };
}

export async function previewDataset(
  config: DatasetConfig,
  count: number,
  kind: ProjectKind,
  cacheDir: string,
): Promise<DatasetPreview> {
  // A series is always a regression; a table follows the project kind.
  const ds = await loadDataset(config, { kind: config.source === 'csv-series' ? 'regressor' : kind, cacheDir });
  const { raw, train } = ds;
  const n = Math.min(count, train.index.length);
  // Evenly spread over the (already shuffled) training split.
  const samples = Array.from({ length: n }, (_, k) =>
    previewSample(ds, train.index[Math.floor((k * train.index.length) / n)]),
  );
  let classBalance: DatasetPreview['classBalance'] = null;
  if (raw.classes) {
    const counts = new Array<number>(raw.classes.length).fill(0);
    for (const i of train.index) counts[raw.y[i * raw.targetSize]] += 1;
    classBalance = raw.classes.map((label, c) => ({ label, count: counts[c] }));
  }
  return {
    name: raw.name,
    task: raw.series ? 'sequence' : raw.task,
    sampleShape: modelSampleShape(raw),
    trainSize: train.index.length,
    classes: raw.classes,
    columns: null,
    samples,
    classBalance,
  };
}
