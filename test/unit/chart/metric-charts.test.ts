import { describe, expect, it } from 'vitest';
import { metricCharts } from '@/lib/chart/metric-charts';
import { chartData, DARK_PALETTE } from '@/lib/chart/series';
import type { BucketMetrics } from '@/lib/metrics/types';

describe('DORA’s five charts', () => {
  it('come in the cards’ order, under Octopus’s names (DORA’s for rework), each built from the same buckets', () => {
    const buckets: BucketMetrics[] = [];
    const charts = metricCharts(buckets, DARK_PALETTE);
    expect(charts.map((c) => [c.id, c.title])).toEqual([
      ['frequency', 'Deployment frequency'],
      ['leadTime', 'Deployment lead time'],
      ['failureRate', 'Deployment failure rate'],
      ['recovery', 'Mean time to recovery'],
      ['reworkRate', 'Deployment rework rate'],
    ]);
    for (const c of charts) expect(c.chart).toEqual(chartData(c.id, buckets, DARK_PALETTE));
  });

  it('each carry its goal’s line when one is set, and only then', () => {
    const charts = metricCharts([], DARK_PALETTE, { failureRate: 0.1 });
    expect(charts.map((c) => c.chart.series.some((s) => s.goal))).toEqual([false, false, true, false, false]);
  });
});
