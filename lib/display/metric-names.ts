/**
 * The one place DORA Lens names its metrics and says how each is calculated. The names are Octopus's own
 * (docs/octopus-api.md §1.3), so a user moving between Octopus's Insights and DORA Lens reads the same words;
 * every card, chart, list and menu takes its title from here.
 *
 * Per-deployment values (a table's or the CSV's "Lead time" and "Time to recovery" columns) keep the shorter
 * names Octopus gives its CSV columns: they are one deployment's value, not the metric.
 */
import type { DoraMetric } from '@/lib/metrics/types';

/** The metrics a view shows: the four DORA metrics, then deployment duration and queue time. */
export type MetricId = DoraMetric | 'duration' | 'queueTime';

export const DORA_METRICS: readonly DoraMetric[] = ['frequency', 'leadTime', 'failureRate', 'recovery'];

export const METRIC_NAMES: Record<MetricId, string> = {
  frequency: 'Deployment frequency',
  leadTime: 'Deployment lead time',
  failureRate: 'Deployment failure rate',
  recovery: 'Mean time to recovery',
  duration: 'Deployment duration',
  queueTime: 'Queue time',
};

/** How each metric is calculated, in Octopus's definitions (DESIGN.md decision 4 where Octopus leaves a case open). */
export const METRIC_DEFINITIONS: Record<MetricId, string> = {
  frequency: 'Successful deployments completed in the period (task Success with no guided failure).',
  leadTime: 'From the creation of the earliest release not yet deployed to an environment to the successful deployment’s completion.',
  failureRate:
    'Failed deployments (task Failed, Success with a guided failure, or — an option, on by default — Success of a release blocked by prevent progression) ÷ successful + failed. Canceled and timed-out deployments are left out.',
  recovery: 'From the first failure of a run to the completion of the next successful deployment in the same stream (project, channel, environment, tenant).',
  duration: 'Start to completion of successful deployments, including manual intervention time.',
  queueTime: 'From queued (or the scheduled time) to start, for deployments that started in the period.',
};
