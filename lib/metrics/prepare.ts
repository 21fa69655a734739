import { type Classification, classifyDeployments } from './classify-deployments';
import { DAY_MS, Flag, Has, Outcome } from './constants';
import type { History } from './facts';
import { type DeploymentOrder, orderDeployments } from './order-deployments';
import { type ReleaseOrder, orderReleases } from './order-releases';
import { type SortScratch, sortByKey, sortScratch } from './sort-by-key';
import type { PrepareOptions } from './types';
import { type StreamFacts, walkStreams } from './walk-streams';

/** The per-deployment values that have distributions. */
export type ValueMetric = 'leadTime' | 'sincePrevious' | 'recovery' | 'deploymentsUntilRecovery' | 'duration' | 'queueTime';

/** One metric's values in ascending order, with the deployment each came from. */
export interface SortedValues {
  rows: Uint32Array;
  values: Float64Array;
}

export interface ResolvedPrepareOptions {
  blockedIsFailure: boolean;
  implausibleMs: { leadTime: number; recovery: number; duration: number; queueTime: number };
}

/**
 * Everything about a history that does not depend on the query, computed once and reused across filter
 * changes. Treat it as read-only.
 */
export interface PreparedHistory extends Classification, DeploymentOrder, StreamFacts {
  history: History;
  options: ResolvedPrepareOptions;
  releaseOrder: ReleaseOrder;
  /** {@link Flag} bits per deployment. */
  flags: Uint8Array;
  /** {@link Has} bits per deployment: which values exist. */
  has: Uint8Array;
  /** Each value metric's values in ascending order (ties by completion order). */
  sorted: Record<ValueMetric, SortedValues>;
}

/** Writes `metric`'s value (or NaN) of every candidate row into `out[row]`; one loop per metric, no per-row dispatch. */
function fillValues(p: PreparedHistory, metric: ValueMetric, candidates: Uint32Array, out: Float64Array): void {
  const d = p.history.deployments;
  const { completed, started, queued } = d;
  const { outcome, previousSuccess } = p;
  const m = candidates.length;
  switch (metric) {
    case 'leadTime':
      for (let j = 0; j < m; j++) out[candidates[j]] = p.leadTimeMs[candidates[j]];
      return;
    case 'recovery':
      for (let j = 0; j < m; j++) out[candidates[j]] = p.recoveryMs[candidates[j]];
      return;
    case 'deploymentsUntilRecovery':
      for (let j = 0; j < m; j++) {
        const i = candidates[j];
        out[i] = p.deploymentsUntilRecovery[i] > 0 ? p.deploymentsUntilRecovery[i] : Number.NaN;
      }
      return;
    case 'sincePrevious':
      for (let j = 0; j < m; j++) {
        const i = candidates[j];
        const prev = previousSuccess[i];
        out[i] = outcome[i] === Outcome.Success && prev >= 0 ? completed[i] - completed[prev] : Number.NaN;
      }
      return;
    case 'duration':
      for (let j = 0; j < m; j++) {
        const i = candidates[j];
        out[i] = outcome[i] === Outcome.Success ? completed[i] - started[i] : Number.NaN;
      }
      return;
    case 'queueTime':
      for (let j = 0; j < m; j++) {
        const i = candidates[j];
        out[i] = started[i] - queued[i];
      }
      return;
  }
}

function sortValues(
  p: PreparedHistory,
  metric: ValueMetric,
  candidates: Uint32Array,
  exact: Float64Array,
  keys: Float64Array,
  scratch: SortScratch,
): SortedValues {
  fillValues(p, metric, candidates, exact);
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  for (let j = 0; j < candidates.length; j++) {
    const v = exact[candidates[j]];
    if (!Number.isNaN(v)) {
      count++;
      if (v < min) min = v;
    }
  }
  const rows = new Uint32Array(count);
  let k = 0;
  for (let j = 0; j < candidates.length; j++) {
    const i = candidates[j];
    const v = exact[i];
    if (!Number.isNaN(v)) {
      rows[k++] = i;
      keys[i] = Math.floor(v - min);
    }
  }
  const sortedRows = sortByKey(rows, keys, 0, scratch);
  const values = new Float64Array(count);
  for (let j = 0; j < count; j++) values[j] = exact[sortedRows[j]];
  // Keys are whole milliseconds: values differing by less than 1 ms may be out of order; repair locally.
  for (let j = 1; j < count; j++) {
    if (values[j] < values[j - 1]) {
      const v = values[j];
      const r = sortedRows[j];
      let m = j - 1;
      while (m >= 0 && values[m] > v) {
        values[m + 1] = values[m];
        sortedRows[m + 1] = sortedRows[m];
        m--;
      }
      values[m + 1] = v;
      sortedRows[m + 1] = r;
    }
  }
  return { rows: sortedRows, values };
}

/**
 * Builds the query-independent part of the metrics for a history: classification (success / failure /
 * excluded), the stream order (one sort by stream and completion via index permutations), the stream walk
 * (lead time, previous success, recovery per deployment), data-quality flags, and each value metric sorted
 * once so every later query reads percentiles in linear time. Pure: `history` is not modified; no clock.
 *
 * Cost: a handful of radix passes over typed arrays, O(n). Reuse the result for every filter, window and
 * granularity; call again when the history or `options` change.
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
  const n = d.length;
  const classification = classifyDeployments(d, history.releases, resolved.blockedIsFailure);
  const order = orderDeployments(d);
  const releaseOrder = orderReleases(history.releases);
  const facts = walkStreams(history, classification, order, releaseOrder);

  const flags = new Uint8Array(n);
  const has = new Uint8Array(n);
  const limit = resolved.implausibleMs;
  for (let i = 0; i < n; i++) {
    let f = 0;
    let h = 0;
    const lead = facts.leadTimeMs[i];
    if (!Number.isNaN(lead)) {
      h |= Has.LeadTime;
      if (lead < 0) f |= Flag.LeadTimeNegative;
      else if (lead > limit.leadTime) f |= Flag.LeadTimeLong;
    }
    const recovery = facts.recoveryMs[i];
    if (!Number.isNaN(recovery)) {
      h |= Has.Recovery;
      if (recovery > limit.recovery) f |= Flag.RecoveryLong;
    }
    const success = classification.outcome[i] === Outcome.Success;
    if (success && facts.previousSuccess[i] >= 0) h |= Has.SincePrevious;
    const duration = d.completed[i] - d.started[i];
    if (!Number.isNaN(duration)) {
      if (success) h |= Has.Duration;
      if (duration < 0) f |= Flag.DurationNegative;
      else if (duration > limit.duration) f |= Flag.DurationLong;
    }
    const queue = d.started[i] - d.queued[i];
    if (!Number.isNaN(queue)) {
      h |= Has.QueueTime;
      if (queue < 0) f |= Flag.QueueTimeNegative;
      else if (queue > limit.queueTime) f |= Flag.QueueTimeLong;
    }
    flags[i] = f;
    has[i] = h;
  }

  const prepared: PreparedHistory = {
    history,
    options: resolved,
    ...classification,
    ...order,
    ...facts,
    releaseOrder,
    flags,
    has,
    sorted: undefined as unknown as Record<ValueMetric, SortedValues>,
  };
  const exact = new Float64Array(n);
  const keys = new Float64Array(n);
  const scratch = sortScratch(n);
  const finished = order.byCompleted;
  prepared.sorted = {
    leadTime: sortValues(prepared, 'leadTime', finished, exact, keys, scratch),
    sincePrevious: sortValues(prepared, 'sincePrevious', finished, exact, keys, scratch),
    recovery: sortValues(prepared, 'recovery', finished, exact, keys, scratch),
    deploymentsUntilRecovery: sortValues(prepared, 'deploymentsUntilRecovery', finished, exact, keys, scratch),
    duration: sortValues(prepared, 'duration', finished, exact, keys, scratch),
    queueTime: sortValues(prepared, 'queueTime', order.byStarted, exact, keys, scratch),
  };
  return prepared;
}
