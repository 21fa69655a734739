/**
 * A split's chart data: one line per group (the 10 busiest and "Others") for one metric, in the same
 * uPlot columnar shape as lib/chart/series.ts so the one chart component draws it. Pure, so it is what
 * the tests check. Values: successful deployments per bucket, failure rate in percent, and the median of
 * durations in hours; `null` where a bucket has no value (uPlot leaves a gap).
 */
import type { ChartData, ChartMetric, ChartSeriesSpec } from '@/lib/chart/series';
import type { BucketMetrics } from '@/lib/metrics/types';

export interface SplitSeriesLine {
  key: string;
  label: string;
  series: readonly BucketMetrics[];
}

/**
 * Eleven colours that stay apart in both themes and for common colour-vision deficiencies (Okabe-Ito
 * based), the last — grey — reserved for "Others".
 */
export const SPLIT_COLORS_LIGHT = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#8c564b', '#7b3fb0', '#b8a000', '#1b4f72'];
export const SPLIT_COLORS_DARK = ['#56b4e9', '#ff8c42', '#3fd7a5', '#f0a6ca', '#f5c242', '#9ad0f5', '#d9a38f', '#c39bf0', '#f0e442', '#7fb3d5'];
export const OTHERS_COLOR = { light: '#8a8f98', dark: '#9aa3ad' };

const HOUR = 3_600_000;
const fixed = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));

function value(metric: ChartMetric, b: BucketMetrics): number | null {
  switch (metric) {
    case 'frequency':
      return b.frequency.successful;
    case 'failureRate':
      return b.failureRate.rate === null ? null : b.failureRate.rate * 100;
    default: {
      const median = b[metric].median;
      return median === null ? null : median / HOUR;
    }
  }
}

const SCALE: Record<ChartMetric, ChartSeriesSpec['scale']> = {
  frequency: 'count',
  failureRate: 'percent',
  leadTime: 'hours',
  recovery: 'hours',
  duration: 'hours',
  queueTime: 'hours',
};

export const SPLIT_VALUE_LABEL: Record<ChartMetric, string> = {
  frequency: 'successful deployments',
  failureRate: 'failure rate (%)',
  leadTime: 'median lead time (hours)',
  recovery: 'median time to recovery (hours)',
  duration: 'median duration (hours)',
  queueTime: 'median queue time (hours)',
};

/**
 * @example
 * splitChartData('frequency', [{ key: 'Projects-1', label: 'Web', series }], false)
 * //=> { data: [[x…], [3, 5, …]], series: [{ label: 'Web', kind: 'line', scale: 'count', color: '#0072b2' }], table: … }
 */
export function splitChartData(metric: ChartMetric, lines: readonly SplitSeriesLine[], dark: boolean, othersKey = 'others'): ChartData {
  const buckets = lines[0]?.series ?? [];
  const x = buckets.map((b) => Math.round(b.start / 1000));
  const colors = dark ? SPLIT_COLORS_DARK : SPLIT_COLORS_LIGHT;
  const columns = lines.map((line) => line.series.map((b) => value(metric, b)));
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
      rows: buckets.map((b, i) => [b.label, ...columns.map((c) => fixed(c[i], digits))]),
    },
  };
}
