import { Exclusion, FailureKind, Outcome } from './constants';
import { type DeploymentFacts, type ReleaseFacts, TaskState } from './facts';

export interface Classification {
  /** An {@link Outcome} code per deployment. */
  outcome: Uint8Array;
  /** A {@link FailureKind} code per deployment (`None` unless the outcome is `Failure`). */
  failureKind: Uint8Array;
  /** An {@link Exclusion} code per deployment (`None` unless the outcome is `Excluded`). */
  exclusion: Uint8Array;
}

/**
 * Classifies each deployment as Octopus's Insights does (docs/octopus-api.md §1.2):
 *
 * - **success**: task `Success` and no guided failure (and, when `blockedIsFailure`, its release is not
 *   blocked by prevent-progression);
 * - **failure**: task `Failed` (kind `TaskFailed`, whatever the guided-failure flag), or task `Success` with
 *   a guided failure (`GuidedFailure`), or task `Success` of a blocked release when `blockedIsFailure`
 *   (`Blocked`, on by default; Octopus's overview counts releases marked "Do not promote");
 * - **excluded** from every rate: `Canceled`, `TimedOut`, and anything unfinished (`Queued`, `Executing`,
 *   `Cancelling`, or no completion time).
 *
 * `releases.blocked` is the release's current state: unblocking a release later turns its deployments back
 * into successes.
 *
 * @example
 * classifyDeployments(history.deployments, history.releases).outcome
 * //=> Uint8Array [1, 2, 0, …]  (Outcome.Success, Outcome.Failure, Outcome.Excluded, …)
 */
export function classifyDeployments(
  deployments: DeploymentFacts,
  releases: ReleaseFacts,
  blockedIsFailure = true,
): Classification {
  const n = deployments.length;
  const outcome = new Uint8Array(n);
  const failureKind = new Uint8Array(n);
  const exclusion = new Uint8Array(n);
  const { state, guidedFailure, completed, release } = deployments;
  const blocked = releases.blocked;
  const releaseCount = releases.length;
  for (let i = 0; i < n; i++) {
    const s = state[i];
    if (Number.isNaN(completed[i])) {
      exclusion[i] = Exclusion.Unfinished;
      continue;
    }
    if (s === TaskState.Success) {
      if (guidedFailure[i] === 1) {
        outcome[i] = Outcome.Failure;
        failureKind[i] = FailureKind.GuidedFailure;
      } else if (blockedIsFailure && release[i] >= 0 && release[i] < releaseCount && blocked[release[i]] === 1) {
        outcome[i] = Outcome.Failure;
        failureKind[i] = FailureKind.Blocked;
      } else {
        outcome[i] = Outcome.Success;
      }
    } else if (s === TaskState.Failed) {
      outcome[i] = Outcome.Failure;
      failureKind[i] = FailureKind.TaskFailed;
    } else if (s === TaskState.Canceled) {
      exclusion[i] = Exclusion.Canceled;
    } else if (s === TaskState.TimedOut) {
      exclusion[i] = Exclusion.TimedOut;
    } else {
      exclusion[i] = Exclusion.Unfinished;
    }
  }
  return { outcome, failureKind, exclusion };
}
