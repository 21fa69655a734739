/**
 * A split's chart data: one line per group (the 10 busiest and "Others") for one DORA metric, in the same
 * uPlot columnar shape as lib/chart/series.ts so the one chart component draws it. Pure, so it is what
 * the tests check. Values: successful deployments per bucket, failure rate in percent, and the median
 * lead time or time to recovery in hours; `null` where a bucket has no value (uPlot leaves a gap).
 */
import type { ChartData, ChartSeriesSpec } from '@/lib/chart/series';
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

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : ms / HOUR);
const fixed = (v: number | null, digits: number): string => (v === null ? '–' : v.toFixed(digits));

const VALUE: Record<DoraMetric, (b: GroupPeriod) => number | null> = {
  frequency: (b) => b.successful,
  failureRate: (b) => (b.failureRate === null ? null : b.failureRate * 100),
  leadTime: (b) => hours(b.leadTime.median),
  recovery: (b) => hours(b.recovery.median),
};

const SCALE: Record<DoraMetric, ChartSeriesSpec['scale']> = { frequency: 'count', failureRate: 'percent', leadTime: 'hours', recovery: 'hours' };

export const SPLIT_VALUE_LABEL: Record<DoraMetric, string> = {
  frequency: 'successful deployments',
  failureRate: 'failure rate (%)',
  leadTime: 'median lead time (hours)',
  recovery: 'median time to recovery (hours)',
};

/**
 * @example
 * splitChartData('frequency', insights.series, [{ key: 'Projects-1', label: 'Web', buckets }], false)
 * //=> { data: [[x…], [3, 5, …]], series: [{ label: 'Web', kind: 'line', scale: 'count', color: '#0072b2' }], table: … }
 */
export function splitChartData(metric: DoraMetric, axis: readonly SplitAxisBucket[], lines: readonly SplitSeriesLine[], dark: boolean, othersKey = 'others'): ChartData {
  const x = axis.map((b) => Math.round(b.start / 1000));
  const colors = dark ? SPLIT_COLORS_DARK : SPLIT_COLORS_LIGHT;
  const columns = lines.map((line) => axis.map((_, k) => (line.buckets[k] ? VALUE[metric](line.buckets[k]) : null)));
  const series: ChartSeriesSpec[] = lines.map((line, k) => ({
    label: line.label,
    kind: 'line',
    scale: SCALE[metric],
    color: line.key === othersKey ? (dark ? OTHERS_COLOR.dark : OTHERS_COLOR.light) : colors[k % colors.length],
    dash: line.key === othersKey ? [6, 4] : undefined,
  }));
  const digits = metric === 'frequency' ? 0 : 1;
  return {
    data: [x, ...columns],
    series,
    table: {
      head: ['Period', ...lines.map((l) => l.label)],
      rows: axis.map((b, i) => [b.label, ...columns.map((c) => fixed(c[i], digits))]),
    },
  };
}
