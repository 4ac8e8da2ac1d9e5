/**
 * A user dataset's file fields: the folder or CSV path (typed, browsed inside the served folders, or picked
 * with Electron's dialog) and a CSV's columns, offered from the preview's header.
 */
import type { FolderListing } from '../../shared/api/files.js';
import type { DatasetConfig } from '../../shared/training/config.js';
import { FolderBrowser } from './FolderBrowser.js';

export function DatasetPathField({
  dataset,
  set,
  listing,
  browse,
  pick,
}: {
  dataset: DatasetConfig;
  set: (d: DatasetConfig) => void;
  /** The served folder being browsed (web studio), null when there is none. */
  listing: FolderListing | null;
  browse: (path: string) => void;
  /** Electron's native dialog, undefined in the web studio. */
  pick: (() => void) | undefined;
}) {
  const setPath = (path: string) => set({ ...dataset, path } as DatasetConfig);
  return (
    <>
      <div className="field">
        <label htmlFor="dataset-path">{dataset.source === 'image-folder' ? 'Folder' : 'CSV file'}</label>
        <input
          id="dataset-path"
          type="text"
          value={'path' in dataset ? dataset.path : ''}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
        />
        {pick && (
          <button type="button" onClick={pick}>
            Choose…
          </button>
        )}
      </div>
      {listing && (
        <FolderBrowser
          listing={listing}
          open={browse}
          pickFile={setPath}
          {...(dataset.source === 'image-folder'
            ? { chooseFolder: setPath }
            : { showFile: (e: { kind: string }) => e.kind === 'csv' })}
        />
      )}
    </>
  );
}

/** A CSV's label (or, for a series, target) column, and a token table's tokens column. */
export function DatasetColumnFields({
  dataset,
  set,
  columns,
}: {
  dataset: DatasetConfig;
  set: (d: DatasetConfig) => void;
  /** The preview's header, offered as suggestions. */
  columns: readonly string[];
}) {
  if (dataset.source !== 'csv' && dataset.source !== 'csv-series' && dataset.source !== 'csv-tokens') return null;
  const series = dataset.source === 'csv-series';
  return (
    <>
      <div className="field">
        <label htmlFor="dataset-label">{series ? 'Target column' : 'Label column'}</label>
        <input
          id="dataset-label"
          type="text"
          list="dataset-columns"
          value={series ? dataset.targetColumn : dataset.labelColumn}
          onChange={(e) =>
            set(series ? { ...dataset, targetColumn: e.target.value } : { ...dataset, labelColumn: e.target.value })
          }
        />
        <datalist id="dataset-columns">
          {columns.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      {dataset.source === 'csv-tokens' && (
        <div className="field">
          <label htmlFor="dataset-tokens">Tokens column</label>
          <input
            id="dataset-tokens"
            type="text"
            list="dataset-columns"
            value={dataset.tokensColumn}
            onChange={(e) => set({ ...dataset, tokensColumn: e.target.value })}
          />
          <p className="field-doc">
            Token ids separated by spaces, rows of any length; each batch is padded with 0 to its longest row.
          </p>
        </div>
      )}
    </>
  );
}
