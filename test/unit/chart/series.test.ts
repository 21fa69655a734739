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

describe('rework and goals in the charts', () => {
  const withRework = (b: BucketMetrics, days: number, rework: number, total: number): BucketMetrics =>
    ({ ...b, days, beyondOctopus: { reworkRate: { rework, total, rate: total ? rework / total : null, wilson95: null, reasons: { redeploy: rework, rollback: 0, failureRun: 0, hotfix: 0 } } } }) as BucketMetrics;
  const reworked = [withRework(buckets[0], 7, 1, 4), withRework(buckets[1], 3.5, 0, 0)];

  it('plots the rework rate in percent over the unplanned deployments', () => {
    const chart = chartData('reworkRate', reworked);
    expect(chart.data.slice(1)).toEqual([[1, 0], [25, null]]);
    expect(chart.table.rows).toEqual([
      ['2026-01-04', '1', '4', '25.0'],
      ['2026-01-11', '0', '0', '–'],
    ]);
  });

  it('draws a goal as a dashed line on the value’s scale, in the table too', () => {
    const rate = chartData('reworkRate', reworked, undefined, 0.05);
    expect(rate.data[3]).toEqual([5, 5]);
    expect(rate.series[2]).toMatchObject({ label: 'Goal (%)', scale: 'percent', kind: 'line', goal: true });
    expect(rate.table.head.at(-1)).toBe('Goal (%)');
    // Durations stay in ms, on the median's scale and axis; the table writes the goal as the cards do.
    const lead = chartData('leadTime', reworked, undefined, 86_400_000);
    expect(lead.data.at(-1)).toEqual([86_400_000, 86_400_000]);
    expect(lead.series.at(-1)).toMatchObject({ scale: 'duration', value: 'duration', goal: true });
    expect(lead.table.head.at(-1)).toBe('Goal');
    expect(lead.table.rows.map((row) => row.at(-1))).toEqual(['1d', '1d']);
  });

  it('a frequency goal per day becomes a count per bucket: the target times the bucket’s days (a cut bucket is shorter)', () => {
    const chart = chartData('frequency', reworked, undefined, 1);
    // ≥ 1 a day: 7 in a whole week, 3.5 in a week cut to half by the window.
    expect(chart.data.at(-1)).toEqual([7, 3.5]);
    expect(chart.series.at(-1)).toMatchObject({ scale: 'count', label: 'Goal (deployments)' });
  });
});
