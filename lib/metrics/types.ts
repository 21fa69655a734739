/**
 * Options and results of the metrics. Types only. Anything that Octopus's Insights does not compute sits
 * under a `beyondOctopus` key, so the UI can label it as ours.
 *
 * Conventions: times are UTC epoch milliseconds, durations are milliseconds, windows are half-open
 * `[from, to)` (start inclusive, end exclusive). `null` means "no value" (for example n = 0).
 */

import type { FlagName, ReworkReason } from './constants';
import type { TaskStateName } from './facts';

export type Granularity = 'day' | 'week' | 'month';
export type WeekStart = 'sunday' | 'monday';
export type RangePreset = 'last7Days' | 'lastMonth' | 'lastQuarter' | 'lastYear';
/** A preset relative to `now`, or an explicit `[from, to)`. */
export type RangeSpec = { preset: RangePreset } | { from: number; to: number };
export type TierYear = 2021 | 2023 | 2024;
export type TierName = 'elite' | 'high' | 'medium' | 'low';
/** The metrics that have a trend indicator (rework rate: ours, with Octopus's rule). */
export type TrendMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery' | 'reworkRate' | 'duration' | 'queueTime';
/** The four DORA metrics with published performance bands (tiers). */
export type DoraMetric = 'frequency' | 'leadTime' | 'failureRate' | 'recovery';
/**
 * DORA's five software delivery metrics (rankings, significance): the four with tiers plus deployment
 * rework rate, for which DORA publishes no bands (lib/metrics/README.md).
 */
export type DeliveryMetric = DoraMetric | 'reworkRate';

// ------------------------------------------------------------------------------------------------ filters

/** Which tenants' deployments pass. */
export interface TenantSelection {
  /** Include untenanted deployments. Default `true`. */
  untenanted?: boolean;
  /**
   * Tenanted deployments: `'all'` (default), `'none'`, or the tenants listed by index and/or matching
   * tenant tags (union of the two). Tags follow Octopus: within one tag set any tag matches, across tag sets
   * all sets must match (`"Region/EU"` and `"Tier/Gold"` = EU and Gold; `"Region/EU"` and `"Region/US"` =
   * EU or US).
   */
  tenants?: 'all' | 'none' | { ids?: readonly number[]; tags?: readonly string[] };
}

/** A named set of environments, like an Octopus report's environment group. */
export interface EnvironmentGroup {
  name: string;
  environments: readonly number[];
}

/**
 * Which deployments a query sees. Every field is optional (absent = no restriction). Different
 * dimensions combine with AND; within the environment dimension `environments` and `environmentGroups`
 * combine with OR (a group is a named list of environments). All values are indices into `History.dims`.
 * For Octopus report semantics ("project groups, projects and channels select releases by union, default
 * channels only") build the channel list with {@link import('./report-channels').reportChannels}.
 */
export interface DeploymentFilter {
  projects?: readonly number[];
  projectGroups?: readonly number[];
  channels?: readonly number[];
  environments?: readonly number[];
  environmentGroups?: readonly EnvironmentGroup[];
  tenants?: TenantSelection;
}

// ------------------------------------------------------------------------------------------------ queries

export interface PrepareOptions {
  /**
   * Count a successful deployment whose release is blocked by "prevent progression" (an unresolved
   * defect, `releases.blocked`) as a failure **in the failure rate only**: Octopus's overview counts
   * deployments whose release is marked "Do not promote"; its metrics page does not. Frequency, lead time,
   * previous success and recovery always use the task's own outcome. Default `true`.
   */
  blockedIsFailure?: boolean;
  /** Durations above these (ms) are flagged as implausible. Defaults: lead time and recovery 365 days,
   * deployment duration and queue time 7 days. */
  implausibleMs?: Partial<Record<'leadTime' | 'recovery' | 'duration' | 'queueTime', number>>;
}

export interface WindowQuery {
  /** The current instant (UTC ms). Presets are relative to it; nothing reads a clock. */
  now: number;
  range: RangeSpec;
  /** IANA zone for calendar presets and bucket edges. Default `'UTC'`. */
  timeZone?: string;
  /** Move the window start back to the start of its first bucket. Default `false`. */
  alignStart?: boolean;
  filter?: DeploymentFilter;
  /**
   * Channels (indices) the user marks as hotfix channels: every counted deployment of a release in one of
   * them is rework. Default none.
   */
  hotfixChannels?: readonly number[];
}

export interface InsightsQuery extends WindowQuery {
  granularity: Granularity;
  /** First day of a week bucket. Default `'sunday'`, like Octopus. */
  weekStart?: WeekStart;
  /** DORA report whose performance tiers are used. Default 2024. */
  tierYear?: TierYear;
  /** Leave flagged (negative or implausible) values out of the statistics. Default `false` (Octopus keeps them). */
  excludeFlagged?: boolean;
  rankings?: RankingOptions;
}

export interface RankingOptions {
  /** Entries in each best / worst list. Default 5. */
  limit?: number;
  /** Minimum deployments (successful + failed) for frequency and failure-rate rankings and tiers. Default 10. */
  minDeployments?: number;
  /** Minimum values for lead-time and recovery rankings and tiers. Default 5. */
  minValues?: number;
  /** Entries in the release impact lists. Default 10. */
  releaseLimit?: number;
}

// ------------------------------------------------------------------------------------------------ results

export interface ResolvedWindow {
  from: number;
  to: number;
  /** The previous period of equal length: `[from - (to - from), from)`. */
  previousFrom: number;
  previousTo: number;
  timeZone: string;
  granularity: Granularity;
  weekStart: WeekStart;
  /** Bucket edges clipped to the window: bucket k is `[edges[k], edges[k + 1])`; `edges.length = buckets + 1`. */
  edges: Float64Array;
  /**
   * Calendar edges in the zone, unclipped: bucket k spans `[calendar[k], calendar[k + 1])` on the calendar
   * (the first may start before `from`, the last end after `to`). Same length as `edges`.
   */
  calendar: Float64Array;
}

export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** Achieved coverage (the order-statistic interval is conservative: at least the nominal level). */
  coverage: number;
}

/** Count, mean, median, p95, min, max of a sample: Octopus's interval statistics. */
export interface SampleStats {
  count: number;
  mean: number | null;
  median: number | null;
  /** 95th percentile (linear interpolation between order statistics, type 7). */
  p95: number | null;
  min: number | null;
  max: number | null;
  beyondOctopus: {
    p25: number | null;
    p75: number | null;
    /** Distribution-free 95 % interval for the median (binomial order statistics); `null` below n = 6. */
    medianCi95: ConfidenceInterval | null;
  };
}

export interface FailureRateStats {
  /** Successful deployments that count as successes here: `frequency.successful - blocked`. */
  successful: number;
  /** All failures: `taskFailed + guidedFailure + blocked`. */
  failed: number;
  /** Task state `Failed` (Octopus `DeploymentFailure`). */
  taskFailed: number;
  /** `Success` with guided failure (Octopus `SuccessfulButHadGuidedFailure`). */
  guidedFailure: number;
  /**
   * `Success` of a release blocked by prevent-progression (when that option is on): a success for frequency
   * and recovery, a failure here.
   */
  blocked: number;
  /** `successful + failed`, each deployment once: Canceled, TimedOut and unfinished are left out. */
  total: number;
  /** `failed / total` as a fraction (Octopus's API `Rate`), `null` when total = 0. */
  rate: number | null;
  beyondOctopus: {
    /** Wilson score 95 % interval of the rate; `null` when total = 0. */
    wilson95: { lower: number; upper: number } | null;
    /** Deployments that finished in the period but count in no rate. */
    excluded: { canceled: number; timedOut: number };
  };
}

/**
 * DORA's deployment rework rate (ours: Octopus has none): counted deployments (successful + failed, the
 * failure rate's denominator) that are unplanned — a redeploy or rollback of a release at or below the
 * stream's high-water mark, a deployment made during a failure run (after a failure, up to and including
 * the recovery), or a release of a hotfix channel — over the counted deployments.
 */
export interface ReworkRateStats {
  /** Rework deployments, each once whatever its reasons. */
  rework: number;
  /** Successful + failed deployments, each once (the failure rate's `total`). */
  total: number;
  /** `rework / total` as a fraction, `null` when total = 0. */
  rate: number | null;
  /** Wilson score 95 % interval of the rate; `null` when total = 0. */
  wilson95: { lower: number; upper: number } | null;
  /** Rework deployments per reason: one with several reasons counts under each. */
  reasons: Record<ReworkReason, number>;
}

export interface FrequencyStats {
  /** Successful deployments completed in the period (Octopus's deployment frequency), blocked releases' included. */
  successful: number;
  /** `successful` per day over the exact period length. */
  perDay: number;
  /** `successful` per week over the exact period length. */
  perWeek: number;
}

export interface PeriodMetrics {
  from: number;
  to: number;
  /** Period length in days (ms / 86 400 000; a DST day counts 23/24 or 25/24). */
  days: number;
  frequency: FrequencyStats;
  failureRate: FailureRateStats;
  /** Lead time of successful deployments completed in the period. */
  leadTime: SampleStats;
  /** Time since the previous successful deployment in the stream (successful deployments only). */
  sincePrevious: SampleStats;
  /** Time to recovery of recoveries completed in the period (Octopus "MeanTimeToRecovery"). */
  recovery: SampleStats;
  /** Failed deployments in a run before its recovery. */
  deploymentsUntilRecovery: SampleStats;
  /** Start to completion of successful deployments completed in the period. */
  duration: SampleStats;
  /** Queue to start of deployments that started in the period (any outcome). */
  queueTime: SampleStats;
  beyondOctopus: {
    /** DORA's fifth software delivery metric. */
    reworkRate: ReworkRateStats;
  };
}

export interface BucketMetrics extends PeriodMetrics {
  /** Calendar start of the bucket in the zone (may precede the window start). */
  start: number;
  /** Local date of `start`, `YYYY-MM-DD` (Octopus's `StartOfInterval`). */
  label: string;
  /** The bucket is cut by the window. */
  partial: boolean;
}

export type TrendDirection = 'up' | 'down' | 'steady' | 'none';
export type TrendSentiment = 'good' | 'bad' | 'neutral';

export interface TrendResult {
  metric: TrendMetric;
  current: number | null;
  previous: number | null;
  /** `(current - previous) / previous`; `null` when not computable. */
  change: number | null;
  direction: TrendDirection;
  sentiment: TrendSentiment;
  /** Why the direction is `none`. */
  reason: 'too-few-deployments' | 'no-current-value' | 'no-previous-value' | null;
  currentDeployments: number;
  previousDeployments: number;
}

export interface TierResult {
  tier: TierName | null;
  /** The measured value the tier was assigned from (per day, ms, or fraction). */
  value: number | null;
  sample: number;
  /** The value is worse than the worst band of the table (still `low`). */
  beyondLowestBand: boolean;
  /** Tiers at the two ends of the 95 % interval (best end first), when there is an interval. */
  range: [TierName, TierName] | null;
  reason: 'no-data' | 'too-few-values' | null;
}

export interface RankingEntry {
  /** Index into the dimension (`-1` = untenanted for tenants). */
  index: number;
  name: string;
  value: number;
  sample: number;
}

export interface MetricRanking {
  /** Every group with enough data, best first. */
  ranked: RankingEntry[];
  /** Highest performing (best first). */
  best: RankingEntry[];
  /** Lowest performing (worst first). */
  worst: RankingEntry[];
  /** Groups with data but below the minimum sample. */
  belowMinimum: number;
  minSample: number;
}

export type RankingDimension = 'project' | 'environment' | 'tenant';

export interface ReleaseFailures {
  release: number;
  version: string;
  project: string;
  failures: number;
  deployments: number;
}
export interface ReleaseRecovery {
  release: number;
  version: string;
  project: string;
  recoveryMs: number;
  /** The first failed deployment of the run. */
  firstFailure: number;
  /** The successful deployment that ended it. */
  recoveredBy: number;
}

export interface OpenFailure {
  /** The first failed deployment of the unrecovered run. */
  firstFailure: number;
  /** Failed deployments in the run so far. */
  failures: number;
  /** `now - completed(firstFailure)`. */
  openMs: number;
}

export interface MannKendallResult {
  n: number;
  s: number;
  /** Kendall's tau-a: `s / (n (n - 1) / 2)`. */
  tau: number;
  z: number;
  /** Two-sided p-value (normal approximation with tie correction). */
  pValue: number;
  trend: 'increasing' | 'decreasing' | 'none';
  /** Whether the direction is good for the metric (`neutral` when no significant trend at 5 %). */
  sentiment: TrendSentiment;
}

export interface Insights {
  window: ResolvedWindow;
  summary: PeriodMetrics;
  /** The previous period of equal length. */
  previous: PeriodMetrics;
  /** Selected period vs the previous one, with Octopus's indicator rule (≥ 10 deployments, 5 %). */
  comparison: Record<TrendMetric, TrendResult>;
  series: BucketMetrics[];
  /** Octopus's trend indicators: last 28 days vs the 28 before, from `now`, whatever the window. */
  trend28: { from: number; to: number; previousFrom: number; indicators: Record<TrendMetric, TrendResult> };
  /** Deployments matching the filter that had not finished at `now` (in no rate). */
  inProgress: { count: number; queued: number; executing: number; deployments: number[] };
  beyondOctopus: {
    tiers: { year: TierYear } & Record<DoraMetric, TierResult>;
    /** Failure runs with no successful deployment after them as of `now`, first failure before the window end. */
    unrecovered: {
      count: number;
      /** Runs whose first failure completed inside the window. */
      startedInWindow: number;
      oldestOpenMs: number | null;
      /** Oldest first. */
      runs: OpenFailure[];
    };
    /** Negative or implausibly long values among deployments completed in the window. */
    flagged: Record<FlagName, { count: number; deployments: number[] }>;
    rankings: Record<RankingDimension, Record<DeliveryMetric, MetricRanking>>;
    releases: { mostFailures: ReleaseFailures[]; longestRecovery: ReleaseRecovery[] };
    /**
     * Mann-Kendall test over the series (frequency per day, median lead time, failure rate, median recovery,
     * rework rate).
     */
    significance: Record<DeliveryMetric, MannKendallResult | null>;
  };
}

/** One deployment as Octopus's Insights CSV shows it, plus our extra fields. */
export interface DeploymentRow {
  index: number;
  deployment: string;
  project: string;
  release: string;
  channel: string;
  completed: number;
  environment: string;
  /** `null` when untenanted. */
  tenant: string | null;
  state: TaskStateName;
  hadGuidedFailure: boolean;
  leadTimeMs: number | null;
  leadTimeCalculatedFrom: string | null;
  sincePreviousSuccessfulMs: number | null;
  previousSuccessful: string | null;
  timeToRecoveryMs: number | null;
  deploymentsUntilRecovery: number | null;
  recoveryFrom: string | null;
  recoveryFromVersion: string | null;
  beyondOctopus: {
    /** The task's own outcome (frequency, lead time, recovery): a blocked release's success is `success`. */
    outcome: 'success' | 'failure' | 'excluded';
    /**
     * Why the row counts as a failure in the failure rate, `null` when it does not: every `failure`, and a
     * `success` of a blocked release (`blocked`, option `blockedIsFailure`).
     */
    failureKind: 'taskFailed' | 'guidedFailure' | 'blocked' | null;
    delivery: 'first' | 'newChanges' | 'redeploy' | 'rollback' | null;
    /** Why the row is rework (DORA's deployment rework rate); empty when it is not (or is not counted). */
    rework: ReworkReason[];
    flags: FlagName[];
  };
}
