import type { Classification } from './classify-deployments';
import { DAY_MS, Delivery, Flag, Has, Outcome, Rework } from './constants';
import type { History } from './facts';
import type { DeploymentOrder } from './order-deployments';
import type { ReleaseOrder } from './order-releases';

/** Per-deployment results of the stream walk; `NaN` / `-1` / `0` = not applicable. */
export interface StreamFacts {
  /**
   * The release lead time is calculated from (Octopus "Lead Time Calculated From"), or -1: successful
   * deployments' lead time is their completion minus its creation (`leadTimeOf` in ./deployment-values.ts).
   */
  leadTimeFrom: Int32Array;
  /** A {@link Delivery} code. */
  delivery: Uint8Array;
  /** The previous successful deployment in the stream (for successes and failures), or -1. */
  previousSuccess: Int32Array;
  /** Failed deployments in the run that this deployment recovered from (0 = not a recovery). */
  deploymentsUntilRecovery: Uint32Array;
  /**
   * The first failed deployment of the run this deployment recovered from, or -1: a recovery's time is its
   * completion minus that failure's (`recoveryOf` in ./deployment-values.ts).
   */
  recoveredFrom: Int32Array;
  /** Failure runs with no success after them: first failed deployment and run length, in stream number order. */
  openRuns: { firstFailure: Uint32Array; failures: Uint32Array };
  /**
   * {@link Rework} bits per deployment (`Redeploy`, `Rollback`, `FailureRun`; a query adds `Hotfix`): why a
   * counted deployment is rework; 0 = planned, or not counted.
   */
  rework: Uint8Array;
  /** {@link Flag} bits per deployment: negative or implausibly long values. */
  flags: Uint8Array;
  /** {@link Has} bits per deployment: which values exist. */
  has: Uint8Array;
}

/** Values above these (ms) are flagged as implausible. */
export interface ImplausibleLimits {
  leadTime: number;
  recovery: number;
  duration: number;
  queueTime: number;
}

/** A stream's state in the walk, by slot: */
const MARK = 0; // rank of the newest release delivered to the stream, or -1
const MARK_GROUP = 1; // its project+channel group
const EARLIEST = 2; // lowest rank attempted before the first success, or -1
const EARLIEST_GROUP = 3;
const LAST_SUCCESS = 4; // the stream's latest successful deployment, or -1
const RUN_FIRST = 5; // the first failure of the run the stream is in, or -1
const RUN_COUNT = 6; // failures in that run
const STATE_SLOTS = 8;

export const DEFAULT_IMPLAUSIBLE: ImplausibleLimits = { leadTime: 365 * DAY_MS, recovery: 365 * DAY_MS, duration: 7 * DAY_MS, queueTime: 7 * DAY_MS };

/**
 * The one pass over the deployments in completion order that yields every per-deployment metric, stream by
 * stream (docs/octopus-api.md §1.3; decisions in lib/metrics/README.md). It follows the task's own outcome
 * (`classification.outcome`): a successful deployment of a blocked release delivers, recovers and is a
 * previous success like any other (blocked releases count as failures in the failure rate only). Canceled,
 * TimedOut and unfinished deployments are invisible to it. Within a stream, in completion order:
 *
 * - **Previous successful**: the latest successful deployment before this one.
 * - **Lead time** (successful deployments): completion minus the creation (`assembled`) of the earliest
 *   release, in the project+channel's release order (see {@link orderReleases}), whose changes had not yet
 *   reached the stream: the release right after the stream's high-water mark (the newest release delivered
 *   by an earlier successful deployment). This spans never-deployed releases, failed attempts and releases
 *   stopped in an earlier environment (Octopus's examples 1 and 2).
 *   - First successful deployment of a stream: from the earliest release attempted in the stream so far
 *     (this one, or an older one whose deployment failed), never from releases the stream never saw.
 *   - A release at or below the high-water mark (redeploy of the newest delivered release, or rollback to an
 *     older one) delivers no new changes: no lead time; the mark stays the newest delivered.
 * - **Time to recovery**: a successful deployment after one or more failures: its completion minus the
 *   completion of the run's first failure; "deployments until recovery" = failures in the run.
 * - Runs still open at the end of a stream are returned in `openRuns`, never dropped.
 * - **Rework** (successful and failed deployments; DORA's deployment rework rate): a release at or below the
 *   high-water mark (`Redeploy` of the newest delivered release, `Rollback` to an older one — whether the
 *   deployment succeeds or fails), and every deployment made while the stream is in a failure run, after its
 *   first failure up to and including the recovery (`FailureRun`). The first deployment of a stream is
 *   neither. Hotfix channels are the user's setting, added per query.
 * - **Flags** (same pass, every deployment): which values exist (`has`: lead time, since previous,
 *   recovery, duration of a success, queue time) and which are negative or above `limits` (`flags`).
 *
 * @example
 * walkStreams(history, classifyDeployments(d, r), orderDeployments(d), orderReleases(r)).leadTimeFrom
 * //=> Int32Array [-1, 0, …]
 */
export function walkStreams(
  history: History,
  classification: Classification,
  order: DeploymentOrder,
  releaseOrder: ReleaseOrder,
  limits: ImplausibleLimits = DEFAULT_IMPLAUSIBLE,
): StreamFacts {
  const d = history.deployments;
  const assembled = history.releases.assembled;
  const releaseCount = history.releases.length;
  const n = d.length;
  const { outcome } = classification;
  const { byCompleted, unfinished, stream, streams } = order;
  const { rank, group, order: releaseAt } = releaseOrder;
  const { completed, started, queued, release } = d;

  // Every element is written once below, so no fill first.
  const leadTimeFrom = new Int32Array(n);
  const delivery = new Uint8Array(n);
  const previousSuccess = new Int32Array(n);
  const deploymentsUntilRecovery = new Uint32Array(n);
  const recoveredFrom = new Int32Array(n);
  const rework = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const has = new Uint8Array(n);

  // One pass in completion order, each stream's state in small arrays: a stream's deployments come in its
  // own (completed, id) order, so this is the same as walking each stream on its own, without sorting by
  // stream first.
  const S = streams.count;
  // Each stream's state side by side, STATE_SLOTS a stream: a deployment's reads and writes of its stream's
  // state then touch one cache line instead of one in each of seven arrays (thousands of streams, met in
  // no order: at 1M deployments the walk took ~10 % less).
  const state = new Int32Array(S * STATE_SLOTS);
  for (let s = 0; s < S; s++) {
    const b = s * STATE_SLOTS;
    state[b + MARK] = -1;
    state[b + EARLIEST] = -1;
    state[b + LAST_SUCCESS] = -1;
    state[b + RUN_FIRST] = -1;
  }

  // The codes and limits as locals, and the flags computed without branches: the loop then holds no
  // property load and no operation that only a rare case reaches (a rollback, an implausible duration).
  // V8 optimises a loop from what it saw in its first iterations; such an operation, met later, throws the
  // optimised code away and compiles it again (measured: three compiles of ~12 ms each on the first run
  // in a fresh page, the walk meanwhile at baseline speed).
  const EXCLUDED = Outcome.Excluded;
  const SUCCESS = Outcome.Success;
  const { Redeploy: REWORK_REDEPLOY, Rollback: REWORK_ROLLBACK, FailureRun: REWORK_FAILURE_RUN } = Rework;
  const { First: FIRST, NewChanges: NEW_CHANGES, Redeploy: REDEPLOY, Rollback: ROLLBACK } = Delivery;
  const { LeadTime: HAS_LEAD, Recovery: HAS_RECOVERY, SincePrevious: HAS_SINCE, Duration: HAS_DURATION, QueueTime: HAS_QUEUE } = Has;
  const { LeadTimeNegative, LeadTimeLong, RecoveryLong, DurationNegative, DurationLong, QueueTimeNegative, QueueTimeLong } = Flag;
  const leadLimit = limits.leadTime;
  const recoveryLimit = limits.recovery;
  const durationLimit = limits.duration;
  const queueLimit = limits.queueTime;

  for (let j = 0; j < byCompleted.length; j++) {
    const i = byCompleted[j];
    const o = outcome[i];
    let lead = Number.NaN;
    let leadFrom = -1;
    let delivered = 0;
    let previous = -1;
    let recovery = Number.NaN;
    let until = 0;
    let recoveredFromRun = -1;
    let reworked = 0;
    if (o !== EXCLUDED) {
      const b = stream[i] * STATE_SLOTS;
      // The completion order is nearly the index order, and deployments by id name releases made shortly
      // before them: these reads stay close together without a per-deployment copy made first.
      const rel = release[i];
      const r = rel >= 0 && rel < releaseCount ? rank[rel] : -1;
      const g = r >= 0 ? group[rel] : -1;
      const m = state[b + MARK];
      previous = state[b + LAST_SUCCESS];
      // Both judged before this deployment changes the stream: the mark it was deployed against, the run it
      // was deployed into.
      const known = r >= 0 && m >= 0 && state[b + MARK_GROUP] === g;
      reworked = known && r <= m ? (r === m ? REWORK_REDEPLOY : REWORK_ROLLBACK) : 0;
      const first = state[b + RUN_FIRST];
      if (first >= 0) reworked |= REWORK_FAILURE_RUN;
      if (o === SUCCESS) {
        if (r >= 0) {
          let from = -1;
          if (!known) {
            const e = state[b + EARLIEST];
            from = e >= 0 && e < r && state[b + EARLIEST_GROUP] === g ? e : r;
            state[b + MARK_GROUP] = g;
          } else if (r > m) from = m + 1;
          delivered = known ? (r > m ? NEW_CHANGES : r === m ? REDEPLOY : ROLLBACK) : FIRST;
          if (r > m || !known) state[b + MARK] = r;
          if (from >= 0) {
            leadFrom = releaseAt[from];
            lead = completed[i] - assembled[leadFrom];
          }
        }
        if (first >= 0) {
          recovery = completed[i] - completed[first];
          until = state[b + RUN_COUNT];
          recoveredFromRun = first;
          state[b + RUN_FIRST] = -1;
          state[b + RUN_COUNT] = 0;
        }
        state[b + LAST_SUCCESS] = i;
      } else {
        if (first < 0) state[b + RUN_FIRST] = i;
        state[b + RUN_COUNT]++;
        const e = state[b + EARLIEST];
        if (m < 0 && r >= 0 && (e < 0 || r < e)) {
          state[b + EARLIEST] = r;
          state[b + EARLIEST_GROUP] = g;
        }
      }
    }
    leadTimeFrom[i] = leadFrom;
    delivery[i] = delivered;
    previousSuccess[i] = previous;
    deploymentsUntilRecovery[i] = until;
    recoveredFrom[i] = recoveredFromRun;
    rework[i] = reworked;

    // A missing value (NaN) sets no flag; NaN compares false both ways, so the limits below need no check.
    const duration = completed[i] - started[i];
    const queue = started[i] - queued[i];
    const success = o === SUCCESS;
    has[i] =
      (!Number.isNaN(lead) ? HAS_LEAD : 0) |
      (!Number.isNaN(recovery) ? HAS_RECOVERY : 0) |
      (success && previous >= 0 ? HAS_SINCE : 0) |
      (success && !Number.isNaN(duration) ? HAS_DURATION : 0) |
      (!Number.isNaN(queue) ? HAS_QUEUE : 0);
    flags[i] =
      (lead < 0 ? LeadTimeNegative : lead > leadLimit ? LeadTimeLong : 0) |
      (recovery > recoveryLimit ? RecoveryLong : 0) |
      (duration < 0 ? DurationNegative : duration > durationLimit ? DurationLong : 0) |
      (queue < 0 ? QueueTimeNegative : queue > queueLimit ? QueueTimeLong : 0);
  }
  // Unfinished deployments are in no stream: no values but their queue time.
  for (let j = 0; j < unfinished.length; j++) {
    const i = unfinished[j];
    leadTimeFrom[i] = -1;
    previousSuccess[i] = -1;
    recoveredFrom[i] = -1;
    const queue = started[i] - queued[i];
    has[i] = !Number.isNaN(queue) ? HAS_QUEUE : 0;
    flags[i] = queue < 0 ? QueueTimeNegative : queue > queueLimit ? QueueTimeLong : 0;
  }
  const openFirst: number[] = [];
  const openCount: number[] = [];
  for (let s = 0; s < S; s++) {
    const b = s * STATE_SLOTS;
    if (state[b + RUN_FIRST] >= 0) {
      openFirst.push(state[b + RUN_FIRST]);
      openCount.push(state[b + RUN_COUNT]);
    }
  }
  return {
    leadTimeFrom,
    delivery,
    previousSuccess,
    deploymentsUntilRecovery,
    recoveredFrom,
    openRuns: { firstFailure: Uint32Array.from(openFirst), failures: Uint32Array.from(openCount) },
    rework,
    flags,
    has,
  };
}
