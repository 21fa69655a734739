/**
 * The four DORA charts of a view (the panel, or a report without a split), in the cards' order and under the
 * metrics' names: one per metric, from the same buckets.
 */
import { DORA_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import type { BucketMetrics, DoraMetric } from '@/lib/metrics/types';
import { type ChartData, chartData, type Palette } from './series';

export interface MetricChart {
  id: DoraMetric;
  title: string;
  chart: ChartData;
}

/**
 * @example
 * metricCharts(insights.series, LIGHT_PALETTE).map((c) => c.title)
 * //=> ['Deployment frequency', 'Deployment lead time', 'Deployment failure rate', 'Mean time to recovery']
 */
export function metricCharts(buckets: readonly BucketMetrics[], palette: Palette): MetricChart[] {
  return DORA_METRICS.map((id) => ({ id, title: METRIC_NAMES[id], chart: chartData(id, buckets, palette) }));
}
