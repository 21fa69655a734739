/**
 * Metric series → uPlot's columnar data, with what each axis shows. Pure, so it is what the chart tests
 * check (the canvas is not). uPlot wants x in unix seconds, ascending, and `null` for gaps; durations stay
 * in milliseconds (their axis is labelled in the unit that fits, lib/chart/units.ts).
 */
import { formatDurationShort } from '@/lib/display/format';
import type { BucketMetrics } from '@/lib/metrics/types';
import { type DurationUnit, durationUnit, spansMagnitudes } from './units';

export type ChartMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery' | 'reworkRate' | 'duration' | 'queueTime';

/** What a series' values are: counts, durations (ms) or percent. */
export type ValueKind = 'count' | 'duration' | 'percent';

export interface ChartSeriesSpec {
  label: string;
  /** How the series is drawn. */
  kind: 'bars' | 'line';
  /** uPlot's scale key: series on one scale share an axis. */
  scale: string;
  value: ValueKind;
  color: string;
  dash?: number[];
  /** Drawn thin and grey until hovered (a split chart's lines beyond the highlighted few). */
  quiet?: boolean;
  /** The goal's target line: drawn without points, over the data. */
  goal?: boolean;
}

export interface ChartAxisSpec {
  scale: string;
  value: ValueKind;
  /** Durations: the unit the ticks are written in. */
  unit?: DurationUnit;
  /** Named when two axes of one kind sit side by side ("Median" left, "95th percentile" right). */
  label?: string;
  /** The colour of the series it belongs to, when it belongs to one. */
  color?: string;
}

export interface ChartData {
  /** uPlot.AlignedData: x (seconds) then one array per series. */
  data: (number | null)[][];
  series: ChartSeriesSpec[];
  /** One per scale: the first on the left, the second on the right. */
  axes: ChartAxisSpec[];
  /** Durations that span orders of magnitude: the chart offers a log scale. */
  logUseful?: boolean;
  /** For the accessible table alternative: one row per bucket. */
  table: { head: string[]; rows: string[][] };
}

const fixed = (v: number | null, digits = 1): string => (v === null ? '–' : v.toFixed(digits));

/** The highest value of some columns (0 when none). */
export function columnsMax(columns: readonly (readonly (number | null)[])[]): number {
  let max = 0;
  for (const c of columns) for (const v of c) if (v !== null && v > max) max = v;
  return max;
}

/** A duration axis for a scale, in the unit that fits its values. */
export const durationAxis = (scale: string, columns: readonly (readonly (number | null)[])[], label?: string, color?: string): ChartAxisSpec => ({
  scale,
  value: 'duration',
  unit: durationUnit(columnsMax(columns)),
  label,
  color,
});

/**
 * Builds the chart for one metric (see `metricChart`). With a `goal` (the metric's target in its own unit:
 * deployments per day, ms, a fraction), a dashed line at the target on the value's scale — the median's for
 * durations — and a "Goal" column in the table; for deployment frequency, whose bars count a bucket's
 * deployments, the line is the target times the bucket's days.
 */
export function chartData(metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette = LIGHT_PALETTE, goal?: number): ChartData {
  const chart = metricChart(metric, buckets, palette);
  return goal === undefined ? chart : withGoal(chart, metric, buckets, palette, goal);
}

function withGoal(chart: ChartData, metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette, goal: number): ChartData {
  const kind: ValueKind = metric === 'frequency' ? 'count' : metric === 'failureRate' || metric === 'reworkRate' ? 'percent' : 'duration';
  const values = buckets.map((b) => (kind === 'count' ? goal * b.days : kind === 'percent' ? goal * 100 : goal));
  const label = kind === 'percent' ? 'Goal (%)' : kind === 'count' ? 'Goal (deployments)' : 'Goal';
  const cell = (v: number) => (kind === 'duration' ? formatDurationShort(v) : fixed(v, 2));
  return {
    ...chart,
    data: [...chart.data, values],
    series: [...chart.series, { label, kind: 'line', scale: kind === 'duration' ? 'duration' : kind, value: kind, color: palette.goal, dash: [3, 3], goal: true }],
    table: { head: [...chart.table.head, label], rows: chart.table.rows.map((row, i) => [...row, cell(values[i])]) },
  };
}

/**
 * One metric's chart. Durations: the median (the cards' headline) on its own scale and axis on the left, the
 * 95th percentile on another on the right, so a median of hours is not flattened by a p95 of weeks. The
 * failure and rework rates in percent beside their counts.
 */
function metricChart(metric: ChartMetric, buckets: readonly BucketMetrics[], palette: Palette): ChartData {
  const x = buckets.map((b) => Math.round(b.start / 1000));
  const label = buckets.map((b) => b.label);
  switch (metric) {
    case 'frequency': {
      const ok = buckets.map((b) => b.frequency.successful);
      return {
        data: [x, ok],
        series: [{ label: 'Successful deployments', kind: 'bars', scale: 'count', value: 'count', color: palette.primary }],
        axes: [{ scale: 'count', value: 'count' }],
        table: { head: ['Period', 'Successful deployments'], rows: buckets.map((_, i) => [label[i], String(ok[i])]) },
      };
    }
    case 'failureRate': {
      const rate = buckets.map((b) => (b.failureRate.rate === null ? null : b.failureRate.rate * 100));
      const failed = buckets.map((b) => b.failureRate.failed);
      return {
        data: [x, failed, rate],
        series: [
          { label: 'Failed deployments', kind: 'bars', scale: 'count', value: 'count', color: palette.bad },
          { label: 'Failure rate', kind: 'line', scale: 'percent', value: 'percent', color: palette.primary },
        ],
        axes: [
          { scale: 'count', value: 'count' },
          { scale: 'percent', value: 'percent' },
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
      return {
        data: [x, stats.map((r) => r.rework), rate],
        series: [
          { label: 'Unplanned deployments', kind: 'bars', scale: 'count', value: 'count', color: palette.secondary },
          { label: 'Rework rate', kind: 'line', scale: 'percent', value: 'percent', color: palette.primary },
        ],
        axes: [
          { scale: 'count', value: 'count' },
          { scale: 'percent', value: 'percent' },
        ],
        table: {
          head: ['Period', 'Unplanned', 'Total', 'Rework rate (%)'],
          rows: stats.map((r, i) => [label[i], String(r.rework), String(r.total), fixed(rate[i])]),
        },
      };
    }
    default: {
      const stats = (b: BucketMetrics) => b[metric];
      const median = buckets.map((b) => stats(b).median);
      const p95 = buckets.map((b) => stats(b).p95);
      const count = buckets.map((b) => stats(b).count);
      return {
        data: [x, median, p95],
        series: [
          { label: 'Median', kind: 'line', scale: 'duration', value: 'duration', color: palette.primary },
          { label: '95th percentile', kind: 'line', scale: 'duration-p95', value: 'duration', color: palette.secondary, dash: [6, 4] },
        ],
        axes: [durationAxis('duration', [median], 'Median', palette.primary), durationAxis('duration-p95', [p95], '95th percentile', palette.secondary)],
        logUseful: spansMagnitudes([median, p95]),
        table: {
          head: ['Period', 'Median', '95th percentile', 'Deployments'],
          rows: buckets.map((_, i) => [label[i], formatDurationShort(median[i]), formatDurationShort(p95[i]), String(count[i])]),
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
  /** Lines kept quiet until hovered, and marks. */
  quiet: string;
  /** Date marks and target lines. */
  mark: string;
  /** A goal's target line. */
  goal: string;
}
export const LIGHT_PALETTE: Palette = { primary: '#1a5fb4', secondary: '#9141ac', bad: '#c01c28', axis: '#3d3846', grid: '#deddda', quiet: '#b7bcc4', mark: '#a15c00', goal: '#26a269' };
export const DARK_PALETTE: Palette = { primary: '#78aeed', secondary: '#dc8add', bad: '#f66151', axis: '#deddda', grid: '#3d3846', quiet: '#5b6472', mark: '#f5c242', goal: '#8ff0a4' };
