/** A trained GAN's latent interpolation (issue #15): the engine draws the strip (`inspect.interpolate`); shown here. */
import { useState } from 'react';
import type { Interpolation } from '../../shared/api/inspect.js';
import { useEditor } from '../app/EditorContext.js';
import { toProjectDoc } from '../stores/projectStore.js';
import { ErrorLine } from '../app/ErrorLine.js';

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function LatentStrip() {
  const { ctx } = useEditor();
  const [steps, setSteps] = useState(10);
  const [seed, setSeed] = useState(1);
  const [strip, setStrip] = useState<Interpolation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draw = async () => {
    const client = ctx.client;
    if (!client) return;
    setError(null);
    try {
      const project = toProjectDoc(ctx.project.getState(), ctx.graph.getState().doc);
      setStrip(await client.call('inspect.interpolate', { project, steps, seed }));
    } catch (e) {
      setError(message(e));
    }
  };
  return (
    <section className="inside-panel" aria-label="Latent interpolation">
      <div className="inside-controls">
        <label>
          Steps{' '}
          <input
            type="number"
            min={2}
            max={100}
            value={steps}
            onChange={(e) => setSteps(Math.min(100, Math.max(2, Math.floor(Number(e.target.value) || 2))))}
          />
        </label>
        <label>
          Seed <input type="number" value={seed} onChange={(e) => setSeed(Math.floor(Number(e.target.value) || 0))} />
        </label>
        <button type="button" className="primary" onClick={() => void draw()}>
          Interpolate
        </button>
      </div>
      <ErrorLine error={error} />
      {strip && (
        <figure>
          <img
            className="pixels"
            src={`data:image/png;base64,${strip.picture.png}`}
            width={strip.picture.width}
            height={strip.picture.height}
            alt="latent interpolation"
          />
          <figcaption>{strip.picture.caption}</figcaption>
        </figure>
      )}
    </section>
  );
}
