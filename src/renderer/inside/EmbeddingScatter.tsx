/**
 * The test set's embedding as an SVG scatter coloured by class; hovering a
 * point shows its image, cut from the engine's thumbnail picture with a CSS
 * background offset (no pixels are computed here).
 */
import { useState } from 'react';
import type { InspectEmbedding } from '../../shared/api/inspect.js';

/** matplotlib's tab10, as the engine's PNG scatter uses. */
const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];
const SIZE = 300;
const PAD = 8;
const THUMB = 56;

function scale(values: number[]): (v: number) => number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo > 1e-12 ? hi - lo : 1;
  return (v) => PAD + ((v - lo) / span) * (SIZE - 2 * PAD);
}

export function EmbeddingScatter(props: {
  embedding: InspectEmbedding;
  /** The thumbnail picture as a data URL. */
  thumbnails: string;
  classes: string[];
  /** The sample being inspected, ringed when it is among the points; null for an image file. */
  current: number | null;
  /** An inspected image file's point, drawn as a black square. */
  inspected?: [number, number];
  onPick(sample: number): void;
}) {
  const { embedding, classes, current, inspected } = props;
  const [hover, setHover] = useState<number | null>(null);
  const all = inspected ? [...embedding.points, inspected] : embedding.points;
  const sx = scale(all.map((p) => p[0]));
  const sy = scale(all.map((p) => -p[1]));
  const { tileWidth: tw, tileHeight: th, columns } = embedding.thumbnails;
  const zoom = THUMB / Math.max(tw, th);
  const name = (label: number) => classes[label] ?? String(label);
  const shown = hover ?? (current !== null && current < embedding.points.length ? current : null);
  return (
    <figure className="inside-scatter">
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`Embedding of ${embedding.points.length} test samples (${embedding.method.toUpperCase()})`}
        onMouseLeave={() => setHover(null)}
      >
        <rect x={0} y={0} width={SIZE} height={SIZE} className="inside-scatter-bg" />
        {embedding.points.map(([x, y], i) => (
          <circle
            key={i}
            data-sample={i}
            cx={sx(x)}
            cy={sy(-y)}
            r={i === current ? 5 : 2.5}
            fill={COLORS[embedding.labels[i] % COLORS.length]}
            stroke={i === current ? 'currentColor' : 'none'}
            onMouseEnter={() => setHover(i)}
            onClick={() => props.onPick(i)}
          >
            <title>{`sample ${i}: ${name(embedding.labels[i])}`}</title>
          </circle>
        ))}
        {inspected && (
          <rect
            data-inspected=""
            x={sx(inspected[0]) - 5}
            y={sy(-inspected[1]) - 5}
            width={10}
            height={10}
            fill="black"
            stroke="white"
            strokeWidth={2}
          >
            <title>your image</title>
          </rect>
        )}
      </svg>
      {shown !== null && (
        <div className="inside-hover" aria-label={`Sample ${shown}`}>
          <div
            className="inside-thumb"
            style={{
              width: tw * zoom,
              height: th * zoom,
              backgroundImage: `url(${props.thumbnails})`,
              backgroundSize: `${columns * tw * zoom}px auto`,
              backgroundPosition: `${-(shown % columns) * tw * zoom}px ${-Math.floor(shown / columns) * th * zoom}px`,
            }}
          />
          <span>
            sample {shown}: {name(embedding.labels[shown])}
          </span>
        </div>
      )}
      <figcaption>
        {embedding.points.length} test samples at <code>{embedding.layer}</code> ({embedding.dimensions} values),{' '}
        {embedding.method.toUpperCase()} to 2-D{inspected ? '; your image is the black square' : ''}. Click a point to
        inspect it.
      </figcaption>
    </figure>
  );
}
