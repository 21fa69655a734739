import { describe, expect, it } from 'vitest';
import { chartData } from '@/lib/chart/series';
import type { BucketMetrics, SampleStats } from '@/lib/metrics/types';

const stats = (median: number | null, p95: number | null, count: number): SampleStats => ({
  count,
  mean: median,
  median,
  p95,
  min: median,
  max: p95,
  beyondOctopus: { p25: null, p75: null, medianCi95: null },
});
const bucket = (start: number, successful: number, failed: number, leadMedianMs: number | null): BucketMetrics =>
  ({
    start,
    label: new Date(start).toISOString().slice(0, 10),
    partial: false,
    frequency: { successful, perDay: 0, perWeek: 0 },
    failureRate: { successful, failed, total: successful + failed, rate: successful + failed ? failed / (successful + failed) : null },
    leadTime: stats(leadMedianMs, leadMedianMs === null ? null : leadMedianMs * 2, leadMedianMs === null ? 0 : successful),
  }) as unknown as BucketMetrics;

const buckets = [bucket(Date.UTC(2026, 0, 4), 3, 1, 2 * 3600_000), bucket(Date.UTC(2026, 0, 11), 0, 0, null)];

describe('chart data', () => {
  it('puts x in unix seconds and frequency as bars', () => {
    const chart = chartData('frequency', buckets);
    expect(chart.data).toEqual([[Date.UTC(2026, 0, 4) / 1000, Date.UTC(2026, 0, 11) / 1000], [3, 0]]);
    expect(chart.series[0].kind).toBe('bars');
  });

  it('plots the failure rate in percent with failed counts, and a gap where nothing ran', () => {
    const chart = chartData('failureRate', buckets);
    // 1 failed of 4 = 25 %.
    expect(chart.data.slice(1)).toEqual([[1, 0], [25, null]]);
    expect(chart.table.rows[0]).toEqual(['2026-01-04', '1', '4', '25.0']);
  });

  it('plots durations in ms, median and p95 on their own scales and axes, each in the unit that fits, with gaps as null', () => {
    const chart = chartData('leadTime', buckets);
    expect(chart.data.slice(1)).toEqual([[2 * 3600_000, null], [4 * 3600_000, null]]);
    expect(chart.series.map((s) => [s.label, s.scale, s.value])).toEqual([
      ['Median', 'duration', 'duration'],
      ['95th percentile', 'duration-p95', 'duration'],
    ]);
    // 2 h and 4 h: both axes hold two hours, so both read in hours.
    expect(chart.axes.map((a) => [a.scale, a.unit?.name, a.label])).toEqual([
      ['duration', 'hours', 'Median'],
      ['duration-p95', 'hours', '95th percentile'],
    ]);
    expect(chart.table.rows).toEqual([
      ['2026-01-04', '2h', '4h', '3'],
      ['2026-01-11', '–', '–', '0'],
    ]);
  });

  it('reads a lead time of weeks in days, with its median in hours when that is what it is, and offers a log scale across magnitudes', () => {
    const long = [bucket(Date.UTC(2026, 0, 4), 3, 0, 3 * 3600_000), bucket(Date.UTC(2026, 0, 11), 3, 0, 300 * 3600_000)];
    const chart = chartData('leadTime', long);
    // Medians 3 h and 300 h (12.5 days): days; p95s twice that: days.
    expect(chart.axes.map((a) => a.unit?.name)).toEqual(['days', 'days']);
    expect(chart.logUseful).toBe(true);
    const short = chartData('leadTime', [bucket(Date.UTC(2026, 0, 4), 3, 0, 3600_000)]);
    expect(short.axes.map((a) => a.unit?.name)).toEqual(['minutes', 'hours']);
    expect(short.logUseful).toBe(false);
  });
});
