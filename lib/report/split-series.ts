/**
 * A split's chart data: one line per group (the 10 busiest and "Others") for one DORA metric, in the same
 * uPlot columnar shape as lib/chart/series.ts so the one chart component draws it. Pure, so it is what
 * the tests check. Values: successful deployments per bucket, failure rate in percent, and the median
 * lead time or time to recovery in ms (its axis in the unit that fits); `null` where a bucket has no value
 * (uPlot leaves a gap).
 */
import { type ChartData, type ChartSeriesSpec, durationAxis, type ValueKind } from '@/lib/chart/series';
import { spansMagnitudes } from '@/lib/chart/units';
import { formatDurationShort } from '@/lib/display/format';
import type { DoraMetric } from '@/lib/metrics/types';
import type { GroupPeriod } from './group-stats';

/** A bucket of the report's window: its calendar start (UTC ms) and local date (`YYYY-MM-DD`). */
export interface SplitAxisBucket {
  start: number;
  label: string;
}

export interface SplitSeriesLine {
  key: string;
  label: string;
  /** One per axis bucket. */
  buckets: readonly GroupPeriod[];
}

/**
 * Ten colours that stay apart in both themes and for common colour-vision deficiencies (Okabe-Ito based);
 * "Others" is grey and dashed.
 */
export const SPLIT_COLORS_LIGHT = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#8c564b', '#7b3fb0', '#b8a000', '#1b4f72'];
export const SPLIT_COLORS_DARK = ['#56b4e9', '#ff8c42', '#3fd7a5', '#f0a6ca', '#f5c242', '#9ad0f5', '#d9a38f', '#c39bf0', '#f0e442', '#7fb3d5'];
export const OTHERS_COLOR = { light: '#8a8f98', dark: '#9aa3ad' };

const fixed = (v: number | null, digits: number): string => (v === null ? '–' : v.toFixed(digits));

const VALUE: Record<DoraMetric, (b: GroupPeriod) => number | null> = {
  frequency: (b) => b.successful,
  failureRate: (b) => (b.failureRate === null ? null : b.failureRate * 100),
  leadTime: (b) => b.leadTime.median,
  recovery: (b) => b.recovery.median,
};

const KIND: Record<DoraMetric, ValueKind> = { frequency: 'count', failureRate: 'percent', leadTime: 'duration', recovery: 'duration' };
const SCALE: Record<ValueKind, string> = { count: 'count', percent: 'percent', duration: 'duration' };

/** How many lines a split chart draws in colour when the user picked none: the busiest. */
export const HIGHLIGHTED_LINES = 3;

export const SPLIT_VALUE_LABEL: Record<DoraMetric, string> = {
  frequency: 'successful deployments',
  failureRate: 'failure rate (%)',
  leadTime: 'median lead time',
  recovery: 'median time to recovery',
};

/**
 * A split's chart: one line per group. The busiest {@link HIGHLIGHTED_LINES} (or the ones the user picked,
 * `picked`) are drawn in their colours; the rest, "Others" included, stay quiet and grey until the pointer is
 * near them (lib/chart/options.ts). Colours belong to the line's place, so a line keeps its colour whether
 * it is highlighted or not, and the split table's swatches match.
 *
 * @example
 * splitChartData('frequency', insights.series, [{ key: 'Projects-1', label: 'Web', buckets }], false)
 * //=> { data: [[x…], [3, 5, …]], series: [{ label: 'Web', kind: 'line', scale: 'count', value: 'count', color: '#0072b2', quiet: false }], … }
 */
export function splitChartData(
  metric: DoraMetric,
  axis: readonly SplitAxisBucket[],
  lines: readonly SplitSeriesLine[],
  dark: boolean,
  othersKey = 'others',
  picked: readonly string[] = [],
): ChartData {
  const x = axis.map((b) => Math.round(b.start / 1000));
  const colors = dark ? SPLIT_COLORS_DARK : SPLIT_COLORS_LIGHT;
  const columns = lines.map((line) => axis.map((_, k) => (line.buckets[k] ? VALUE[metric](line.buckets[k]) : null)));
  const shown = new Set(picked.length > 0 ? picked : lines.filter((l) => l.key !== othersKey).slice(0, HIGHLIGHTED_LINES).map((l) => l.key));
  const value = KIND[metric];
  const series: ChartSeriesSpec[] = lines.map((line, k) => ({
    label: line.label,
    kind: 'line',
    scale: SCALE[value],
    value,
    color: line.key === othersKey ? (dark ? OTHERS_COLOR.dark : OTHERS_COLOR.light) : colors[k % colors.length],
    dash: line.key === othersKey ? [6, 4] : undefined,
    quiet: !shown.has(line.key),
  }));
  const digits = metric === 'frequency' ? 0 : 1;
  const cell = (v: number | null) => (value === 'duration' ? formatDurationShort(v) : fixed(v, digits));
  return {
    data: [x, ...columns],
    series,
    axes: lines.length === 0 ? [] : [value === 'duration' ? durationAxis('duration', columns) : { scale: SCALE[value], value }],
    logUseful: value === 'duration' && spansMagnitudes(columns),
    table: {
      head: ['Period', ...lines.map((l) => l.label)],
      rows: axis.map((b, i) => [b.label, ...columns.map((c) => cell(c[i]))]),
    },
  };
}
