/**
 * Choose the data: a built-in dataset, or the user's image folder / CSV
 * (browsed inside the folders the studio may read), with a preview. The
 * sample shape goes to shape inference, so a model that does not fit the data
 * shows DW108 on the canvas.
 */
import { useEffect, useState } from 'react';
import type { BuiltinDatasetInfo } from '../../shared/api/datasets.js';
import type { FolderListing } from '../../shared/api/files.js';
import type { GraphDoc } from '../../shared/graph/types.js';
import { fitDataset, unsetDatasetText } from '../../shared/project/dataset-fit.js';
import { BUILTIN_DATASETS, type DatasetConfig, type ProjectKind } from '../../shared/training/config.js';
import { datasetFor, defaultDataset } from '../actions/trainingActions.js';
import { useEditor, useGraph, useProject, useUi } from '../app/EditorContext.js';
import { selectDoc } from '../stores/graphSelectors.js';
import { DatasetPreviewView } from './DatasetPreviewView.js';
import { FolderBrowser } from './FolderBrowser.js';
import { useDatasetPreview } from './useDatasetPreview.js';

type Source = DatasetConfig['source'];
const isBuiltin = (s: Source): boolean => (BUILTIN_DATASETS as readonly string[]).includes(s);

/** Why a project without a dataset cannot train yet, or null when a built-in one fits its input. */
function unsetDatasetNote(graph: GraphDoc, kind: ProjectKind): string | null {
  if (datasetFor(graph, kind)) return null;
  const { needs } = fitDataset(graph, kind);
  return `No dataset chosen: ${needs ? unsetDatasetText(needs) : 'choose one'} (DW313).`;
}

/** A new config of `source` keeping the split, seed and limit; user sources start with no path. */
function freshDataset(
  source: Source,
  common: Pick<DatasetConfig, 'validationSplit' | 'seed' | 'limit'>,
): DatasetConfig {
  const fresh: Record<string, unknown> = { source, ...common };
  if (source === 'image-folder') Object.assign(fresh, { path: '', size: [28, 28], channels: 1 });
  else if (source === 'csv') Object.assign(fresh, { path: '', labelColumn: '', normalize: true });
  else if (source === 'csv-tokens') Object.assign(fresh, { path: '', labelColumn: '', tokensColumn: 'tokens' });
  else if (source === 'csv-series')
    Object.assign(fresh, { path: '', targetColumn: '', lookback: 10, horizon: 1, normalize: true });
  return fresh as DatasetConfig;
}

export function DatasetPicker() {
  const { ctx } = useEditor();
  const kind = useProject((s) => s.kind);
  const native = useUi((s) => s.nativeDialogs);
  const chosen = useProject((s) => s.dataset);
  const graph = useGraph(selectDoc);
  // An imported model whose input fits no built-in dataset has none until the user picks one (DW313).
  const unset = chosen ? null : unsetDatasetNote(graph, kind);
  const dataset = chosen ?? datasetFor(graph, kind) ?? defaultDataset(kind);
  const [builtins, setBuiltins] = useState<BuiltinDatasetInfo[]>([]);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requested, setRequested] = useState<string | null>(null);

  const set = (d: DatasetConfig) => ctx.project.getState().setDataset(d);
  const common = {
    validationSplit: dataset.validationSplit,
    seed: dataset.seed,
    ...(dataset.limit ? { limit: dataset.limit } : {}),
  };
  const currentKey = JSON.stringify(dataset);
  // Built-ins preview as soon as they are chosen; user files when the user asks.
  const wanted = isBuiltin(dataset.source) ? currentKey : requested;
  const { busy, preview, error: previewError } = useDatasetPreview(ctx, wanted);

  useEffect(() => {
    ctx.client
      ?.call('dataset.browse', {})
      .then((r) => setBuiltins(r.builtins))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ctx]);

  const browse = async (path?: string) => {
    try {
      const r = await ctx.client?.call('dataset.browse', path ? { path } : {});
      if (!r) return;
      setListing(r.listing ?? null);
      if (!r.listing && r.roots[0]) await browse(r.roots[0]);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const chooseSource = (source: Source) => {
    setRequested(null);
    set(freshDataset(source, common));
    if (!isBuiltin(source) && !native) void browse();
  };

  // Electron: the native dialog picks the folder or file (and permits the path for the studio).
  const pick = async () => {
    try {
      const picked = await ctx.client?.call('files.pick', {
        kind: dataset.source === 'image-folder' ? 'folder' : 'csv',
      });
      if (picked) set({ ...dataset, path: picked.path } as DatasetConfig);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const path = 'path' in dataset ? dataset.path : '';
  return (
    <fieldset className="dataset-picker">
      <legend>Dataset</legend>
      <div className="field">
        <label htmlFor="dataset-source">Source</label>
        <select id="dataset-source" value={dataset.source} onChange={(e) => chooseSource(e.target.value as Source)}>
          {(builtins.length > 0
            ? builtins.map((b) => ({ id: b.id, name: b.name }))
            : BUILTIN_DATASETS.map((id) => ({ id, name: id }))
          ).map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
          <option value="image-folder">Image folder (one subfolder per class)</option>
          <option value="csv">CSV table</option>
          <option value="csv-series">CSV time series</option>
          <option value="csv-tokens">CSV token sequences (different lengths)</option>
        </select>
        {builtins.find((b) => b.id === dataset.source) && (
          <p className="field-doc">{builtins.find((b) => b.id === dataset.source)?.description}</p>
        )}
      </div>
      {!isBuiltin(dataset.source) && (
        <>
          <div className="field">
            <label htmlFor="dataset-path">{dataset.source === 'image-folder' ? 'Folder' : 'CSV file'}</label>
            <input
              id="dataset-path"
              type="text"
              value={path}
              spellCheck={false}
              onChange={(e) => set({ ...dataset, path: e.target.value } as DatasetConfig)}
            />
            {native && (
              <button type="button" onClick={() => void pick()}>
                Choose…
              </button>
            )}
          </div>
          {listing && (
            <FolderBrowser
              listing={listing}
              open={(p) => void browse(p)}
              pickFile={(p) => set({ ...dataset, path: p } as DatasetConfig)}
              {...(dataset.source === 'image-folder'
                ? { chooseFolder: (p: string) => set({ ...dataset, path: p } as DatasetConfig) }
                : { showFile: (e: { kind: string }) => e.kind === 'csv' })}
            />
          )}
          {(dataset.source === 'csv' || dataset.source === 'csv-series' || dataset.source === 'csv-tokens') && (
            <div className="field">
              <label htmlFor="dataset-label">
                {dataset.source !== 'csv-series' ? 'Label column' : 'Target column'}
              </label>
              <input
                id="dataset-label"
                type="text"
                list="dataset-columns"
                value={dataset.source !== 'csv-series' ? dataset.labelColumn : dataset.targetColumn}
                onChange={(e) =>
                  set(
                    (dataset.source !== 'csv-series'
                      ? { ...dataset, labelColumn: e.target.value }
                      : { ...dataset, targetColumn: e.target.value }) as DatasetConfig,
                  )
                }
              />
              <datalist id="dataset-columns">
                {(preview?.columns ?? []).map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </div>
          )}
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
          <button type="button" disabled={!path || busy} onClick={() => setRequested(currentKey)}>
            Preview
          </button>
        </>
      )}
      {unset && (
        <p className="field-error" role="alert">
          {unset}
        </p>
      )}
      {busy && <p className="muted">Loading preview…</p>}
      {(error ?? previewError) && (
        <p className="field-error" role="alert">
          {error ?? previewError}
        </p>
      )}
      {preview && <DatasetPreviewView preview={preview} />}
    </fieldset>
  );
}
