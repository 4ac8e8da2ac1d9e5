/** GAN runs: the latest sample (CycleGAN: translation) grid, with a slider to scrub back through earlier ones. */
import { useState } from 'react';
import { isCycleGraph } from '../../shared/shape/cycle-contracts.js';
import { useGraph, useTraining } from '../app/EditorContext.js';
import { PixelCanvas } from './PixelCanvas.js';

export function SampleTimeline() {
  const samples = useTraining((s) => s.samples);
  const cycle = useGraph((s) => isCycleGraph(s.doc));
  const [picked, setPicked] = useState<number | null>(null);
  if (samples.length === 0) return null;
  const index = picked === null || picked >= samples.length ? samples.length - 1 : picked;
  const grid = samples[index];
  const what = cycle ? 'Translation' : 'Sample';
  return (
    <section aria-label={cycle ? 'Translations' : 'Generated samples'}>
      <h3>{cycle ? 'Translations' : 'Generated samples'}</h3>
      {cycle && (
        <p className="muted small">Each row: a → G(a) → F(G(a)) | b → F(b) → G(F(b)), always the same samples.</p>
      )}
      <PixelCanvas image={grid.grid} label={`${what} grid at epoch ${grid.epoch}, step ${grid.step}`} size={256} />
      <div className="field">
        <label htmlFor="sample-scrub">
          Step {grid.step} (epoch {grid.epoch}) — {index + 1} of {samples.length}
        </label>
        <input
          id="sample-scrub"
          type="range"
          min={0}
          max={samples.length - 1}
          value={index}
          onChange={(e) => {
            const v = Number(e.target.value);
            setPicked(v === samples.length - 1 ? null : v);
          }}
        />
      </div>
    </section>
  );
}
