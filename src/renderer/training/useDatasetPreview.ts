/**
 * The preview of one dataset config (by its JSON key), loaded through the
 * contract; its sample shape goes to shape inference (DW108 on the canvas).
 */
import { useEffect, useState } from 'react';
import type { DatasetPreview } from '../../shared/api/datasets.js';
import type { DatasetConfig } from '../../shared/training/config.js';
import type { ActionContext } from '../actions/types.js';

interface Loaded {
  key: string;
  preview: DatasetPreview | null;
  error: string | null;
}

/** `wanted`: the JSON of the config to preview, or null for none. */
export function useDatasetPreview(ctx: ActionContext, wanted: string | null) {
  const [result, setResult] = useState<Loaded | null>(null);

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

  // The preview shown belongs to `result.key`; a different wanted key means one is loading.
  return { busy: wanted !== null && result?.key !== wanted, preview: result?.preview ?? null, error: result?.error };
}
