/**
 * Codes and units shared by the metric functions. Small integers so they fit the typed arrays of
 * {@link import('./prepare').PreparedHistory}.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** An average Gregorian month (365.25 / 12 days): the unit of the DORA survey's "once per month". */
export const MONTH_MS = (365.25 / 12) * DAY_MS;
/** Six average months: the survey's "once every six months". */
export const SIX_MONTHS_MS = 6 * MONTH_MS;

/**
 * How a deployment counts in Insights (docs/octopus-api.md §1.2): the task's own outcome, used by frequency,
 * lead time, previous success, recovery and every stream walk. The failure rate adds blocked releases on
 * top of it (see {@link FailureKind}).
 */
export const Outcome = {
  /** Canceled, TimedOut, or not finished: left out of every rate and of the stream walk. */
  Excluded: 0,
  /** Task `Success` with no guided failure (whether or not its release is blocked). */
  Success: 1,
  /** Task `Failed`, or `Success` with a guided failure. */
  Failure: 2,
} as const;
export type OutcomeCode = (typeof Outcome)[keyof typeof Outcome];

/**
 * Why a deployment counts as a failure **in the failure rate**; the first that applies, in this order.
 * `None` = it does not.
 */
export const FailureKind = {
  None: 0,
  /** Task state `Failed` (Octopus's `DeploymentFailure`). */
  TaskFailed: 1,
  /** Task `Success` with at least one guided failure (Octopus's `SuccessfulButHadGuidedFailure`). */
  GuidedFailure: 2,
  /**
   * Task `Success` (outcome `Success`), but its release has an unresolved defect ("prevent progression"),
   * with option `blockedIsFailure`: a failure in the failure rate only.
   */
  Blocked: 3,
} as const;
export type FailureKindCode = (typeof FailureKind)[keyof typeof FailureKind];

/** Why a deployment is excluded from rates. */
export const Exclusion = {
  None: 0,
  Canceled: 1,
  TimedOut: 2,
  /** Queued, Executing or Cancelling, or no completion time. */
  Unfinished: 3,
} as const;

/**
 * What a successful deployment delivered to its stream, relative to the newest release already delivered
 * there (the stream's "high-water mark" in release order).
 */
export const Delivery = {
  /** Not a successful deployment, or its release is unknown. */
  None: 0,
  /** The first successful deployment of the stream. */
  First: 1,
  /** A release newer than every release delivered before: new changes, lead time measured. */
  NewChanges: 2,
  /** The newest delivered release again: no new changes, no lead time. */
  Redeploy: 3,
  /** A release older than the newest delivered: a rollback, no new changes, no lead time. */
  Rollback: 4,
} as const;
export type DeliveryCode = (typeof Delivery)[keyof typeof Delivery];

/**
 * Why a deployment counts as **rework** (DORA's deployment rework rate: a deployment that is unplanned), as
 * bits: a deployment counts once whatever its reasons. Only counted deployments (successful + failed) can be
 * rework. The stream walk sets the first three; `Hotfix` depends on the user's per-project setting, so a
 * query adds it (lib/metrics/README.md, decision 10).
 */
export const Rework = {
  /** The newest release already delivered to the stream, deployed again (succeeded or failed). */
  Redeploy: 1,
  /** A release older than the newest delivered one (succeeded or failed). */
  Rollback: 2,
  /** Made while the stream was in a failure run: after a failed deployment, up to and including the recovery. */
  FailureRun: 4,
  /** A release of a channel the user marks as a hotfix channel. */
  Hotfix: 8,
} as const;
export type ReworkReason = 'redeploy' | 'rollback' | 'failureRun' | 'hotfix';
export const REWORK_REASONS: readonly ReworkReason[] = ['redeploy', 'rollback', 'failureRun', 'hotfix'];

/** Bit flags for values that are negative or implausibly long. Flagged values are counted and listed. */
export const Flag = {
  LeadTimeNegative: 1,
  LeadTimeLong: 2,
  DurationNegative: 4,
  DurationLong: 8,
  QueueTimeNegative: 16,
  QueueTimeLong: 32,
  RecoveryLong: 64,
} as const;
export type FlagName = keyof typeof Flag;
export const FLAG_NAMES: readonly FlagName[] = [
  'LeadTimeNegative',
  'LeadTimeLong',
  'DurationNegative',
  'DurationLong',
  'QueueTimeNegative',
  'QueueTimeLong',
  'RecoveryLong',
];

/** Bits of {@link import('./prepare').PreparedHistory.has}: which per-deployment values exist. */
export const Has = {
  LeadTime: 1,
  SincePrevious: 2,
  Recovery: 4,
  Duration: 8,
  QueueTime: 16,
} as const;
