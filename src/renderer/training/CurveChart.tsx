/**
 * A live curve with uPlot. The buffers grow in place; this component never
 * re-renders on new points: it subscribes to the store's curve version and
 * redraws at most once per animation frame, so 10,000+ points stay smooth.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEditor, useUi } from '../app/EditorContext.js';
import type { BatchColumn, EpochColumn, GanColumn, TrainingState } from '../stores/trainingStore.js';

export interface CurveSeries<C extends string> {
  column: C;
  label: string;
  color: string;
  /** Accuracy-like values (0..1) share the right-hand axis. */
  ratio?: boolean;
}

type Props =
  | { source: 'batches'; x: BatchColumn; series: CurveSeries<BatchColumn>[]; title: string; xLabel: string }
  | { source: 'epochs'; x: EpochColumn; series: CurveSeries<EpochColumn>[]; title: string; xLabel: string }
  | { source: 'ganSteps'; x: GanColumn; series: CurveSeries<GanColumn>[]; title: string; xLabel: string };

const fmt = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '—' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(4);

export function CurveChart(props: Props) {
  const { ctx } = useEditor();
  const theme = useUi((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const caption = useRef<HTMLElement>(null);
  const { source, x, series, title, xLabel } = props;
  const key = series.map((s) => s.column).join(',');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const store = ctx.training;
    // The props are fixed per chart; the columns in `key` say which series it draws.
    const buffer = (s: TrainingState) =>
      s[source] as TrainingState['batches'] & TrainingState['epochs'] & TrainingState['ganSteps'];
    const css = getComputedStyle(el);
    const fg = css.getPropertyValue('--fg-muted').trim() || '#888';
    const grid = css.getPropertyValue('--border').trim() || '#444';
    const axis = (scale: string, side?: number): uPlot.Axis => ({
      scale,
      stroke: fg,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid },
      ...(side ? { side } : {}),
    });
    const hasRatio = series.some((s) => s.ratio);
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: 170,
      legend: { show: true },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: false },
        y: { auto: true },
        ...(hasRatio ? { ratio: { range: [0, 1] as [number, number] } } : {}),
      },
      series: [
        { label: xLabel },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          spanGaps: true,
          scale: s.ratio ? 'ratio' : 'y',
          points: { show: source === 'epochs' },
        })),
      ],
      axes: [axis('x'), axis('y'), ...(hasRatio ? [axis('ratio', 1)] : [])],
    };
    const data = (): uPlot.AlignedData => {
      const b = buffer(store.getState());
      return [b.view(x as never), ...series.map((s) => b.series(s.column as never))] as uPlot.AlignedData;
    };
    const plot = new uPlot(opts, data(), el);
    let frame = 0;
    const draw = () => {
      frame = 0;
      const b = buffer(store.getState());
      plot.setData(data());
      el.dataset.points = String(b.length);
      if (caption.current)
        caption.current.textContent = series.map((s) => `${s.label} ${fmt(b.last(s.column as never))}`).join(' · ');
    };
    draw();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.curveVersion !== prev.curveVersion && frame === 0) frame = requestAnimationFrame(draw);
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: 170 }));
    resize.observe(el);
    return () => {
      unsubscribe();
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
      plot.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the series list
  }, [ctx, source, x, key, xLabel, theme]);

  return (
    <figure className="chart-figure">
      <div ref={host} className="chart" role="img" aria-label={title} data-points="0" />
      <figcaption ref={caption} className="muted small" aria-live="off" />
    </figure>
  );
}
