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
  const mostFailures: ReleaseFailures[] = firstOf(failing, limit, (a, b) => failures[b] - failures[a] || deployments[b] - deployments[a] || release[a] - release[b]).map(
    (k) => ({ ...describe(k), failures: failures[k], deployments: deployments[k] }),
  );
  const longestRecovery: ReleaseRecovery[] = firstOf(recovered, limit, (a, b) => recoveryMs[b] - recoveryMs[a] || release[a] - release[b]).map((k) => ({
    ...describe(k),
    recoveryMs: recoveryMs[k],
    firstFailure: input.recoveredFrom[recoveredBy[k]],
    recoveredBy: recoveredBy[k],
  }));
  return { mostFailures, longestRecovery };
}

/** The first `limit` of `items` in `compare`'s order (a total order): a window may touch thousands of releases, the lists show ten. */
function firstOf(items: number[], limit: number, compare: (a: number, b: number) => number): number[] {
  const top: number[] = [];
  if (limit <= 0) return top;
  for (const item of items) {
    if (top.length === limit && compare(item, top[limit - 1]) >= 0) continue;
    let at = top.length === limit ? limit - 1 : top.length;
    while (at > 0 && compare(item, top[at - 1]) < 0) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = item;
  }
  return top.slice(0, limit);
}
