import type { Classification } from './classify-deployments';
import { Delivery, Outcome } from './constants';
import type { History } from './facts';
import type { DeploymentOrder } from './order-deployments';
import type { ReleaseOrder } from './order-releases';

/** Per-deployment results of the stream walk; `NaN` / `-1` / `0` = not applicable. */
export interface StreamFacts {
  /** Successful deployments: completion minus creation of the earliest undelivered release. */
  leadTimeMs: Float64Array;
  /** The release lead time is calculated from (Octopus "Lead Time Calculated From"), or -1. */
  leadTimeFrom: Int32Array;
  /** A {@link Delivery} code. */
  delivery: Uint8Array;
  /** The previous successful deployment in the stream (for successes and failures), or -1. */
  previousSuccess: Int32Array;
  /** Successful deployments that end a run of failures: completion minus the run's first failure's completion. */
  recoveryMs: Float64Array;
  /** Failed deployments in the run that this deployment recovered from (0 = not a recovery). */
  deploymentsUntilRecovery: Uint32Array;
  /** The first failed deployment of the run this deployment recovered from, or -1. */
  recoveredFrom: Int32Array;
  /** Failure runs with no success after them: first failed deployment and run length, in stream order. */
  openRuns: { firstFailure: Uint32Array; failures: Uint32Array };
}

/**
 * The one pass over the deployments sorted by (stream, completion) that yields every per-deployment metric
 * (docs/octopus-api.md §1.3; decisions in lib/metrics/README.md). It follows the task's own outcome
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
 *
 * @example
 * walkStreams(history, classifyDeployments(d, r), orderDeployments(d), orderReleases(r)).leadTimeMs
 * //=> Float64Array [NaN, 3600000, …]
 */
export function walkStreams(
  history: History,
  classification: Classification,
  order: DeploymentOrder,
  releaseOrder: ReleaseOrder,
): StreamFacts {
  const d = history.deployments;
  const assembled = history.releases.assembled;
  const releaseCount = history.releases.length;
  const n = d.length;
  const { outcome } = classification;
  const { byStream, streams } = order;
  const { rank, group, order: releaseAt } = releaseOrder;
  const completed = d.completed;
  const release = d.release;

  const leadTimeMs = new Float64Array(n).fill(Number.NaN);
  const leadTimeFrom = new Int32Array(n).fill(-1);
  const delivery = new Uint8Array(n);
  const previousSuccess = new Int32Array(n).fill(-1);
  const recoveryMs = new Float64Array(n).fill(Number.NaN);
  const deploymentsUntilRecovery = new Uint32Array(n);
  const recoveredFrom = new Int32Array(n).fill(-1);
  const openFirst: number[] = [];
  const openCount: number[] = [];

  for (let s = 0; s < streams.count; s++) {
    let mark = -1; // rank of the newest release delivered to this stream
    let earliestAttempt = -1; // lowest rank attempted before the first success
    let lastSuccess = -1;
    let runFirst = -1;
    let runCount = 0;
    const end = streams.start[s + 1];
    for (let j = streams.start[s]; j < end; j++) {
      const i = byStream[j];
      const o = outcome[i];
      if (o === Outcome.Excluded) continue;
      const rel = release[i];
      const r = rel >= 0 && rel < releaseCount ? rank[rel] : -1;
      previousSuccess[i] = lastSuccess;
      if (o === Outcome.Success) {
        if (r >= 0) {
          let from = -1;
          if (mark < 0 || group[mark] !== group[r]) {
            from = earliestAttempt >= 0 && earliestAttempt < r && group[earliestAttempt] === group[r] ? earliestAttempt : r;
            delivery[i] = Delivery.First;
            mark = r;
          } else if (r > mark) {
            from = mark + 1;
            delivery[i] = Delivery.NewChanges;
            mark = r;
          } else {
            delivery[i] = r === mark ? Delivery.Redeploy : Delivery.Rollback;
          }
          if (from >= 0) {
            const fromRelease = releaseAt[from];
            leadTimeFrom[i] = fromRelease;
            leadTimeMs[i] = completed[i] - assembled[fromRelease];
          }
        }
        if (runFirst >= 0) {
          recoveryMs[i] = completed[i] - completed[runFirst];
          deploymentsUntilRecovery[i] = runCount;
          recoveredFrom[i] = runFirst;
          runFirst = -1;
          runCount = 0;
        }
        lastSuccess = i;
      } else {
        if (runFirst < 0) runFirst = i;
        runCount++;
        if (mark < 0 && r >= 0 && (earliestAttempt < 0 || r < earliestAttempt)) earliestAttempt = r;
      }
    }
    if (runFirst >= 0) {
      openFirst.push(runFirst);
      openCount.push(runCount);
    }
  }
  return {
    leadTimeMs,
    leadTimeFrom,
    delivery,
    previousSuccess,
    recoveryMs,
    deploymentsUntilRecovery,
    recoveredFrom,
    openRuns: { firstFailure: Uint32Array.from(openFirst), failures: Uint32Array.from(openCount) },
  };
}
