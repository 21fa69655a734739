import { lowerBound } from './lower-bound';
import type { PreparedHistory } from './prepare';
import type { Insights, OpenFailure } from './types';

/**
 * Failure runs not recovered at `now` — right-censored recoveries, reported rather than dropped: runs whose
 * first failure completed before `min(to, now)` in a stream passing the mask, with no successful deployment
 * after them completed before `now` (runs recovered at or after `now` count as open). `openMs` = `now` minus
 * the first failure's completion; oldest first.
 *
 * @example
 * unrecoveredFailures(prepared, mask, window.from, window.to, now)
 * //=> { count: 2, startedInWindow: 1, oldestOpenMs: 950400000, runs: [{ firstFailure: 17, failures: 3, openMs: 950400000 }, …] }
 */
export function unrecoveredFailures(
  p: PreparedHistory,
  mask: Uint8Array,
  from: number,
  to: number,
  now: number,
): Insights['beyondOctopus']['unrecovered'] {
  const completed = p.history.deployments.completed;
  const before = Math.min(to, now);
  const runs: OpenFailure[] = [];
  const { firstFailure, failures } = p.openRuns;
  for (let k = 0; k < firstFailure.length; k++) {
    const f = firstFailure[k];
    if (mask[p.stream[f]] === 0 || !(completed[f] < before)) continue;
    runs.push({ firstFailure: f, failures: failures[k], openMs: now - completed[f] });
  }
  // Recoveries that happen at or after `now` leave their run open at `now`.
  const rows = p.byCompleted;
  for (let j = lowerBound(rows, completed, now); j < rows.length; j++) {
    const i = rows[j];
    const f = p.recoveredFrom[i];
    if (f < 0 || mask[p.stream[i]] === 0 || !(completed[f] < before)) continue;
    runs.push({ firstFailure: f, failures: p.deploymentsUntilRecovery[i], openMs: now - completed[f] });
  }
  runs.sort((a, b) => b.openMs - a.openMs || a.firstFailure - b.firstFailure);
  let startedInWindow = 0;
  for (const run of runs) if (completed[run.firstFailure] >= from) startedInWindow++;
  return { count: runs.length, startedInWindow, oldestOpenMs: runs.length > 0 ? runs[0].openMs : null, runs };
}
