/**
 * Metric series → uPlot's columnar data. Pure, so it is what the chart tests check (the canvas is not).
 * uPlot wants x in unix seconds, ascending, and `null` for gaps; everything else here stays in ms until
 * this point.
 */
import type { BucketMetrics } from '@/lib/metrics/types';

export type ChartMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery' | 'reworkRate' | 'duration' | 'queueTime';

export interface ChartSeriesSpec {
  label: string;
  /** How the series is drawn. */
  kind: 'bars' | 'line';
  /** Which y scale: counts, durations (hours) or percent. */
  scale: 'count' | 'hours' | 'percent';
  color: string;
  dash?: number[];
  /** The goal's target line: drawn without points, over the data. */
  goal?: boolean;
}

export interface ChartData {
  /** uPlot.AlignedData: x (seconds) then one array per series. */
  data: (number | null)[][];
  series: ChartSeriesSpec[];
  /** For the accessible table alternative: one row per bucket. */
  table: { head: string[]; rows: string[][] };
}

const HOUR = 3600_000;
const hours = (ms: number | null): number | null => (ms === null ? null : ms / HOUR);
const fixed = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));

/**
 * Builds the chart for one metric. Durations are plotted in hours; the failure and rework rates in percent.
 * With a `goal` (the metric's target in its own unit: deployments per day, ms, a fraction), a dashed
 * horizontal line at the target on the value's scale, and a "Goal" column in the table; for deployment
 * frequency, whose bars count a bucket's deployments, the line is the target times the bucket's days.
 */
export function chartData(metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette = LIGHT_PALETTE, goal?: number): ChartData {
  const chart = metricChart(metric, buckets, palette);
  return goal === undefined ? chart : withGoal(chart, metric, buckets, palette, goal);
}

/** The target as the chart plots it, per bucket. */
function goalValues(metric: ChartMetric, buckets: readonly BucketMetrics[], goal: number): number[] {
  if (metric === 'frequency') return buckets.map((b) => goal * b.days);
  if (metric === 'failureRate' || metric === 'reworkRate') return buckets.map(() => goal * 100);
  return buckets.map(() => goal / HOUR);
}

function withGoal(chart: ChartData, metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette, goal: number): ChartData {
  const values = goalValues(metric, buckets, goal);
  const scale = metric === 'frequency' ? 'count' : metric === 'failureRate' || metric === 'reworkRate' ? 'percent' : 'hours';
  const unit = scale === 'percent' ? ' (%)' : scale === 'hours' ? ' (hours)' : ' (deployments)';
  const label = `Goal${unit}`;
  return {
    data: [...chart.data, values],
    series: [...chart.series, { label, kind: 'line', scale, color: palette.goal, dash: [3, 3], goal: true }],
    table: { head: [...chart.table.head, label], rows: chart.table.rows.map((row, i) => [...row, fixed(values[i], 2)]) },
  };
}

function metricChart(metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette): ChartData {
  const x = buckets.map((b) => Math.round(b.start / 1000));
  const label = buckets.map((b) => b.label);
  switch (metric) {
    case 'frequency': {
      const ok = buckets.map((b) => b.frequency.successful);
      return {
        data: [x, ok],
        series: [{ label: 'Successful deployments', kind: 'bars', scale: 'count', color: palette.primary }],
        table: { head: ['Period', 'Successful deployments'], rows: buckets.map((_, i) => [label[i], String(ok[i])]) },
      };
    }
    case 'failureRate': {
      const rate = buckets.map((b) => (b.failureRate.rate === null ? null : b.failureRate.rate * 100));
      const failed = buckets.map((b) => b.failureRate.failed);
      return {
        data: [x, failed, rate],
        series: [
          { label: 'Failed deployments', kind: 'bars', scale: 'count', color: palette.bad },
          { label: 'Failure rate (%)', kind: 'line', scale: 'percent', color: palette.primary },
        ],
        table: {
          head: ['Period', 'Failed', 'Total', 'Failure rate (%)'],
          rows: buckets.map((b, i) => [label[i], String(b.failureRate.failed), String(b.failureRate.total), fixed(rate[i])]),
        },
      };
    }
    case 'reworkRate': {
      const stats = buckets.map((b) => b.beyondOctopus.reworkRate);
      const rate = stats.map((r) => (r.rate === null ? null : r.rate * 100));
      const rework = stats.map((r) => r.rework);
      return {
        data: [x, rework, rate],
        series: [
          { label: 'Unplanned deployments', kind: 'bars', scale: 'count', color: palette.secondary },
          { label: 'Rework rate (%)', kind: 'line', scale: 'percent', color: palette.primary },
        ],
        table: {
          head: ['Period', 'Unplanned', 'Total', 'Rework rate (%)'],
          rows: stats.map((r, i) => [label[i], String(r.rework), String(r.total), fixed(rate[i])]),
        },
      };
    }
    default: {
      const stats = (b: BucketMetrics) => b[metric];
      const median = buckets.map((b) => hours(stats(b).median));
      const p95 = buckets.map((b) => hours(stats(b).p95));
      const count = buckets.map((b) => stats(b).count);
      return {
        data: [x, median, p95],
        series: [
          { label: 'Median (hours)', kind: 'line', scale: 'hours', color: palette.primary },
          { label: '95th percentile (hours)', kind: 'line', scale: 'hours', color: palette.secondary, dash: [6, 4] },
        ],
        table: {
          head: ['Period', 'Median (hours)', '95th percentile (hours)', 'Deployments'],
          rows: buckets.map((_, i) => [label[i], fixed(median[i]), fixed(p95[i]), String(count[i])]),
        },
      };
    }
  }
}

export interface Palette {
  primary: string;
  secondary: string;
  bad: string;
  /** The goal's line. */
  goal: string;
  axis: string;
  grid: string;
}
export const LIGHT_PALETTE: Palette = { primary: '#1a5fb4', secondary: '#9141ac', bad: '#c01c28', goal: '#26a269', axis: '#3d3846', grid: '#deddda' };
export const DARK_PALETTE: Palette = { primary: '#78aeed', secondary: '#dc8add', bad: '#f66151', goal: '#8ff0a4', axis: '#deddda', grid: '#3d3846' };
