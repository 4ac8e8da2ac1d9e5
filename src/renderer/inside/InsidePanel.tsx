/**
 * The Inside panel (issue #15): for the trained classifier and a test sample
 * (or an image file the user drops on the input picture or picks with
 * "Inspect my image…"), the chosen layer's output (feature maps as a grid, other outputs as a
 * histogram), the input with its saliency map and Grad-CAM, the first
 * convolution's filters, the test set's embedding as a scatter and, for a
 * recurrent model, each recurrent layer's hidden state over time. The engine
 * computes every picture (`inspect.run`); this panel only shows them, and
 * sends a chosen image file's bytes as they are (base64): the engine decodes them.
 */
import { type DragEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import {
  EMBEDDING_METHODS,
  type EmbeddingMethod,
  type InspectImage,
  type InspectResult,
} from '../../shared/api/inspect.js';
import { encodeBase64 } from '../../shared/project/base64.js';
import { ACTIONS } from '../actions/index.js';
import { useEditor, useExecute, useGraph, useProject } from '../app/EditorContext.js';
import { EmbeddingScatter } from './EmbeddingScatter.js';
import { insideStoreFor } from './insideStore.js';
import { LatentStrip } from './LatentStrip.js';
import './inside.css';
import { ErrorLine } from '../app/ErrorLine.js';
import { Options } from '../app/Options.js';

type Picture = InspectResult['pictures'][number];

const dataUrl = (p: Picture) => `data:image/png;base64,${p.png}`;

function Pixels({ picture, label }: { picture: Picture | undefined; label: string }) {
  if (!picture) return null;
  return (
    <figure>
      <img className="pixels" src={dataUrl(picture)} width={picture.width} height={picture.height} alt={label} />
      <figcaption>{picture.caption}</figcaption>
    </figure>
  );
}

/** The file's bytes as the contract carries them; the engine decodes, resizes and scales them. */
async function imageOf(file: File): Promise<InspectImage> {
  return { name: file.name, data: encodeBase64(new Uint8Array(await file.arrayBuffer())) };
}

const hasFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');

/** The input picture's area: an image file dropped here is inspected (not opened as a project, as elsewhere). */
function ImageDrop({ onFile, children }: { onFile(file: File): void; children: ReactNode }) {
  const [over, setOver] = useState(false);
  const stop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div
      role="group"
      aria-label="Input picture"
      className={over ? 'inside-drop over' : 'inside-drop'}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        stop(e);
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        stop(e);
        setOver(false);
        onFile(file);
      }}
    >
      {children}
    </div>
  );
}

export function InsidePanel() {
  const { ctx } = useEditor();
  const run = useExecute();
  const store = useMemo(() => insideStoreFor(ctx), [ctx]);
  const { sample, method, result, layer, busy, error } = useStore(store);
  const inspectFile = (file: File) =>
    void imageOf(file).then(
      (image) => run(ACTIONS.inspectSample, { image }),
      (e: unknown) => store.setState({ error: `${file.name} could not be read: ${String(e)}` }),
    );
  const trained = useProject((s) => s.extra.weights !== undefined);
  const kind = useProject((s) => s.kind);
  // The node selected on the canvas picks the layer shown, when it is one of the model's layers.
  const selectedName = useGraph((s) => {
    const id = s.selection.nodes[0];
    return id ? s.doc.nodes.find((n) => n.id === id)?.name : undefined;
  });
  useEffect(() => {
    if (selectedName && result?.layers.some((l) => l.name === selectedName)) store.setState({ layer: selectedName });
  }, [selectedName, result, store]);

  if (kind === 'gan' && trained) return <LatentStrip />;
  if (kind !== 'classifier' || !trained)
    return (
      <p className="muted">
        Train the model first: the Inside view shows what a trained image classifier does with a test sample, and a
        trained GAN&apos;s images between two noise vectors.
      </p>
    );
  const picture = (file: string | undefined) => result?.pictures.find((p) => p.file === file);
  const shown = result?.layers.find((l) => l.name === layer);
  const filters = result?.pictures.find((p) => p.file.startsWith('filters-'));
  const name = (i: number) => result?.classes[i] ?? String(i);
  const thumbnails = picture(result?.embedding?.thumbnails.file);

  return (
    <section className="inside-panel" aria-label="Inside the network" aria-busy={busy}>
      <div className="inside-controls">
        <label>
          Test sample{' '}
          <input
            type="number"
            min={0}
            value={sample}
            aria-label="Test sample"
            onChange={(e) => store.setState({ sample: Math.max(0, Math.floor(Number(e.target.value) || 0)) })}
            onKeyDown={(e) => e.key === 'Enter' && run(ACTIONS.inspectSample, { sample })}
          />
        </label>
        <button type="button" onClick={() => run(ACTIONS.previousSample, undefined)} disabled={sample === 0}>
          ◀ Previous
        </button>
        <button type="button" onClick={() => run(ACTIONS.nextSample, undefined)}>
          Next ▶
        </button>
        <button type="button" className="primary" onClick={() => run(ACTIONS.inspectSample, { sample })}>
          Inspect
        </button>
        <label className="inside-file">
          Inspect my image…
          <input
            type="file"
            accept="image/png,image/jpeg"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) inspectFile(file);
            }}
          />
        </label>
        <label>
          Embedding{' '}
          <select
            value={method}
            aria-label="Embedding method"
            onChange={(e) => run(ACTIONS.inspectSample, { method: e.target.value as EmbeddingMethod })}
          >
            <Options values={EMBEDDING_METHODS} label={(m) => m.toUpperCase()} />
          </select>
        </label>
        {busy && <span className="muted">Computing…</span>}
      </div>
      <ErrorLine error={error} />
      {!result && (
        <ImageDrop onFile={inspectFile}>
          {!busy && !error && (
            <p className="muted">Pick a test sample and press Inspect, or drop a PNG or JPEG image here.</p>
          )}
        </ImageDrop>
      )}
      {result && (
        <>
          <p aria-label="Prediction">
            {result.image ? (
              <>Your image ({result.image.name}): </>
            ) : (
              <>
                Sample {result.sample}: label <strong>{result.label === null ? '?' : name(result.label)}</strong>,{' '}
              </>
            )}
            predicted <strong>{name(result.predicted)}</strong> (p = {result.probabilities[result.predicted].toFixed(3)}
            )
          </p>
          <label>
            Layer{' '}
            <select value={layer ?? ''} aria-label="Layer" onChange={(e) => store.setState({ layer: e.target.value })}>
              {result.layers.map((l) => (
                <option key={l.name} value={l.name}>
                  {l.name} ({l.className}, {l.shape.join('×')})
                </option>
              ))}
            </select>
          </label>
          {shown && (
            <div aria-label={`Output of ${shown.name}`}>
              <Pixels picture={picture(shown.file)} label={`${shown.view} of ${shown.name}`} />
              {shown.range && (
                <p className="muted">
                  values from {shown.range[0].toPrecision(3)} to {shown.range[1].toPrecision(3)}
                </p>
              )}
            </div>
          )}
          <div className="inside-row">
            <ImageDrop onFile={inspectFile}>
              <Pixels picture={picture('input.png')} label="input" />
            </ImageDrop>
            <Pixels picture={picture('saliency.png')} label="saliency map" />
            <Pixels picture={picture('gradcam.png')} label="Grad-CAM" />
          </div>
          <Pixels picture={filters} label="first convolution's filters" />
          {result.hiddenStates?.map((h) => (
            <div key={h.layer} aria-label={`Hidden state of ${h.layer}`}>
              <Pixels picture={picture(h.file)} label={`hidden state of ${h.layer} over ${h.steps} steps`} />
            </div>
          ))}
          {result.embedding && thumbnails && (
            <EmbeddingScatter
              embedding={result.embedding}
              thumbnails={dataUrl(thumbnails)}
              classes={result.classes}
              current={result.sample}
              inspected={result.embedding.inspected}
              onPick={(i) => run(ACTIONS.inspectSample, { sample: i })}
            />
          )}
          {result.notes.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </>
      )}
    </section>
  );
}
