import { computeInsights } from './compute-insights';
import { DAY_MS } from './constants';
import { rowColumns } from './deployment-rows';
import { hodgesLehmann, type ShiftEstimate } from './hodges-lehmann';
import type { PreparedHistory } from './prepare';
import { type RankSumResult, rankSumTest } from './rank-sum-test';
import { type RateDifference, rateDifference } from './rate-difference';
import { type RateChange, rateRatioTest } from './rate-ratio-test';
import { streamMask } from './stream-mask';
import { type ProportionChange, twoProportionTest } from './two-proportion-test';
import type { InsightsQuery, PeriodMetrics } from './types';
import { FLAG_MASK } from './window-pass';
import { leadTimeOf, recoveryOf } from './deployment-values';

export interface BeforeAfterWindows {
  /** `[at − days, at)`. */
  before: { from: number; to: number };
  /** `[at, at + days)`. */
  after: { from: number; to: number };
  /** Whole days on each side. */
  days: number;
}

/**
 * Two windows of equal length on either side of a change at `at`: as many whole days as have passed since
 * it, at most `maxDays` (a long "after" would mix the change with whatever came later), and no further back
 * than the day of `earliest`, the view's first deployment (a "before" reaching into days with no history
 * would read as a change that never happened). `null` when there is not a whole day on either side.
 *
 * @example
 * beforeAfterWindows(Date.UTC(2026, 5, 1), Date.UTC(2026, 5, 11, 9), 90)
 * //=> { before: { from: 2026-05-22, to: 2026-06-01 }, after: { from: 2026-06-01, to: 2026-06-11 }, days: 10 }
 */
export function beforeAfterWindows(at: number, now: number, maxDays: number, earliest = Number.NEGATIVE_INFINITY): BeforeAfterWindows | null {
  const days = Math.min(Math.floor(maxDays), Math.floor((now - at) / DAY_MS), Math.ceil((at - earliest) / DAY_MS));
  if (!(days >= 1)) return null;
  const length = days * DAY_MS;
  return { before: { from: at - length, to: at }, after: { from: at, to: at + length }, days };
}

/** A duration metric before vs after: how far its values moved and whether that is beyond noise. */
export interface DurationChange {
  /** after − before (Hodges-Lehmann, ms) with its 95 % interval; null under 3 values on a side. */
  shift: ShiftEstimate | null;
  /** Wilcoxon rank-sum test; null ("not enough data") under 3 values on a side. */
  test: RankSumResult | null;
}

export interface BeforeAfter {
  windows: BeforeAfterWindows;
  /** The figures of each window, as the cards compute them. */
  before: PeriodMetrics;
  after: PeriodMetrics;
  frequency: {
    /** Successful deployments per week, after − before, with its interval and the ratio. */
    perWeek: RateDifference | null;
    test: RateChange | null;
  };
  /** Failure rate: difference, interval and test; null ("not enough data") when the test's approximation does not hold. */
  failureRate: ProportionChange | null;
  leadTime: DurationChange;
  recovery: DurationChange;
}

/** A duration metric's values of deployments completed in `[from, to)` (the cards' values: NaN = none, flagged ones left out when asked). */
function durations(p: PreparedHistory, from: number, to: number, mask: Uint8Array, metric: 'leadTime' | 'recovery', excludeFlagged: boolean): number[] {
  const rows = rowColumns(p, from, to, mask);
  const durationOf = metric === 'leadTime' ? leadTimeOf : recoveryOf;
  const flagMask = excludeFlagged ? FLAG_MASK[metric] : 0;
  const out: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const i = rows.index[k];
    const value = durationOf(p, i);
    if (Number.isNaN(value) || (p.flags[i] & flagMask) !== 0) continue;
    out.push(value);
  }
  return out;
}

/** When the filter's first deployment before `at` completed (+∞: none). */
function firstCompleted(p: PreparedHistory, at: number, mask: Uint8Array): number {
  const rows = rowColumns(p, Number.NEGATIVE_INFINITY, at, mask);
  return rows.length > 0 ? p.history.deployments.completed[rows.index[0]] : Number.POSITIVE_INFINITY;
}

/**
 * Each DORA metric before vs after a change at `at` (a date mark, an event of the project), over equal
 * windows ({@link beforeAfterWindows}), for the query's filter: the windows' own figures (computed exactly as
 * the cards', the "after" window as the period and the "before" one as its previous equal period), and for
 * each metric the difference with its 95 % interval and whether it is distinguishable from noise —
 * frequency: Poisson rate difference and ratio (per week) with the rate-ratio test; failure rate: the
 * two-proportion z test and its interval; lead time and time to recovery: the Hodges-Lehmann shift with its
 * distribution-free interval and the rank-sum test. The windows end by `end` (default the query's `now`; the
 * panel passes its range's end, so a view of the past compares within it) and begin no earlier than the day
 * of the filter's first deployment in the history. `null` when there is not a whole day on either side.
 *
 * @example
 * const change = beforeAfter(prepared, { ...panelQuery }, Date.UTC(2026, 5, 1), 90);
 * change?.leadTime.shift?.shift // ms, negative: faster after the change
 */
export function beforeAfter(p: PreparedHistory, query: InsightsQuery, at: number, maxDays: number, end = query.now): BeforeAfter | null {
  const mask = streamMask(p.streams, p.history.dims, query.filter);
  const windows = beforeAfterWindows(at, Math.min(end, query.now), maxDays, firstCompleted(p, at, mask));
  if (!windows) return null;
  const insights = computeInsights(p, { ...query, range: { from: windows.after.from, to: windows.after.to }, alignStart: false, granularity: 'month' });
  const before = insights.previous;
  const after = insights.summary;
  const excludeFlagged = query.excludeFlagged ?? false;
  const duration = (metric: 'leadTime' | 'recovery'): DurationChange => {
    const a = durations(p, windows.before.from, windows.before.to, mask, metric, excludeFlagged);
    const b = durations(p, windows.after.from, windows.after.to, mask, metric, excludeFlagged);
    return { shift: hodgesLehmann(a, b), test: rankSumTest(a, b) };
  };
  const weeks = windows.days / 7;
  const x1 = before.frequency.successful;
  const x2 = after.frequency.successful;
  return {
    windows,
    before,
    after,
    frequency: { perWeek: rateDifference(x1, weeks, x2, weeks), test: rateRatioTest(x1, windows.days, x2, windows.days) },
    failureRate: twoProportionTest(before.failureRate.failed, before.failureRate.total, after.failureRate.failed, after.failureRate.total),
    leadTime: duration('leadTime'),
    recovery: duration('recovery'),
  };
}
