/**
 * DORA's five charts of a view (the panel, or a report without a split), in the cards' order and under the
 * metrics' names: one per metric, from the same buckets, each with its goal's line when one is set.
 */
import type { GoalTargets } from '@/lib/goals/goal-targets';
import { DELIVERY_METRICS, METRIC_NAMES } from '@/lib/display/metric-names';
import type { BucketMetrics, DeliveryMetric } from '@/lib/metrics/types';
import { type ChartData, chartData, type Palette } from './series';

export interface MetricChart {
  id: DeliveryMetric;
  title: string;
  chart: ChartData;
}

/**
 * @example
 * metricCharts(insights.series, LIGHT_PALETTE, { failureRate: 0.1 }).map((c) => c.title)
 * //=> ['Deployment frequency', 'Deployment lead time', 'Deployment failure rate', 'Mean time to recovery', 'Deployment rework rate']
 */
export function metricCharts(buckets: readonly BucketMetrics[], palette: Palette, targets: GoalTargets = {}): MetricChart[] {
  return DELIVERY_METRICS.map((id) => ({ id, title: METRIC_NAMES[id], chart: chartData(id, buckets, palette, targets[id]) }));
}
