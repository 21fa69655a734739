/**
 * The one place DORA Lens names its metrics and says how each is calculated. The names are Octopus's own
 * (docs/octopus-api.md §1.3), so a user moving between Octopus's Insights and DORA Lens reads the same words;
 * every card, chart, list and menu takes its title from here. Deployment rework rate, which Octopus does not
 * have, takes DORA's name. Each metric's help also gives DORA's current name for it and how DORA Lens's
 * measure differs from DORA's (dora.dev/guides/dora-metrics, updated 2026-01-05).
 *
 * Per-deployment values (a table's or the CSV's "Lead time" and "Time to recovery" columns) keep the shorter
 * names Octopus gives its CSV columns: they are one deployment's value, not the metric.
 */
import type { DeliveryMetric, DoraMetric } from '@/lib/metrics/types';

/** The metrics a view shows: DORA's five software delivery metrics, then deployment duration and queue time. */
export type MetricId = DeliveryMetric | 'duration' | 'queueTime';

/** The four with DORA performance tiers. */
export const DORA_METRICS: readonly DoraMetric[] = ['frequency', 'leadTime', 'failureRate', 'recovery'];
/** DORA's five: the four, then deployment rework rate (no tiers). */
export const DELIVERY_METRICS: readonly DeliveryMetric[] = [...DORA_METRICS, 'reworkRate'];

export const METRIC_NAMES: Record<MetricId, string> = {
  frequency: 'Deployment frequency',
  leadTime: 'Deployment lead time',
  failureRate: 'Deployment failure rate',
  recovery: 'Mean time to recovery',
  reworkRate: 'Deployment rework rate',
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
  reworkRate:
    'Unplanned deployments ÷ successful + failed. A deployment is unplanned when it redeploys or rolls back to a release already delivered to its stream, when it is made after a failed deployment up to and including the recovery, or when its release is in a channel you mark as a hotfix channel. Canceled and timed-out deployments are left out.',
  duration: 'Start to completion of successful deployments, including manual intervention time.',
  queueTime: 'From queued (or the scheduled time) to start, for deployments that started in the period.',
};

/** DORA's current name for each of its five metrics (dora.dev/guides/dora-metrics). */
export const DORA_NAMES: Record<DeliveryMetric, string> = {
  frequency: 'deployment frequency',
  leadTime: 'change lead time',
  failureRate: 'change fail rate',
  recovery: 'failed deployment recovery time',
  reworkRate: 'deployment rework rate',
};

/** How DORA Lens's measure differs from DORA's definition of the same metric. */
export const DORA_DIFFERENCES: Record<DeliveryMetric, string> = {
  frequency: 'DORA counts deployments to production; here it is successful deployments to the environment you pick (by default the last of the channel’s lifecycle).',
  leadTime:
    'DORA measures from a change’s commit to version control; Octopus knows no commits, so this is release-based: from the creation of the earliest release not yet deployed — time spent before a release is created (coding, review, build) is not in it.',
  failureRate:
    'DORA counts deployments that needed immediate intervention (a rollback or hotfix) after causing trouble in production; this is deployment-based: deployments that failed, needed guided failure or whose release was blocked — a deployment that succeeded and then caused an incident is not seen.',
  recovery:
    'DORA measures recovery from a failed deployment that needed intervention; this is deployment-based: from the first failed deployment of a run to the next successful one in the same stream, never from an incident.',
  reworkRate:
    'DORA counts deployments that are unplanned and made because of an incident in production; DORA Lens sees no incidents, so it reads “unplanned” from what Octopus records: redeploys and rollbacks, deployments during a failure run, and hotfix channels.',
};

/** Why a card has no DORA tier, where DORA publishes no bands. */
export const NO_TIER_NOTE: Partial<Record<MetricId, string>> = {
  reworkRate:
    'No DORA tier: DORA publishes no performance bands for rework rate (its 2024 clusters are defined on the other four metrics, and the 2025 research replaced clusters with team profiles). For context, DORA’s 2025 Quick Check benchmark: across all industries about 26% of deployments were unplanned (a score of 7.4 out of 10, standard deviation 2.4).',
};
