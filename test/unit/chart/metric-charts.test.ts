import { describe, expect, it } from 'vitest';
import { metricCharts } from '@/lib/chart/metric-charts';
import { chartData, DARK_PALETTE } from '@/lib/chart/series';
import type { BucketMetrics } from '@/lib/metrics/types';

describe('the four DORA charts', () => {
  it('come in the cards’ order, under Octopus’s names, each built from the same buckets', () => {
    const buckets: BucketMetrics[] = [];
    const charts = metricCharts(buckets, DARK_PALETTE);
    expect(charts.map((c) => [c.id, c.title])).toEqual([
      ['frequency', 'Deployment frequency'],
      ['leadTime', 'Deployment lead time'],
      ['failureRate', 'Deployment failure rate'],
      ['recovery', 'Mean time to recovery'],
    ]);
    for (const c of charts) expect(c.chart).toEqual(chartData(c.id, buckets, DARK_PALETTE));
  });
});
