import { DAY_MS, FailureKind, Has, Outcome } from './constants';
import { lowerBound } from './lower-bound';
import { type SortScratch, sortScratch } from './sort-by-key';
import { sortValues } from './sort-values';
import { coveredDays, DURATION_METRICS, type DurationMetric, type PeriodSample } from './metric-change';
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
  scratch?: SortScratch,
): Insights['trend28'] & { samples: { before: PeriodSample; after: PeriodSample } } {
  const from = now - 2 * TREND_BLOCK_MS;
  const middle = now - TREND_BLOCK_MS;
  const blocks = completedBlocks(p, mask, from, middle, now, excludeFlagged, hotfix);
  blocks.values.queueTime = startedBlocks(p, mask, from, middle, now, excludeFlagged);
  // The means first: the samples' sorts reorder the buffers in place.
  const means = indicators(blocks);
  let largest = 0;
  for (const m of DURATION_METRICS) largest = Math.max(largest, blocks.values[m][0].length, blocks.values[m][1].length);
  const sorting: Sorting = { rows: new Uint32Array(largest), scratch: scratch && scratch.rows.length >= largest ? scratch : sortScratch(largest) };
  return {
    samples: { before: sample(blocks, 0, from, middle, historyStart, sorting), after: sample(blocks, 1, middle, now, historyStart, sorting) },
    from: middle,
    to: now,
    previousFrom: from,
    indicators: means,
  };
}

/** One metric's buffer as its two blocks: `[0, at)` the earlier, `[at, n)` the later. */
const split = (all: Float64Array, n: number, at: number): [Float64Array, Float64Array] => [all.subarray(0, at), all.subarray(at, n)];

/**
 * Both blocks' counts and their lead time, recovery and duration values, from the deployments that completed
 * in `[from, now)`. The rows come in completion order, so the earlier block's values fill each buffer before
 * the later block's: one typed buffer per metric, as long as the two blocks' rows, and where the later begins.
 */
function completedBlocks(p: PreparedHistory, mask: Uint8Array, from: number, middle: number, now: number, excludeFlagged: boolean, hotfix: Uint8Array | null): Blocks {
  const d = p.history.deployments;
  const assembled = p.history.releases.assembled;
  // index 0 = previous block, 1 = current block
  const blocks: Blocks = { successful: [0, 0], failed: [0, 0], rework: [0, 0], deployments: [0, 0], values: {} as Blocks['values'] };
  const leadMask = excludeFlagged ? FLAG_MASK.leadTime : 0;
  const recoveryMask = excludeFlagged ? FLAG_MASK.recovery : 0;
  const durationMask = excludeFlagged ? FLAG_MASK.duration : 0;
  const rows = p.byCompleted;
  const start = lowerBound(rows, d.completed, from);
  const end = lowerBound(rows, d.completed, now);
  const lead = new Float64Array(end - start);
  const recovery = new Float64Array(end - start);
  const duration = new Float64Array(end - start);
  let nLead = 0;
  let nRecovery = 0;
  let nDuration = 0;
  let later = [-1, -1, -1];
  for (let j = start; j < end; j++) {
    const i = rows[j];
    if (mask[p.stream[i]] === 0) continue;
    const o = p.outcome[i];
    if (o === Outcome.Excluded) continue;
    const k = d.completed[i] < middle ? 0 : 1;
    if (k === 1 && later[0] < 0) later = [nLead, nRecovery, nDuration];
    blocks.deployments[k]++;
    if (o === Outcome.Success) blocks.successful[k]++;
    if (p.failureKind[i] !== FailureKind.None) blocks.failed[k]++;
    if (p.rework[i] !== 0 || (hotfix !== null && hotfix[p.stream[i]] !== 0)) blocks.rework[k]++;
    const h = p.has[i];
    const f = p.flags[i];
    if ((h & Has.LeadTime) !== 0 && (f & leadMask) === 0) lead[nLead++] = d.completed[i] - assembled[p.leadTimeFrom[i]];
    if ((h & Has.Recovery) !== 0 && (f & recoveryMask) === 0) recovery[nRecovery++] = d.completed[i] - d.completed[p.recoveredFrom[i]];
    if ((h & Has.Duration) !== 0 && (f & durationMask) === 0) duration[nDuration++] = d.completed[i] - d.started[i];
  }
  if (later[0] < 0) later = [nLead, nRecovery, nDuration];
  blocks.values.leadTime = split(lead, nLead, later[0]);
  blocks.values.recovery = split(recovery, nRecovery, later[1]);
  blocks.values.duration = split(duration, nDuration, later[2]);
  return blocks;
}

/** Both blocks' queue time values, by start (`[from, now)`, in start order). */
function startedBlocks(p: PreparedHistory, mask: Uint8Array, from: number, middle: number, now: number, excludeFlagged: boolean): [Float64Array, Float64Array] {
  const d = p.history.deployments;
  const queueMask = excludeFlagged ? FLAG_MASK.queueTime : 0;
  const rows = p.byStarted;
  const start = lowerBound(rows, d.started, from);
  const end = lowerBound(rows, d.started, now);
  const queue = new Float64Array(end - start);
  let n = 0;
  let later = -1;
  for (let j = start; j < end; j++) {
    const i = rows[j];
    if (mask[p.stream[i]] === 0) continue;
    if ((p.has[i] & Has.QueueTime) === 0 || (p.flags[i] & queueMask) !== 0) continue;
    if (later < 0 && d.started[i] >= middle) later = n;
    queue[n++] = d.started[i] - d.queued[i];
  }
  return split(queue, n, later < 0 ? n : later);
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
  /** Each metric's values of each block, in time order. */
  values: Record<DurationMetric, [Float64Array, Float64Array]>;
}

function indicators(b: Blocks): Insights['trend28']['indicators'] {
  const mean = (m: DurationMetric, k: number) => {
    const v = b.values[m][k];
    let sum = 0;
    for (let j = 0; j < v.length; j++) sum += v[j];
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

/** What the samples' sorts share: a row per value (unused, the sort's payload) and the sort's working memory. */
interface Sorting {
  rows: Uint32Array;
  scratch: SortScratch;
}

function sample(b: Blocks, k: number, from: number, to: number, historyStart: number | null, sorting: Sorting): PeriodSample {
  // Radix sorted in place (whole milliseconds), as the window's values are: a comparison sort of JS arrays
  // cost ~30 ms at 1M.
  const sorted = (m: DurationMetric) => {
    const v = b.values[m][k];
    return sortValues(sorting.rows.subarray(0, v.length), v, sorting.scratch, true).values;
  };
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
