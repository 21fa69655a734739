/**
 * The one uPlot wrapper. The chart is created once per shape (series, view, theme, size) and kept in a ref;
 * new data goes through `setData`, a new width through `setSize` (from a ResizeObserver: uPlot has no fluid
 * sizing), and anything else recreates it. Options come from a pure builder (lib/chart/options.ts), which
 * is what the tests check.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { markPosition } from '@/lib/chart/decorations';
import { type ChartView, chartOptions, type UPlotStatics, viewData } from '@/lib/chart/options';
import type { ChartData, Palette } from '@/lib/chart/series';

export interface TimeSeriesChartProps {
  chart: ChartData;
  palette: Palette;
  /** Accessible name; the parent offers the same numbers as a table. */
  label: string;
  height?: number;
  timeZone: string;
  /** Log scale, date marks, target lines. */
  view?: ChartView;
  onDrawn?: () => void;
  /** A click on the plot: the date under the pointer (UTC ms). */
  onPick?: (at: number) => void;
}

const statics = (): UPlotStatics => ({ bars: uPlot.paths.bars!({ size: [0.6, 60] }), tzDate: uPlot.tzDate, pxRatio: uPlot.pxRatio });

export function TimeSeriesChart({ chart, palette, label, height = 220, timeZone, view = {}, onDrawn, onPick }: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const shape = JSON.stringify([chart.series, chart.axes, palette, height, timeZone, view]);

  useEffect(() => {
    const el = host.current!;
    const options = chartOptions(chart, palette, { width: Math.max(200, el.clientWidth), height }, timeZone, statics(), view);
    // The axes' labels and how many date marks fall on the plot, as drawn (uPlot draws on the canvas), for
    // tests and tools reading the page.
    const drawn = (u: uPlot) => {
      el.dataset.axes = JSON.stringify(u.axes.map((a) => (a as uPlot.Axis & { _values?: string[] })._values ?? []));
      el.dataset.marks = String((view.marks ?? []).filter((m) => markPosition(u, m.at) !== null).length);
    };
    options.hooks = { ...options.hooks, draw: [...(options.hooks?.draw ?? []), drawn] };
    const u = new uPlot(options, viewData(chart, view) as uPlot.AlignedData, el);
    plot.current = u;
    onDrawn?.();
    const resize = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      if (plot.current && width > 0 && width !== plot.current.width) plot.current.setSize({ width, height });
    });
    resize.observe(el);
    const click = () => {
      const left = u.cursor.left;
      if (pick.current && left !== undefined && left >= 0) pick.current(Math.round(u.posToVal(left, 'x') * 1000));
    };
    u.over.addEventListener('click', click);
    return () => {
      resize.disconnect();
      u.over.removeEventListener('click', click);
      u.destroy();
      plot.current = null;
    };
    // Recreate only when the shape changes; data updates are handled below.
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(viewData(chart, view) as uPlot.AlignedData);
  }, [chart.data]);

  return <div ref={host} class={onPick ? 'chart pickable' : 'chart'} role="img" aria-label={label} />;
}
