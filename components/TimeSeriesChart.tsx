/**
 * The one uPlot wrapper. The chart is created once per series shape and kept in a ref; new data goes
 * through `setData`, a new width through `setSize` (from a ResizeObserver: uPlot has no fluid sizing), and
 * anything else recreates it. Data and options come from pure builders (lib/chart), which are what tests
 * check.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartData, Palette } from '@/lib/chart/series';

export interface TimeSeriesChartProps {
  chart: ChartData;
  palette: Palette;
  /** Accessible name; the parent offers the same numbers as a table. */
  label: string;
  height?: number;
  timeZone: string;
  onDrawn?: () => void;
}

export function TimeSeriesChart({ chart, palette, label, height = 220, timeZone, onDrawn }: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = JSON.stringify([chart.series, palette, height, timeZone]);

  useEffect(() => {
    const el = host.current!;
    const options = chartOptions(chart, palette, Math.max(200, el.clientWidth), height, timeZone);
    plot.current = new uPlot(options, chart.data as uPlot.AlignedData, el);
    onDrawn?.();
    const resize = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      if (plot.current && width > 0 && width !== plot.current.width) plot.current.setSize({ width, height });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Recreate only when the shape changes; data updates are handled below.
  }, [shape]);

  useEffect(() => {
    plot.current?.setData(chart.data as uPlot.AlignedData);
  }, [chart.data]);

  return <div ref={host} class="chart" role="img" aria-label={label} />;
}

function chartOptions(chart: ChartData, palette: Palette, width: number, height: number, timeZone: string): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [0.6, 60] });
  const scales = [...new Set(chart.series.map((s) => s.scale))];
  const axis = { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.grid } };
  return {
    width,
    height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), timeZone),
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: Object.fromEntries(scales.map((s) => [s, s === 'percent' ? { range: [0, 100] } : { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }])),
    series: [
      {},
      ...chart.series.map((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: s.color,
        width: s.kind === 'bars' ? 0 : 2,
        fill: s.kind === 'bars' ? `${s.color}cc` : undefined,
        paths: s.kind === 'bars' ? bars : undefined,
        dash: s.dash,
        points: { show: s.kind === 'line', size: 5 },
        spanGaps: false,
      })),
    ],
    axes: [
      axis,
      ...scales.map((scale, i) => ({ ...axis, scale, side: i === 0 ? 3 : 1, size: 64, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => (scale === 'percent' ? `${t}%` : scale === 'hours' ? `${t}h` : String(t))) })),
    ],
  };
}
