/**
 * uPlot's options for a chart (lib/chart/series.ts's data): sizes, time zone, one scale per kind of value
 * (counts, hours, percent) with its own axis, bars or lines per series, the theme's colours. Pure, so it is
 * what the tests check; the two things only uPlot itself provides — its bar path builder and its zoned dates —
 * come in as `uplot`, so this runs without a canvas (and in Node).
 */
import type uPlot from 'uplot';
import type { ChartData, ChartSeriesSpec, Palette } from './series';

/** The parts of the uPlot module the options use. */
export interface UPlotStatics {
  bars: uPlot.Series.PathBuilder;
  tzDate: (date: Date, timeZone: string) => Date;
}

export interface ChartSize {
  width: number;
  height: number;
}

const tickLabel = (scale: ChartSeriesSpec['scale'], tick: number): string => (scale === 'percent' ? `${tick}%` : scale === 'hours' ? `${tick}h` : String(tick));

/**
 * @example
 * chartOptions(chartData('failureRate', buckets), LIGHT_PALETTE, { width: 600, height: 220 }, 'Europe/London', statics).scales
 * //=> { count: { range: [Function] }, percent: { range: [0, 100] } }
 */
export function chartOptions(chart: ChartData, palette: Palette, size: ChartSize, timeZone: string, uplot: UPlotStatics): uPlot.Options {
  const scales = [...new Set(chart.series.map((s) => s.scale))];
  const axis = { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.grid } };
  return {
    width: size.width,
    height: size.height,
    tzDate: (ts) => uplot.tzDate(new Date(ts * 1000), timeZone),
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    // Counts and hours start at 0 with headroom above the highest value; percent is always 0–100.
    scales: Object.fromEntries(scales.map((s) => [s, s === 'percent' ? { range: [0, 100] } : { range: (_u: uPlot, _min: number, max: number) => [0, max > 0 ? max * 1.1 : 1] }])),
    series: [
      {},
      ...chart.series.map((s) => ({
        label: s.label,
        scale: s.scale,
        stroke: s.color,
        width: s.kind === 'bars' ? 0 : 2,
        fill: s.kind === 'bars' ? `${s.color}cc` : undefined,
        paths: s.kind === 'bars' ? uplot.bars : undefined,
        dash: s.dash,
        points: { show: s.kind === 'line' && !s.goal, size: 5 },
        spanGaps: false,
      })),
    ],
    // The first scale's axis on the left, a second (the failure rate's percent) on the right.
    axes: [axis, ...scales.map((scale, i) => ({ ...axis, scale, side: i === 0 ? 3 : 1, size: 64, values: (_u: uPlot, ticks: number[]) => ticks.map((t) => tickLabel(scale, t)) }))],
  };
}
