import { DAY_MS, FailureKind, Has, Outcome } from './constants';
import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import { trendIndicator } from './trend-indicator';
import type { Insights, TrendMetric } from './types';
import { FLAG_MASK } from './window-pass';

/** Octopus's block length: 28 days. */
export const TREND_BLOCK_MS = 28 * DAY_MS;

/** Queue time belongs to the block of its start: sums and counts per block (0 = previous, 1 = current). */
function queueTimeBlocks(p: PreparedHistory, mask: Uint8Array, from: number, now: number, queueMask: number, sum: number[], count: number[]): void {
  const d = p.history.deployments;
  const middle = now - TREND_BLOCK_MS;
  const rows = p.byStarted;
  for (let j = lowerBound(rows, d.started, from), end = lowerBound(rows, d.started, now); j < end; j++) {
    const i = rows[j];
    if (mask[p.stream[i]] === 0) continue;
    if ((p.has[i] & Has.QueueTime) === 0 || (p.flags[i] & queueMask) !== 0) continue;
    const k = d.started[i] < middle ? 0 : 1;
    sum[k] += d.started[i] - d.queued[i];
    count[k]++;
  }
}

/**
 * Octopus's trend indicators: the last 28 days `[now - 28 d, now)` against the 28 days before
 * `[now - 56 d, now - 28 d)` (28 × 24 h from the current instant, whatever window or granularity is shown),
 * with {@link trendIndicator}'s rule. Values are block means: frequency = successful deployments per week
 * (successful / 4), lead time, time to recovery, duration by completion; queue time by start; failure rate
 * = failed / (successful + failed) with blocked releases' successes among the failed (option); rework rate
 * (ours, the same rule) = rework / (successful + failed), `hotfix` marking the hotfix channels' streams.
 * Deployments per block (for the "under 10" rule) = successful + failed, each deployment once.
 *
 * @example
 * octopusTrend(prepared, mask, now, false).indicators.frequency
 * //=> { direction: 'up', sentiment: 'good', current: 12.5, previous: 10, change: 0.25, … }
 */
export function octopusTrend(
  p: PreparedHistory,
  mask: Uint8Array,
  now: number,
  excludeFlagged: boolean,
  hotfix: Uint8Array | null = null,
): Insights['trend28'] {
  const d = p.history.deployments;
  const from = now - 2 * TREND_BLOCK_MS;
  const middle = now - TREND_BLOCK_MS;
  // index 0 = previous block, 1 = current block
  const successful = [0, 0];
  /** Failures in the failure rate (blocked releases' successes included with the option). */
  const failed = [0, 0];
  /** Rework deployments (hotfix channels' included). */
  const rework = [0, 0];
  /** Successful + failed by the task's own outcome: each deployment once. */
  const deployments = [0, 0];
  const sum: Record<Exclude<TrendMetric, 'frequency' | 'failureRate' | 'reworkRate'>, number[]> = {
    leadTime: [0, 0],
    recovery: [0, 0],
    duration: [0, 0],
    queueTime: [0, 0],
  };
  const count: typeof sum = { leadTime: [0, 0], recovery: [0, 0], duration: [0, 0], queueTime: [0, 0] };
  const leadMask = excludeFlagged ? FLAG_MASK.leadTime : 0;
  const recoveryMask = excludeFlagged ? FLAG_MASK.recovery : 0;
  const durationMask = excludeFlagged ? FLAG_MASK.duration : 0;
  const queueMask = excludeFlagged ? FLAG_MASK.queueTime : 0;

  const rows = p.byCompleted;
  for (let j = lowerBound(rows, d.completed, from), end = lowerBound(rows, d.completed, now); j < end; j++) {
    const i = rows[j];
    if (mask[p.stream[i]] === 0) continue;
    const o = p.outcome[i];
    if (o === Outcome.Excluded) continue;
    const k = d.completed[i] < middle ? 0 : 1;
    deployments[k]++;
    if (o === Outcome.Success) successful[k]++;
    if (p.failureKind[i] !== FailureKind.None) failed[k]++;
    if (p.rework[i] !== 0 || (hotfix !== null && hotfix[p.stream[i]] !== 0)) rework[k]++;
    const h = p.has[i];
    const f = p.flags[i];
    if ((h & Has.LeadTime) !== 0 && (f & leadMask) === 0) {
      sum.leadTime[k] += p.leadTimeMs[i];
      count.leadTime[k]++;
    }
    if ((h & Has.Recovery) !== 0 && (f & recoveryMask) === 0) {
      sum.recovery[k] += p.recoveryMs[i];
      count.recovery[k]++;
    }
    if ((h & Has.Duration) !== 0 && (f & durationMask) === 0) {
      sum.duration[k] += d.completed[i] - d.started[i];
      count.duration[k]++;
    }
  }
  queueTimeBlocks(p, mask, from, now, queueMask, sum.queueTime, count.queueTime);
  const mean = (m: keyof typeof sum, k: number) => (count[m][k] > 0 ? sum[m][k] / count[m][k] : null);
  const rate = (k: number) => (deployments[k] > 0 ? failed[k] / deployments[k] : null);
  const reworkRate = (k: number) => (deployments[k] > 0 ? rework[k] / deployments[k] : null);
  const indicator = (metric: TrendMetric, value: (k: number) => number | null) =>
    trendIndicator(metric, value(1), value(0), deployments[1], deployments[0]);
  return {
    from: middle,
    to: now,
    previousFrom: from,
    indicators: {
      frequency: indicator('frequency', (k) => successful[k] / 4),
      leadTime: indicator('leadTime', (k) => mean('leadTime', k)),
      failureRate: indicator('failureRate', rate),
      recovery: indicator('recovery', (k) => mean('recovery', k)),
      reworkRate: indicator('reworkRate', reworkRate),
      duration: indicator('duration', (k) => mean('duration', k)),
      queueTime: indicator('queueTime', (k) => mean('queueTime', k)),
    },
  };
}
