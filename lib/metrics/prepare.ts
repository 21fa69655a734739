import { type Classification, classifyDeployments } from './classify-deployments';
import { DAY_MS } from './constants';
import type { History } from './facts';
import { type DeploymentOrder, orderDeployments } from './order-deployments';
import { type ReleaseOrder, orderReleases } from './order-releases';
import type { PrepareOptions } from './types';
import { type ImplausibleLimits, type StreamFacts, walkStreams } from './walk-streams';

/** The per-deployment values that have distributions. */
export type ValueMetric = 'leadTime' | 'sincePrevious' | 'recovery' | 'deploymentsUntilRecovery' | 'duration' | 'queueTime';

export interface ResolvedPrepareOptions {
  blockedIsFailure: boolean;
  implausibleMs: ImplausibleLimits;
}

/**
 * Everything about a history that does not depend on the query, computed once and reused across filter
 * changes. Treat it as read-only.
 */
export interface PreparedHistory extends Classification, DeploymentOrder, StreamFacts {
  history: History;
  options: ResolvedPrepareOptions;
  releaseOrder: ReleaseOrder;
}

/**
 * Builds the query-independent part of the metrics for a history: classification (success / failure /
 * excluded, and what the failure rate counts), the completion and start orders and a stream number per
 * deployment (index permutations: rows never move), the stream walk (lead time, previous success, recovery
 * per deployment) and data-quality flags. Pure: `history` is not modified; no clock.
 *
 * Cost: O(n) with few passes — the deployments arrive by id, nearly in time order, so the orders cost a
 * few passes each, and the walk is one pass in completion order. Nothing is sorted per metric here: a query
 * sorts only the values of its own window. Reuse the result for every filter, window and granularity; call
 * again when the history or `options` change.
 *
 * @example
 * const prepared = prepare(history, { blockedIsFailure: true });
 * computeInsights(prepared, { now, range: { preset: 'lastQuarter' }, granularity: 'week', timeZone: 'Europe/London' });
 */
export function prepare(history: History, options: PrepareOptions = {}): PreparedHistory {
  const resolved: ResolvedPrepareOptions = {
    blockedIsFailure: options.blockedIsFailure ?? true,
    implausibleMs: {
      leadTime: options.implausibleMs?.leadTime ?? 365 * DAY_MS,
      recovery: options.implausibleMs?.recovery ?? 365 * DAY_MS,
      duration: options.implausibleMs?.duration ?? 7 * DAY_MS,
      queueTime: options.implausibleMs?.queueTime ?? 7 * DAY_MS,
    },
  };
  const d = history.deployments;
  const classification = classifyDeployments(d, history.releases, resolved.blockedIsFailure);
  const dims = history.dims;
  const order = orderDeployments(d, { channels: dims.channels.length, environments: dims.environments.length, tenants: dims.tenants.length });
  const releaseOrder = orderReleases(history.releases);
  const facts = walkStreams(history, classification, order, releaseOrder, resolved.implausibleMs);

  const prepared: PreparedHistory = {
    history,
    options: resolved,
    ...classification,
    ...order,
    ...facts,
    releaseOrder,
  };
  return prepared;
}
