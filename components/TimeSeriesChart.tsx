/**
 * The one uPlot wrapper. The chart is created once per series shape and kept in a ref; new data goes
 * through `setData`, a new width through `setSize` (from a ResizeObserver: uPlot has no fluid sizing), and
 * anything else recreates it. Options come from a pure builder (lib/chart/options.ts), which is what the
 * tests check.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartOptions, type UPlotStatics } from '@/lib/chart/options';
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

const statics = (): UPlotStatics => ({ bars: uPlot.paths.bars!({ size: [0.6, 60] }), tzDate: uPlot.tzDate });

export function TimeSeriesChart({ chart, palette, label, height = 220, timeZone, onDrawn }: TimeSeriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = JSON.stringify([chart.series, palette, height, timeZone]);

  useEffect(() => {
    const el = host.current!;
    const options = chartOptions(chart, palette, { width: Math.max(200, el.clientWidth), height }, timeZone, statics());
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
