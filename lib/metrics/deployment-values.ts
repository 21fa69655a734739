import type { PreparedHistory } from './prepare';

/**
 * Deployment `i`'s lead time (ms): its completion minus the creation of the release it is calculated from
 * (`leadTimeFrom`, the stream walk's); `NaN` = none. Kept as that reference rather than a column of its own:
 * the value is exact from it, and a million deployments' prepare then fills (and faults in) 8 MB less.
 *
 * @example
 * leadTimeOf(prepared, 12) //=> 7200000
 */
export function leadTimeOf(p: PreparedHistory, i: number): number {
  const from = p.leadTimeFrom[i];
  return from >= 0 ? p.history.deployments.completed[i] - p.history.releases.assembled[from] : Number.NaN;
}

/**
 * Deployment `i`'s time to recovery (ms): its completion minus that of the first failure of the run it
 * recovered from (`recoveredFrom`, the stream walk's); `NaN` = not a recovery.
 *
 * @example
 * recoveryOf(prepared, 14) //=> 5400000
 */
export function recoveryOf(p: PreparedHistory, i: number): number {
  const from = p.recoveredFrom[i];
  const completed = p.history.deployments.completed;
  return from >= 0 ? completed[i] - completed[from] : Number.NaN;
}
