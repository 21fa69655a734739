/**
 * Metric series → uPlot's columnar data. Pure, so it is what the chart tests check (the canvas is not).
 * uPlot wants x in unix seconds, ascending, and `null` for gaps; everything else here stays in ms until
 * this point.
 */
import type { BucketMetrics } from '@/lib/metrics/types';

export type ChartMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery' | 'duration' | 'queueTime';

export interface ChartSeriesSpec {
  label: string;
  /** How the series is drawn. */
  kind: 'bars' | 'line';
  /** Which y scale: counts, durations (hours) or percent. */
  scale: 'count' | 'hours' | 'percent';
  color: string;
  dash?: number[];
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

/** Builds the chart for one metric. Durations are plotted in hours; the failure rate in percent. */
export function chartData(metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette = LIGHT_PALETTE): ChartData {
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
  axis: string;
  grid: string;
}
export const LIGHT_PALETTE: Palette = { primary: '#1a5fb4', secondary: '#9141ac', bad: '#c01c28', axis: '#3d3846', grid: '#deddda' };
export const DARK_PALETTE: Palette = { primary: '#78aeed', secondary: '#dc8add', bad: '#f66151', axis: '#deddda', grid: '#3d3846' };
