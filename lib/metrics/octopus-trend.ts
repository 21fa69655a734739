import { DAY_MS, FailureKind, Has, Outcome } from './constants';
import { lowerBound } from './lower-bound';
import { coveredDays, type DurationMetric, type PeriodSample } from './metric-change';
import type { PreparedHistory } from './prepare';
import { trendIndicator } from './trend-indicator';
import type { Insights, TrendMetric } from './types';
import { FLAG_MASK } from './window-pass';

/** Octopus's block length: 28 days. */
export const TREND_BLOCK_MS = 28 * DAY_MS;

/**
 * Octopus's trend indicators: the last 28 days `[now - 28 d, now)` against the 28 days before
 * `[now - 56 d, now - 28 d)` (28 × 24 h from the current instant, whatever window or granularity is shown),
 * with {@link trendIndicator}'s rule. Values are block means: frequency = successful deployments per week
 * (successful / 4), lead time, time to recovery, duration by completion; queue time by start; failure rate
 * = failed / (successful + failed) with blocked releases' successes among the failed (option); rework rate
 * (ours, the same rule) = rework / (successful + failed), `hotfix` marking the hotfix channels' streams.
 * Deployments per block (for the "under 10" rule) = successful + failed, each deployment once.
 *
 * With the indicators come both blocks' counts and values (`samples`), from the same pass, for DORA Lens's
 * own reading of the same 28 days (./metric-change.ts): medians and a test for noise, like the comparison
 * with the previous period. `historyStart` (./history-start.ts) gives each block's days with history.
 *
 * @example
 * octopusTrend(prepared, mask, now, false, null).indicators.frequency
 * //=> { direction: 'up', sentiment: 'good', current: 12.5, previous: 10, change: 0.25, … }
 */
export function octopusTrend(
  p: PreparedHistory,
  mask: Uint8Array,
  now: number,
  excludeFlagged: boolean,
  historyStart: number | null,
  hotfix: Uint8Array | null = null,
): Insights['trend28'] & { samples: { before: PeriodSample; after: PeriodSample } } {
  const d = p.history.deployments;
  const from = now - 2 * TREND_BLOCK_MS;
  const middle = now - TREND_BLOCK_MS;
  // index 0 = previous block, 1 = current block
  const blocks: Blocks = {
    successful: [0, 0],
    failed: [0, 0],
    rework: [0, 0],
    deployments: [0, 0],
    values: { leadTime: [[], []], recovery: [[], []], duration: [[], []], queueTime: [[], []] },
  };
  const { values } = blocks;
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
    blocks.deployments[k]++;
    if (o === Outcome.Success) blocks.successful[k]++;
    if (p.failureKind[i] !== FailureKind.None) blocks.failed[k]++;
    if (p.rework[i] !== 0 || (hotfix !== null && hotfix[p.stream[i]] !== 0)) blocks.rework[k]++;
    const h = p.has[i];
    const f = p.flags[i];
    if ((h & Has.LeadTime) !== 0 && (f & leadMask) === 0) values.leadTime[k].push(p.leadTimeMs[i]);
    if ((h & Has.Recovery) !== 0 && (f & recoveryMask) === 0) values.recovery[k].push(p.recoveryMs[i]);
    if ((h & Has.Duration) !== 0 && (f & durationMask) === 0) values.duration[k].push(d.completed[i] - d.started[i]);
  }
  const srows = p.byStarted;
  for (let j = lowerBound(srows, d.started, from), end = lowerBound(srows, d.started, now); j < end; j++) {
    const i = srows[j];
    if (mask[p.stream[i]] === 0) continue;
    if ((p.has[i] & Has.QueueTime) === 0 || (p.flags[i] & queueMask) !== 0) continue;
    values.queueTime[d.started[i] < middle ? 0 : 1].push(d.started[i] - d.queued[i]);
  }
  return {
    samples: { before: sample(blocks, 0, from, middle, historyStart), after: sample(blocks, 1, middle, now, historyStart) },
    from: middle,
    to: now,
    previousFrom: from,
    indicators: indicators(blocks),
  };
}

/** Both blocks' counts and values (index 0: the earlier block). */
interface Blocks {
  successful: number[];
  /** Failures in the failure rate (blocked releases' successes included with the option). */
  failed: number[];
  /** Rework deployments (hotfix channels' included). */
  rework: number[];
  /** Successful + failed by the task's own outcome: each deployment once. */
  deployments: number[];
  values: Record<DurationMetric, number[][]>;
}

function indicators(b: Blocks): Insights['trend28']['indicators'] {
  const mean = (m: DurationMetric, k: number) => {
    const v = b.values[m][k];
    let sum = 0;
    for (const x of v) sum += x;
    return v.length > 0 ? sum / v.length : null;
  };
  const rate = (k: number) => (b.deployments[k] > 0 ? b.failed[k] / b.deployments[k] : null);
  const reworkRate = (k: number) => (b.deployments[k] > 0 ? b.rework[k] / b.deployments[k] : null);
  const indicator = (metric: TrendMetric, value: (k: number) => number | null) => trendIndicator(metric, value(1), value(0), b.deployments[1], b.deployments[0]);
  return {
    frequency: indicator('frequency', (k) => b.successful[k] / 4),
    leadTime: indicator('leadTime', (k) => mean('leadTime', k)),
    failureRate: indicator('failureRate', rate),
    recovery: indicator('recovery', (k) => mean('recovery', k)),
    reworkRate: indicator('reworkRate', reworkRate),
    duration: indicator('duration', (k) => mean('duration', k)),
    queueTime: indicator('queueTime', (k) => mean('queueTime', k)),
  };
}

function sample(b: Blocks, k: number, from: number, to: number, historyStart: number | null): PeriodSample {
  const sorted = (m: DurationMetric) => Float64Array.from(b.values[m][k]).sort();
  return {
    from,
    to,
    coveredDays: coveredDays(from, to, historyStart),
    successful: b.successful[k],
    failed: b.failed[k],
    rework: b.rework[k],
    total: b.deployments[k],
    values: { leadTime: sorted('leadTime'), recovery: sorted('recovery'), duration: sorted('duration'), queueTime: sorted('queueTime') },
  };
}
