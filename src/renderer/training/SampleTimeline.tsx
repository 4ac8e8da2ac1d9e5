/** GAN runs: the latest sample grid, with a slider to scrub back through earlier ones. */
import { useState } from 'react';
import { useTraining } from '../app/EditorContext.js';
import { PixelCanvas } from './PixelCanvas.js';

export function SampleTimeline() {
  const samples = useTraining((s) => s.samples);
  const [picked, setPicked] = useState<number | null>(null);
  if (samples.length === 0) return null;
  const index = picked === null || picked >= samples.length ? samples.length - 1 : picked;
  const grid = samples[index];
  return (
    <section aria-label="Generated samples">
      <h3>Generated samples</h3>
      <PixelCanvas image={grid.grid} label={`Sample grid at epoch ${grid.epoch}, step ${grid.step}`} size={256} />
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
