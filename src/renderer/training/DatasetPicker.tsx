/**
 * Choose the data: a built-in dataset, or the user's image folder / CSV
 * (browsed inside the folders the studio may read), with a preview. The
 * sample shape goes to shape inference, so a model that does not fit the data
 * shows DW108 on the canvas.
 */
import { useEffect, useState } from 'react';
import type { BuiltinDatasetInfo, DatasetPreview } from '../../shared/api/datasets.js';
import type { FolderListing } from '../../shared/api/files.js';
import { BUILTIN_DATASETS, type DatasetConfig } from '../../shared/training/config.js';
import { defaultDataset } from '../actions/trainingActions.js';
import { useEditor, useProject, useUi } from '../app/EditorContext.js';
import { DatasetPreviewView } from './DatasetPreviewView.js';

type Source = DatasetConfig['source'];
const isBuiltin = (s: Source): boolean => (BUILTIN_DATASETS as readonly string[]).includes(s);

export function DatasetPicker() {
  const { ctx } = useEditor();
  const kind = useProject((s) => s.kind);
  const native = useUi((s) => s.nativeDialogs);
  const dataset = useProject((s) => s.dataset) ?? defaultDataset(kind);
  const [builtins, setBuiltins] = useState<BuiltinDatasetInfo[]>([]);
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The preview shown belongs to `result.key`; a different `wanted` key means one is loading.
  const [requested, setRequested] = useState<string | null>(null);
  const [result, setResult] = useState<{ key: string; preview: DatasetPreview | null; error: string | null } | null>(
    null,
  );

  const set = (d: DatasetConfig) => ctx.project.getState().setDataset(d);
  const common = {
    validationSplit: dataset.validationSplit,
    seed: dataset.seed,
    ...(dataset.limit ? { limit: dataset.limit } : {}),
  };
  const currentKey = JSON.stringify(dataset);
  // Built-ins preview as soon as they are chosen; user files when the user asks.
  const wanted = isBuiltin(dataset.source) ? currentKey : requested;
  const busy = wanted !== null && result?.key !== wanted;
  const preview = result?.preview ?? null;

  useEffect(() => {
    ctx.client
      ?.call('dataset.browse', {})
      .then((r) => setBuiltins(r.builtins))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [ctx]);

  useEffect(() => {
    if (wanted === null || !ctx.client) return;
    let live = true;
    ctx.client
      .call('dataset.preview', { dataset: JSON.parse(wanted) as DatasetConfig, count: 12 })
      .then((p) => {
        if (!live) return;
        setResult({ key: wanted, preview: p, error: null });
        ctx.graph.getState().setSampleShape(p.sampleShape);
      })
      .catch(
        (e: unknown) =>
          live && setResult({ key: wanted, preview: null, error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [wanted, ctx]);

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
    if (isBuiltin(source)) set({ source, ...common } as DatasetConfig);
    else if (source === 'image-folder')
      set({ source, path: '', size: [28, 28], channels: 1, ...common } as unknown as DatasetConfig);
    else if (source === 'csv')
      set({ source, path: '', labelColumn: '', normalize: true, ...common } as unknown as DatasetConfig);
    else if (source === 'csv-series')
      set({
        source,
        path: '',
        targetColumn: '',
        lookback: 10,
        horizon: 1,
        normalize: true,
        ...common,
      } as unknown as DatasetConfig);
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
            <ul className="file-list" aria-label="Files">
              {listing.parent && (
                <li>
                  <button type="button" className="file-entry" onClick={() => void browse(listing.parent ?? undefined)}>
                    ⬑ ..
                  </button>
                </li>
              )}
              {dataset.source === 'image-folder' && (
                <li>
                  <button
                    type="button"
                    className="file-entry"
                    onClick={() => set({ ...dataset, path: listing.path } as DatasetConfig)}
                  >
                    ✔ Use this folder ({listing.path})
                  </button>
                </li>
              )}
              {listing.entries
                .filter((e) => e.kind === 'dir' || (dataset.source !== 'image-folder' && e.kind === 'csv'))
                .map((e) => (
                  <li key={e.path}>
                    <button
                      type="button"
                      className="file-entry"
                      onClick={() =>
                        e.kind === 'dir' ? void browse(e.path) : set({ ...dataset, path: e.path } as DatasetConfig)
                      }
                    >
                      {e.kind === 'dir' ? '📁 ' : '📄 '}
                      {e.name}
                    </button>
                  </li>
                ))}
            </ul>
          )}
          {(dataset.source === 'csv' || dataset.source === 'csv-series') && (
            <div className="field">
              <label htmlFor="dataset-label">{dataset.source === 'csv' ? 'Label column' : 'Target column'}</label>
              <input
                id="dataset-label"
                type="text"
                list="dataset-columns"
                value={dataset.source === 'csv' ? dataset.labelColumn : dataset.targetColumn}
                onChange={(e) =>
                  set(
                    (dataset.source === 'csv'
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
          <button type="button" disabled={!path || busy} onClick={() => setRequested(currentKey)}>
            Preview
          </button>
        </>
      )}
      {busy && <p className="muted">Loading preview…</p>}
      {(error ?? result?.error) && (
        <p className="field-error" role="alert">
          {error ?? result?.error}
        </p>
      )}
      {preview && <DatasetPreviewView preview={preview} />}
    </fieldset>
  );
}
