import { Exclusion, FailureKind, Outcome } from './constants';
import { type DeploymentFacts, type ReleaseFacts, TaskState } from './facts';

export interface Classification {
  /** An {@link Outcome} code per deployment: the task's own outcome, which every stream walk uses. */
  outcome: Uint8Array;
  /**
   * A {@link FailureKind} code per deployment: why it counts as a failure in the failure rate, `None` when it
   * does not. Every `Failure` outcome has one; a `Success` has one only when its release is blocked and
   * `blockedIsFailure` is on (`Blocked`).
   */
  failureKind: Uint8Array;
  /** An {@link Exclusion} code per deployment (`None` unless the outcome is `Excluded`). */
  exclusion: Uint8Array;
}

/**
 * Classifies each deployment as Octopus's Insights does (docs/octopus-api.md §1.2):
 *
 * - **outcome** (frequency, lead time, previous success, recovery, every stream walk): **success** = task
 *   `Success` and no guided failure; **failure** = task `Failed` (whatever the guided-failure flag) or task
 *   `Success` with a guided failure; **excluded** from every rate: `Canceled`, `TimedOut`, and anything
 *   unfinished (`Queued`, `Executing`, `Cancelling`, or no completion time);
 * - **failure kind** (the failure rate only): `TaskFailed`, `GuidedFailure`, or — when `blockedIsFailure`,
 *   on by default — `Blocked` for a *successful* deployment whose release is blocked by prevent progression:
 *   Octopus's overview counts deployments whose release is marked "Do not promote" in the failure rate,
 *   while the deployment itself succeeded (it stays a success everywhere else). The first kind that applies.
 *
 * `releases.blocked` is the release's current state: unblocking a release later takes its deployments out of
 * the failures again.
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
      } else {
        outcome[i] = Outcome.Success;
        if (blockedIsFailure && release[i] >= 0 && release[i] < releaseCount && blocked[release[i]] === 1) failureKind[i] = FailureKind.Blocked;
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
