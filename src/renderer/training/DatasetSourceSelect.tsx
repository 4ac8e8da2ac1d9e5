/** The dataset's source: a built-in dataset (named as the studio lists them, with its description) or a user file kind. */
import type { BuiltinDatasetInfo } from '../../shared/api/datasets.js';
import { BUILTIN_DATASETS } from '../../shared/training/config.js';
import { Options } from '../app/Options.js';
import type { Source } from './dataset-config.js';

export function DatasetSourceSelect({
  source,
  builtins,
  choose,
}: {
  source: Source;
  /** The studio's list; until it answers, the built-ins by id. */
  builtins: BuiltinDatasetInfo[];
  choose: (source: Source) => void;
}) {
  const ids: readonly string[] = builtins.length > 0 ? builtins.map((b) => b.id) : BUILTIN_DATASETS;
  const info = builtins.find((b) => b.id === source);
  return (
    <div className="field">
      <label htmlFor="dataset-source">Source</label>
      <select id="dataset-source" value={source} onChange={(e) => choose(e.target.value as Source)}>
        <Options values={ids} label={(id) => builtins.find((b) => b.id === id)?.name ?? id} />
        <option value="image-folder">Image folder (one subfolder per class)</option>
        <option value="csv">CSV table</option>
        <option value="csv-series">CSV time series</option>
        <option value="csv-tokens">CSV token sequences (different lengths)</option>
      </select>
      {info && <p className="field-doc">{info.description}</p>}
    </div>
  );
}
