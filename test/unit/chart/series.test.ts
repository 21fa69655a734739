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

  it('plots durations in hours, median and p95, with gaps as null', () => {
    const chart = chartData('leadTime', buckets);
    expect(chart.data.slice(1)).toEqual([[2, null], [4, null]]);
    expect(chart.table.rows[1]).toEqual(['2026-01-11', '–', '–', '0']);
  });
});
