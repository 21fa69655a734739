import type { History } from './facts';
import type { Insights, ReleaseFailures, ReleaseRecovery } from './types';
import type { ReleaseCounts } from './window-pass';

export interface ReleaseImpactInput {
  history: History;
  /** The releases with deployments in the window, and their counts (failures as the failure rate counts them). */
  releases: ReleaseCounts;
  recoveredFrom: Int32Array;
  limit: number;
}

/**
 * The releases with the most impact in the window: most failed deployments (ties: more deployments, then
 * release index), and longest recovery from a failure run that the release started (the release of the
 * run's first failed deployment; ties by release index). Recoveries still open are in
 * `beyondOctopus.unrecovered` instead. Cost: the releases touched by the window, not every release.
 *
 * @example
 * releaseImpact(input).mostFailures[0]
 * //=> { release: 41, version: '2.3.0', project: 'Payments', failures: 4, deployments: 9 }
 */
export function releaseImpact(input: ReleaseImpactInput): Insights['beyondOctopus']['releases'] {
  const { history, limit } = input;
  const { release, failures, deployments, recoveryMs, recoveredBy } = input.releases;
  const r = history.releases;
  const describe = (k: number) => ({
    release: release[k],
    version: r.version[release[k]] ?? '',
    project: history.dims.projects[r.project[release[k]]]?.name ?? '',
  });
  const failing: number[] = [];
  const recovered: number[] = [];
  for (let k = 0; k < release.length; k++) {
    if (failures[k] > 0) failing.push(k);
    if (!Number.isNaN(recoveryMs[k])) recovered.push(k);
  }
  failing.sort((a, b) => failures[b] - failures[a] || deployments[b] - deployments[a] || release[a] - release[b]);
  recovered.sort((a, b) => recoveryMs[b] - recoveryMs[a] || release[a] - release[b]);
  const mostFailures: ReleaseFailures[] = failing
    .slice(0, limit)
    .map((k) => ({ ...describe(k), failures: failures[k], deployments: deployments[k] }));
  const longestRecovery: ReleaseRecovery[] = recovered.slice(0, limit).map((k) => ({
    ...describe(k),
    recoveryMs: recoveryMs[k],
    firstFailure: input.recoveredFrom[recoveredBy[k]],
    recoveredBy: recoveredBy[k],
  }));
  return { mostFailures, longestRecovery };
}
