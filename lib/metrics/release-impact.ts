import type { History } from './facts';
import type { Insights, ReleaseFailures, ReleaseRecovery } from './types';

export interface ReleaseImpactInput {
  history: History;
  /** Failed deployments per release in the window, as the failure rate counts them (blocked releases' successes with the option). */
  failures: Int32Array;
  /** Successful + failed deployments per release in the window. */
  deployments: Int32Array;
  /** Longest recovery per release whose failure started the run (NaN = none), and the recovering deployment. */
  recovery: Float64Array;
  recoveredBy: Int32Array;
  recoveredFrom: Int32Array;
  limit: number;
}

/**
 * The releases with the most impact in the window: most failed deployments (ties: more deployments, then
 * release index), and longest recovery from a failure run that the release started (the release of the
 * run's first failed deployment; ties by release index). Recoveries still open are in
 * `beyondOctopus.unrecovered` instead.
 *
 * @example
 * releaseImpact(input).mostFailures[0]
 * //=> { release: 41, version: '2.3.0', project: 'Payments', failures: 4, deployments: 9 }
 */
export function releaseImpact(input: ReleaseImpactInput): Insights['beyondOctopus']['releases'] {
  const { history, failures, deployments, recovery, recoveredBy, limit } = input;
  const r = history.releases;
  const describe = (release: number) => ({
    release,
    version: r.version[release] ?? '',
    project: history.dims.projects[r.project[release]]?.name ?? '',
  });
  const failing: number[] = [];
  const recovered: number[] = [];
  for (let k = 0; k < r.length; k++) {
    if (failures[k] > 0) failing.push(k);
    if (!Number.isNaN(recovery[k])) recovered.push(k);
  }
  failing.sort((a, b) => failures[b] - failures[a] || deployments[b] - deployments[a] || a - b);
  recovered.sort((a, b) => recovery[b] - recovery[a] || a - b);
  const mostFailures: ReleaseFailures[] = failing
    .slice(0, limit)
    .map((k) => ({ ...describe(k), failures: failures[k], deployments: deployments[k] }));
  const longestRecovery: ReleaseRecovery[] = recovered.slice(0, limit).map((k) => ({
    ...describe(k),
    recoveryMs: recovery[k],
    firstFailure: input.recoveredFrom[recoveredBy[k]],
    recoveredBy: recoveredBy[k],
  }));
  return { mostFailures, longestRecovery };
}
