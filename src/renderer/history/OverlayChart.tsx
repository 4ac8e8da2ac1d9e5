/**
 * Several runs' curves of one metric on shared axes, with uPlot as the live
 * curves use it. The studio aligns the series (runs.curves); this only draws.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Overlay } from '../../shared/runs/overlay.js';
import { useUi } from '../app/EditorContext.js';

/** Distinct colours for up to 20 runs (the most runs.curves overlays), readable on dark and light. */
const COLORS = [
  '#ff7a59',
  '#5aa9ff',
  '#4cc38a',
  '#f0b429',
  '#c792ea',
  '#ef5da8',
  '#2ec4b6',
  '#a3a948',
  '#ff9f1c',
  '#8d99ae',
];
export const runColor = (i: number): string => COLORS[i % COLORS.length];

export function OverlayChart({ overlay }: { overlay: Overlay }) {
  const theme = useUi((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const css = getComputedStyle(el);
    const fg = css.getPropertyValue('--fg-muted').trim() || '#888';
    const grid = css.getPropertyValue('--border').trim() || '#444';
    const axis: uPlot.Axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 200,
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false }, y: { auto: true } },
      series: [
        { label: overlay.scale },
        ...overlay.series.map((s, i) => ({
          label: s.label,
          stroke: runColor(i),
          width: 1.5,
          spanGaps: true,
          points: { show: overlay.scale === 'epoch' },
        })),
      ],
      axes: [axis, axis],
    };
    const data = [overlay.x, ...overlay.series.map((s) => s.values)] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [overlay, theme]);

  const title = `${overlay.metric ?? 'no metric'} per ${overlay.scale}, ${overlay.series.length} runs`;
  return (
    <figure className="chart-figure">
      <div
        ref={host}
        className="chart overlay-chart"
        role="img"
        aria-label={title}
        data-series={overlay.series.length}
        data-points={overlay.x.length}
      />
    </figure>
  );
}
