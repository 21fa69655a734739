import { DAY_MS } from './constants';
import { quantileSorted } from './quantile-sorted';
import { rankSumTest } from './rank-sum-test';
import { rateRatioTest } from './rate-ratio-test';
import { twoProportionTest } from './two-proportion-test';
import type { TrendMetric, TrendSentiment } from './types';

/** The durations compared by their medians (deployments until recovery is a count, not compared). */
export type DurationMetric = 'leadTime' | 'recovery' | 'duration' | 'queueTime';
export const DURATION_METRICS: readonly DurationMetric[] = ['leadTime', 'recovery', 'duration', 'queueTime'];

/** What one side of a comparison holds: its counts and each duration's values, ascending. */
export interface PeriodSample {
  from: number;
  to: number;
  /** Days with history (the frequency's rate is over these; 0: all of it before the history starts). */
  coveredDays: number;
  successful: number;
  /** Failures in the failure rate. */
  failed: number;
  /** Rework deployments (the rework rate's numerator). */
  rework: number;
  /** Successful + failed, each deployment once. */
  total: number;
  values: Record<DurationMetric, ArrayLike<number>>;
}

export interface ChangeSide {
  from: number;
  to: number;
  /** The headline figure: successful deployments per week (frequency), the rate (failure rate), the median (ms). */
  value: number | null;
  /** Its sample: successful deployments (frequency), successful + failed (failure rate), values (durations). */
  n: number;
  /** Frequency: successful deployments; failure rate: failures. */
  count: number;
  /** Days with history. */
  days: number;
}

/**
 * A metric in one period against another, with whether the difference is distinguishable from noise — ours,
 * beyond Octopus (whose indicator compares means with a fixed 5 % band and no test).
 */
export interface MetricChange {
  metric: TrendMetric;
  test: 'rate-ratio' | 'two-proportion' | 'rank-sum';
  before: ChangeSide;
  after: ChangeSide;
  /** `(after − before) / before` of the headline figure; `null` when before is 0 or a side has none. */
  change: number | null;
  direction: 'up' | 'down' | 'same';
  /** Two-sided; `null` when the test's sample rule is not met (`reason`). */
  pValue: number | null;
  significant: boolean;
  /** Good or bad for the metric only when significant; `neutral` otherwise. */
  sentiment: TrendSentiment;
  /**
   * `no-history`: the earlier period is all before the history starts; `not-enough-data`: too few
   * deployments or values for the test (its rule, in ./rate-ratio-test.ts, ./two-proportion-test.ts,
   * ./rank-sum-test.ts).
   */
  reason: 'no-history' | 'not-enough-data' | null;
}

const side = (s: PeriodSample, value: number | null, n: number, count: number): ChangeSide => ({ from: s.from, to: s.to, value, n, count, days: s.coveredDays });

function judge(
  metric: TrendMetric,
  test: MetricChange['test'],
  before: ChangeSide,
  after: ChangeSide,
  result: { pValue: number } | null,
  noHistory: boolean,
): MetricChange {
  const b = before.value;
  const a = after.value;
  const change = a === null || b === null || b === 0 ? null : (a - b) / Math.abs(b);
  const direction = a === null || b === null || a === b ? 'same' : a > b ? 'up' : 'down';
  const reason = noHistory ? 'no-history' : result === null ? 'not-enough-data' : null;
  const pValue = reason ? null : result!.pValue;
  const significant = pValue !== null && pValue < 0.05 && direction !== 'same';
  const good = direction === 'up' ? metric === 'frequency' : metric !== 'frequency';
  return { metric, test, before, after, change, direction, pValue, significant, sentiment: significant ? (good ? 'good' : 'bad') : 'neutral', reason };
}

/**
 * Each metric's headline figure in `after` against `before`, tested for noise: frequency as a rate over the
 * days with history (conditional binomial comparison of two Poisson rates), the failure rate as a proportion
 * (two-proportion z test), durations by their whole distributions (Wilcoxon rank-sum), shown by their
 * medians. "Not enough data" where a test's sample rule fails; "no history" where `before` lies wholly
 * before the history starts.
 *
 * @example
 * metricChanges(previous, current).frequency
 * //=> { before: { value: 2.8, count: 36, days: 91, … }, after: { value: 8.8, count: 114, … }, change: 2.17, pValue: 2e-10, significant: true, sentiment: 'good', … }
 */
export function metricChanges(before: PeriodSample, after: PeriodSample): Record<TrendMetric, MetricChange> {
  const noHistory = before.coveredDays <= 0;
  const perWeek = (s: PeriodSample) => (s.coveredDays > 0 ? (s.successful / s.coveredDays) * 7 : null);
  const rate = (s: PeriodSample, count: number) => (s.total > 0 ? count / s.total : null);
  const duration = (metric: DurationMetric): MetricChange => {
    const x = before.values[metric];
    const y = after.values[metric];
    return judge(metric, 'rank-sum', side(before, quantileSorted(x, 0.5), x.length, x.length), side(after, quantileSorted(y, 0.5), y.length, y.length), rankSumTest(y, x), noHistory);
  };
  return {
    frequency: judge(
      'frequency',
      'rate-ratio',
      side(before, perWeek(before), before.successful, before.successful),
      side(after, perWeek(after), after.successful, after.successful),
      noHistory ? null : rateRatioTest(before.successful, before.coveredDays, after.successful, after.coveredDays),
      noHistory,
    ),
    failureRate: judge(
      'failureRate',
      'two-proportion',
      side(before, rate(before, before.failed), before.total, before.failed),
      side(after, rate(after, after.failed), after.total, after.failed),
      twoProportionTest(before.failed, before.total, after.failed, after.total),
      noHistory,
    ),
    reworkRate: judge(
      'reworkRate',
      'two-proportion',
      side(before, rate(before, before.rework), before.total, before.rework),
      side(after, rate(after, after.rework), after.total, after.rework),
      twoProportionTest(before.rework, before.total, after.rework, after.total),
      noHistory,
    ),
    leadTime: duration('leadTime'),
    recovery: duration('recovery'),
    duration: duration('duration'),
    queueTime: duration('queueTime'),
  };
}

/** Days between two instants, for {@link PeriodSample.coveredDays}: `[max(from, start), to)`. */
export const coveredDays = (from: number, to: number, historyStart: number | null): number =>
  historyStart === null ? 0 : Math.max(0, to - Math.max(from, historyStart)) / DAY_MS;
