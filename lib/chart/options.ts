/**
 * uPlot's options for a chart (lib/chart/series.ts's data): sizes, time zone, a scale and axis per kind of
 * value (counts, durations in the unit that fits, percent) or a log scale for durations, bars or lines per
 * series, quiet lines revealed on hover, legends without filler, date marks and target lines, the theme's
 * colours. Pure, so it is what the tests check; what only uPlot itself provides — its bar path builder, its
 * zoned dates, the device pixel ratio — comes in as `uplot`, so this runs without a canvas (and in Node).
 */
import type uPlot from 'uplot';
import { formatDate, formatDurationShort } from '@/lib/display/format';
import { dateTimeFormat } from '@/lib/display/date-time-format';
import { type ChartDecorations, drawDecorations } from './decorations';
import type { ChartAxisSpec, ChartData, ChartSeriesSpec, Palette, ValueKind } from './series';
import { durationIncrements, durationTick, logDurationTicks } from './units';

/** The parts of the uPlot module the options use. */
export interface UPlotStatics {
  bars: uPlot.Series.PathBuilder;
  tzDate: (date: Date, timeZone: string) => Date;
  /** Canvas pixels per CSS pixel (uPlot.pxRatio). */
  pxRatio?: number;
}

export interface ChartSize {
  width: number;
  height: number;
}

export interface ChartView extends ChartDecorations {
  /** Durations on one log scale (the chart offers it when `logUseful`). */
  log?: boolean;
}

/** The scale every duration series shares on a log axis. */
export const LOG_SCALE = 'duration-log';

/** A value as the legend and tooltip read it. */
export function formatValue(kind: ValueKind, v: number): string {
  if (kind === 'duration') return formatDurationShort(v);
  if (kind === 'percent') return `${Math.round(v * 10) / 10}%`;
  return String(Math.round(v * 100) / 100);
}

/**
 * The legend's value for a series: empty while the pointer is off the chart (no "--" filler), "no data" for
 * a bucket without a value.
 */
export const legendValue =
  (kind: ValueKind) =>
  (_u: uPlot, v: number | null, _series: number, idx: number | null): string =>
    idx === null || idx === undefined ? '' : v === null || v === undefined ? 'no data' : formatValue(kind, v);

/**
 * The legend's date of the bucket under the pointer (its start, in the chart's zone), in the reader's locale
 * like every date of the extension (lib/display/format.ts); nothing while off the chart.
 */
export const legendDate = (timeZone: string, locale?: string) => {
  return (_u: uPlot, ts: number | null, _series: number, idx: number | null): string => (idx === null || idx === undefined || ts === null ? '' : formatDate(ts * 1000, timeZone, locale));
};

const MONTH_S = 28 * 86_400;

/**
 * The time axis's labels in the reader's locale (uPlot's own are English templates): a day and month while
 * ticks are days or weeks apart, a month and year once they are months apart.
 *
 * @example
 * timeAxisValues('UTC', 'en-GB')(u, [Date.UTC(2026, 0, 5) / 1000], 0, 0, 7 * 86_400) //=> ['5 Jan']
 */
export const timeAxisValues = (timeZone: string, locale?: string) => {
  const days = dateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' });
  const months = dateTimeFormat(locale, { timeZone, month: 'short', year: 'numeric' });
  return (_u: uPlot, ticks: number[], _axis: number, _space: number, incr: number): string[] => ticks.map((t) => (incr >= MONTH_S ? months : days).format(t * 1000));
};

/** The chart's series as a log view puts them: every duration on the one log scale. */
export const viewSeries = (chart: ChartData, view: ChartView): ChartSeriesSpec[] =>
  view.log ? chart.series.map((s) => (s.value === 'duration' ? { ...s, scale: LOG_SCALE } : s)) : chart.series;

/** The axes a view shows: durations on one log axis, or each scale's own. */
export function viewAxes(chart: ChartData, view: ChartView): ChartAxisSpec[] {
  if (!view.log) return chart.axes;
  const others = chart.axes.filter((a) => a.value !== 'duration');
  return chart.axes.some((a) => a.value === 'duration') ? [{ scale: LOG_SCALE, value: 'duration' }, ...others] : others;
}

/**
 * The data a view draws: on a log scale a duration of 0 (or below) has no place, so it is a gap there.
 *
 * @example
 * viewData(leadTimeChart, { log: true }).data[1] //=> [null, 3_600_000, …] where the median was 0
 */
export function viewData(chart: ChartData, view: ChartView): (number | null)[][] {
  if (!view.log) return chart.data;
  return chart.data.map((column, i) => (i > 0 && chart.series[i - 1].value === 'duration' ? column.map((v) => (v !== null && v > 0 ? v : null)) : column));
}

function scaleOptions(axis: ChartAxisSpec, view: ChartView): uPlot.Scale {
  if (axis.scale === LOG_SCALE) return { distr: 3, log: 10, range: (_u, min, max) => [Math.max(1, min / 2), Math.max(2, max * 2)] };
  if (axis.value === 'percent') return { range: [0, 100] };
  // From 0 with headroom above the highest value, or the highest target line on this scale.
  const targets = (view.thresholds ?? []).filter((t) => t.scale === axis.scale).map((t) => t.value);
  return { range: (_u: uPlot, _min: number, max: number) => {
    const top = Math.max(max, ...targets);
    return [0, top > 0 ? top * 1.1 : 1];
  } };
}

function axisOptions(axis: ChartAxisSpec, i: number, palette: Palette): uPlot.Axis {
  const base: uPlot.Axis = {
    scale: axis.scale,
    side: i === 0 ? 3 : 1,
    size: 56,
    stroke: axis.color ?? palette.axis,
    grid: { show: i === 0, stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid },
    ...(axis.label ? { label: axis.label, labelSize: 18 } : {}),
  };
  if (axis.scale === LOG_SCALE) {
    return {
      ...base,
      splits: (u) => logDurationTicks(u.scales[LOG_SCALE].min ?? 1, u.scales[LOG_SCALE].max ?? 1).values,
      values: (_u, ticks) => ticks.map((t) => logDurationTicks(t, t).labels[0] ?? formatDurationShort(t)),
    };
  }
  if (axis.value === 'duration' && axis.unit) {
    const unit = axis.unit;
    return { ...base, incrs: durationIncrements(unit), values: (_u, ticks) => ticks.map((t) => durationTick(t, unit)) };
  }
  if (axis.value === 'percent') return { ...base, values: (_u, ticks) => ticks.map((t) => `${t}%`) };
  return { ...base, values: (_u, ticks) => ticks.map((t) => String(t)) };
}

/** The `_focus` uPlot keeps on a series while the pointer is near it (true), or near another (false). */
const isFocused = (u: uPlot, si: number): boolean => (u.series[si] as uPlot.Series & { _focus?: boolean | null })._focus === true;

function seriesOptions(s: ChartSeriesSpec, palette: Palette, bars: uPlot.Series.PathBuilder): uPlot.Series {
  return {
    label: s.label,
    scale: s.scale,
    // A quiet line takes its colour while hovered (or its legend entry is), grey otherwise.
    stroke: s.quiet ? (u: uPlot, si: number) => (isFocused(u, si) ? s.color : palette.quiet) : s.color,
    width: s.kind === 'bars' ? 0 : s.quiet ? 1.5 : 2,
    fill: s.kind === 'bars' ? `${s.color}cc` : undefined,
    paths: s.kind === 'bars' ? bars : undefined,
    dash: s.dash,
    points: { show: s.kind === 'line' && !s.quiet && !s.goal, size: 5 },
    spanGaps: false,
    value: legendValue(s.value),
  };
}

/**
 * @example
 * chartOptions(chartData('failureRate', buckets), LIGHT_PALETTE, { width: 600, height: 220 }, 'Europe/London', statics).scales
 * //=> { count: { range: [Function] }, percent: { range: [0, 100] } }
 */
export function chartOptions(chart: ChartData, palette: Palette, size: ChartSize, timeZone: string, uplot: UPlotStatics, view: ChartView = {}): uPlot.Options {
  const series = viewSeries(chart, view);
  const axes = viewAxes(chart, view);
  const quiet = series.some((s) => s.quiet);
  return {
    width: size.width,
    height: size.height,
    tzDate: (ts) => uplot.tzDate(new Date(ts * 1000), timeZone),
    // Legend swatches keep each line's own colour, grey on the plot or not: the legend says whose line is whose.
    legend: { live: true, markers: { stroke: (_u: uPlot, si: number) => series[si - 1]?.color ?? palette.axis, fill: (_u: uPlot, si: number) => (series[si - 1]?.kind === 'bars' ? `${series[si - 1].color}cc` : 'transparent') } },
    // Near a line (or its legend entry), the others fade and a quiet one shows its colour.
    focus: { alpha: quiet ? 0.35 : 1 },
    cursor: { drag: { x: false, y: false }, focus: { prox: quiet ? 24 : -1 } },
    scales: Object.fromEntries(axes.map((a) => [a.scale, scaleOptions(a, view)])),
    series: [{ value: legendDate(timeZone) }, ...series.map((s) => seriesOptions(s, palette, uplot.bars))],
    axes: [
      { stroke: palette.axis, grid: { stroke: palette.grid, width: 1 }, ticks: { stroke: palette.grid }, values: timeAxisValues(timeZone) },
      ...axes.map((a, i) => axisOptions(a, i, palette)),
    ],
    hooks: {
      draw: [(u) => drawDecorations(u, view, palette, uplot.pxRatio ?? 1)],
      ...(quiet ? { init: [(u: uPlot) => markQuietLegend(u, series)], setSeries: [(u: uPlot, si: number | null) => markFocused(u, si)] } : {}),
    },
  };
}

/** Legend rows of quiet lines read quieter too (theme CSS: `.u-series.quiet`). */
function markQuietLegend(u: uPlot, series: readonly ChartSeriesSpec[]): void {
  const rows = u.root.querySelectorAll('.u-legend .u-series');
  series.forEach((s, k) => rows[k + 1]?.classList.toggle('quiet', s.quiet === true));
}

/** Which line the pointer reveals, for the legend (`.focused`) and for tests (`data-focused` on the chart). */
function markFocused(u: uPlot, si: number | null): void {
  const focused = si !== null && si > 0 && isFocused(u, si) ? si : null;
  const rows = u.root.querySelectorAll('.u-legend .u-series');
  rows.forEach((row, k) => row.classList.toggle('focused', k === focused));
  u.root.dataset.focused = focused === null ? '' : String(u.series[focused].label ?? '');
}
