/**
 * Choose the data: a built-in dataset, or the user's image folder / CSV
 * (browsed inside the folders the studio may read), with a preview. The
 * sample shape goes to shape inference, so a model that does not fit the data
 * shows DW108 on the canvas.
 */
import { useEffect, useState } from 'react';
import type { BuiltinDatasetInfo } from '../../shared/api/datasets.js';
import type { FolderListing } from '../../shared/api/files.js';
import type { DatasetConfig } from '../../shared/training/config.js';
import { datasetFor, defaultDataset } from '../actions/trainingActions.js';
import { useEditor, useGraph, useProject, useUi } from '../app/EditorContext.js';
import { selectDoc } from '../stores/graphSelectors.js';
import { freshDataset, isBuiltin, unsetDatasetNote, type Source } from './dataset-config.js';
import { DatasetColumnFields, DatasetPathField } from './DatasetFileFields.js';
import { DatasetPreviewView } from './DatasetPreviewView.js';
import { DatasetSourceSelect } from './DatasetSourceSelect.js';
import { useDatasetPreview } from './useDatasetPreview.js';

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
      <DatasetSourceSelect source={dataset.source} builtins={builtins} choose={chooseSource} />
      {!isBuiltin(dataset.source) && (
        <>
          <DatasetPathField
            dataset={dataset}
            set={set}
            listing={listing}
            browse={(p) => void browse(p)}
            pick={native ? () => void pick() : undefined}
          />
          <DatasetColumnFields dataset={dataset} set={set} columns={preview?.columns ?? []} />
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
